// 导入前状态：执行岗位 / Before an import writes: which posts perform which nodes.
// 所导入单位（或所导入流程）的环节，以及工作簿列出的环节，其全部执行岗位。
// Every PERFORMS into a node of the imported units' processes, of the imported processes, or named by the workbook.
// Parameters: $units (unit ids), $processes (process ids), $nodes (node ids).
// Returns: one row per (post, node): post_id, node_id, node_name, unit_id (the node's process's unit).
CALL () {
  UNWIND $units AS uid
  MATCH (n:Node)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(:Unit {id: uid})
  RETURN n
  UNION
  UNWIND $processes AS pid
  MATCH (n:Node)-[:IN_PROCESS]->(:Process {id: pid})
  RETURN n
  UNION
  UNWIND $nodes AS nid
  MATCH (n:Node {id: nid})
  RETURN n
}
MATCH (q:Post)-[:PERFORMS]->(n)
OPTIONAL MATCH (n)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
RETURN q.id AS post_id, n.id AS node_id, n.name AS node_name, u.id AS unit_id
