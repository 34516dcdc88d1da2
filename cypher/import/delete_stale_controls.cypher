// 快照：删除所导入单位中工作簿已不再列出的防控措施 /
// Snapshot: delete the controls of the imported units that the workbook no longer lists.
// Parameters: $units (list of unit ids being imported), $keep (list of control ids in the workbook).
// Returns: nothing (the summary counts what was deleted).
MATCH (u:Unit)<-[:IN_UNIT]-(:Process)<-[:IN_PROCESS]-(:Node)<-[:AT]-(:Risk)<-[:MITIGATES]-(c:Control)
WHERE u.id IN $units AND NOT c.id IN $keep
DETACH DELETE c
