// 写入节点（按编号合并）及其所属流程；去掉旧的执行岗位、职责和流转，随后重建 /
// Merge nodes by id, each IN_PROCESS its process; drop their old PERFORMS, HAS_DUTY and outgoing NEXT (rebuilt next).
// Parameters: $rows: list of {id, process_id, props: {name, kind, discretion, min_people}}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n += row.props
WITH n, row
CALL (n) {
  MATCH (n)-[r:IN_PROCESS|HAS_DUTY|NEXT]->()
  DELETE r
}
CALL (n) {
  MATCH (n)<-[r:PERFORMS]-()
  DELETE r
}
MATCH (p:Process {id: row.process_id})
CREATE (n)-[:IN_PROCESS]->(p)
