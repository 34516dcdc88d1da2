// 写入流程（按编号合并）及其所属单位 / Merge processes by id, each IN_UNIT its unit (an old IN_UNIT is replaced).
// Parameters: $rows: list of {id, unit_id, props: {name, domain}}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (p:Process {id: row.id})
SET p += row.props
WITH p, row
CALL (p) {
  MATCH (p)-[r:IN_UNIT]->()
  DELETE r
}
MATCH (u:Unit {id: row.unit_id})
CREATE (p)-[:IN_UNIT]->(u)
