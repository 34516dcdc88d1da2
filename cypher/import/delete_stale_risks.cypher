// 快照：删除所导入单位中工作簿已不再列出的风险点 /
// Snapshot: delete the risk points of the imported units that the workbook no longer lists.
// Parameters: $units (list of unit ids being imported), $keep (list of risk ids in the workbook).
// Returns: nothing (the summary counts what was deleted).
MATCH (u:Unit)<-[:IN_UNIT]-(:Process)<-[:IN_PROCESS]-(:Node)<-[:AT]-(r:Risk)
WHERE u.id IN $units AND NOT r.id IN $keep
DETACH DELETE r
