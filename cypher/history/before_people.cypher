// 导入前状态：人员 / Before an import writes: the people it may change.
// 所导入单位本身（不含下级）的人员，以及工作簿提到的其他单位的人员：编号、姓名、状态、所属单位。
// The people of the imported units, and the people of other units the workbook names.
// Parameters: $units (unit ids whose contents the import replaces), $people (ids of people the workbook
//   names outside those units).
// Returns: one row per unit (null: none): unit_id, items (one list [id, name, status] per item; few records for many items).
CALL () {
  UNWIND $units AS uid
  MATCH (p:Person)-[:IN_UNIT]->(:Unit {id: uid})
  RETURN p, uid AS unit_id
  UNION
  UNWIND $people AS pid
  MATCH (p:Person {id: pid})
  OPTIONAL MATCH (p)-[:IN_UNIT]->(u:Unit)
  RETURN p, u.id AS unit_id
}
RETURN unit_id, collect([p.id, p.name, p.status]) AS items
