// 导入前状态：人员 / Before an import writes: the people it may change.
// 所导入单位本身（不含下级）的人员，以及工作簿提到的人员：编号、姓名、状态、所属单位。
// The people of the imported units and the people the workbook names, with their status.
// Parameters: $units (unit ids whose contents the import replaces), $people (person ids the workbook names).
// Returns: one row per person: id, name, status, unit_id.
CALL () {
  UNWIND $units AS uid
  MATCH (p:Person)-[:IN_UNIT]->(:Unit {id: uid})
  RETURN p
  UNION
  UNWIND $people AS pid
  MATCH (p:Person {id: pid})
  RETURN p
}
OPTIONAL MATCH (p)-[:IN_UNIT]->(u:Unit)
RETURN p.id AS id, p.name AS name, p.status AS status, u.id AS unit_id
