// 导入前状态：风险点 / Before an import writes: the risk points it may change.
// 所导入单位各流程环节上的风险点，以及工作簿列出的风险点。
// The risks at nodes of the imported units' processes, and the risks the workbook lists.
// Parameters: $units (unit ids), $risks (risk ids).
// Returns: one row per risk: id, node_id, behavior, unit_id.
CALL () {
  UNWIND $units AS uid
  MATCH (r:Risk)-[:AT]->(:Node)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(:Unit {id: uid})
  RETURN r
  UNION
  UNWIND $risks AS rid
  MATCH (r:Risk {id: rid})
  RETURN r
}
OPTIONAL MATCH (r)-[:AT]->(n:Node)
OPTIONAL MATCH (n)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
RETURN r.id AS id, n.id AS node_id, r.behavior AS behavior, u.id AS unit_id
