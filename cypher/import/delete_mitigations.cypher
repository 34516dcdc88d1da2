// 快照：删除所导入单位人员的全部补偿措施（随后按工作簿重建）/
// Snapshot: delete every mitigation for a person of the imported units; the workbook's are created afterwards.
// Parameters: $units (list of unit ids being imported).
// Returns: nothing (the summary counts what was deleted).
MATCH (u:Unit)<-[:IN_UNIT]-(:Person)<-[:FOR]-(m:Mitigation)
WHERE u.id IN $units
DETACH DELETE m
