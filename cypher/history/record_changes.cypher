// 记录导入的变化 / Remember an import's changes in business terms, linked to the import.
// 每个节点存同一类的一批变化（至多 5000 项），每个字段是一个列表，第 k 项属于第 k 个变化。
// One node per kind and chunk: each field is a list whose k-th entry belongs to the k-th change.
// Parameters: $import_id; $rows: list of node properties {id, kind, import_id, at, seq, count,
//   and lists such as person_id, post_id, role, node_id, risk_id, control_id, duty_a, duty_b, from, to, unit_id}.
// Returns: nothing.
MATCH (i:Import {id: $import_id})
UNWIND $rows AS row
CREATE (c:Change)-[:IN_IMPORT]->(i)
SET c = row
