// 导入前状态：风险点 / Before an import writes: the risk points it may change.
// 所导入单位各流程环节上的风险点，以及工作簿列出的其他风险点。
// The risks at nodes of the imported units' processes, and other risks the workbook lists.
// Parameters: $units (unit ids), $risks (ids of risks the workbook lists outside those units).
// Returns: one row per unit (null: none): unit_id, items (one list [id, node_id, behavior] per item; few records for many items).
CALL () {
  UNWIND $units AS uid
  MATCH (:Unit {id: uid})<-[:IN_UNIT]-(:Process)<-[:IN_PROCESS]-(n:Node)<-[:AT]-(r:Risk)
  RETURN r, n, uid AS unit_id
  UNION
  UNWIND $risks AS rid
  MATCH (r:Risk {id: rid})
  OPTIONAL MATCH (r)-[:AT]->(n:Node)
  OPTIONAL MATCH (n)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
  RETURN r, n, u.id AS unit_id
}
RETURN unit_id, collect([r.id, n.id, r.behavior]) AS items
