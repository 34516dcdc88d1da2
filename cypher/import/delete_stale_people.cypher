// 快照：删除所导入单位中工作簿已不再列出的人员（连同其人岗、监督关系）/
// Snapshot: delete the people of the imported units that the workbook no longer lists, with their relationships.
// Parameters: $units (list of unit ids being imported), $keep (list of person ids in the workbook).
// Returns: nothing (the summary counts what was deleted).
MATCH (u:Unit)<-[:IN_UNIT]-(p:Person)
WHERE u.id IN $units AND NOT p.id IN $keep
DETACH DELETE p
