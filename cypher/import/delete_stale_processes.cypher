// 快照：删除所导入单位中工作簿已不再列出的流程 /
// Snapshot: delete the processes of the imported units that the workbook no longer lists.
// Runs after delete_stale_nodes, so their nodes are already gone.
// Parameters: $units (list of unit ids being imported), $keep (list of process ids in the workbook).
// Returns: nothing (the summary counts what was deleted).
MATCH (u:Unit)<-[:IN_UNIT]-(p:Process)
WHERE u.id IN $units AND NOT p.id IN $keep
DETACH DELETE p
