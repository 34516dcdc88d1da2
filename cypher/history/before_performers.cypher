// 导入前状态：执行岗位 / Before an import writes: which posts perform which nodes.
// 所导入单位（或所导入流程）的环节，以及工作簿列出的其他环节，其全部执行岗位。
// Every PERFORMS into a node of the imported units' processes, of the imported processes, or of another
// node the workbook lists.
// Parameters: $units (unit ids), $processes (process ids), $nodes (node ids outside those units and processes).
// Returns: one row per unit (null: none): unit_id, items (one list [post_id, node_id, node_name] per item; few records for many items).
CALL () {
  UNWIND $units AS uid
  MATCH (:Unit {id: uid})<-[:IN_UNIT]-(:Process)<-[:IN_PROCESS]-(n:Node)<-[:PERFORMS]-(q:Post)
  RETURN q, n, uid AS unit_id
  UNION
  UNWIND $processes AS pid
  MATCH (p:Process {id: pid})<-[:IN_PROCESS]-(n:Node)<-[:PERFORMS]-(q:Post)
  OPTIONAL MATCH (p)-[:IN_UNIT]->(u:Unit)
  RETURN q, n, u.id AS unit_id
  UNION
  UNWIND $nodes AS nid
  MATCH (n:Node {id: nid})<-[:PERFORMS]-(q:Post)
  OPTIONAL MATCH (n)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
  RETURN q, n, u.id AS unit_id
}
RETURN unit_id, collect([q.id, n.id, n.name]) AS items
