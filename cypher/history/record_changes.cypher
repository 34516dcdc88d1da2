// 记录导入的变化 / Remember an import's changes in business terms, linked to the import.
// Parameters: $import_id; $rows: list of change properties {id, kind, seq, import_id, at, unit_id,
//   person_id, post_id, role, node_id, risk_id, control_id, duty_a, duty_b, from, to, and names}.
// Returns: nothing.
MATCH (i:Import {id: $import_id})
UNWIND $rows AS row
CREATE (c:Change)-[:IN_IMPORT]->(i)
SET c = row
