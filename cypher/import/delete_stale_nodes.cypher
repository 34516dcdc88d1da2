// 快照：删除所导入单位的流程中工作簿已不再列出的节点 /
// Snapshot: delete the nodes of the imported units' processes that the workbook no longer lists.
// Parameters: $units (list of unit ids being imported), $keep (list of node ids in the workbook).
// Returns: nothing (the summary counts what was deleted).
MATCH (u:Unit)<-[:IN_UNIT]-(:Process)<-[:IN_PROCESS]-(n:Node)
WHERE u.id IN $units AND NOT n.id IN $keep
DETACH DELETE n
