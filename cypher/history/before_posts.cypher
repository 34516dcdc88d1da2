// 导入前状态：岗位 / Before an import writes: the posts it may change.
// 所导入单位的岗位，以及工作簿提到的其他单位的岗位：编号、名称、是否关键、所属单位。
// The posts of the imported units, and the posts of other units the workbook names.
// Parameters: $units (unit ids whose contents the import replaces), $posts (ids of posts the workbook
//   names outside those units).
// Returns: one row per unit (null: none): unit_id, items (one list [id, name, key] per item; few records for many items).
CALL () {
  UNWIND $units AS uid
  MATCH (p:Post)-[:IN_UNIT]->(:Unit {id: uid})
  RETURN p, uid AS unit_id
  UNION
  UNWIND $posts AS pid
  MATCH (p:Post {id: pid})
  OPTIONAL MATCH (p)-[:IN_UNIT]->(u:Unit)
  RETURN p, u.id AS unit_id
}
RETURN unit_id, collect([p.id, p.name, coalesce(p.key, false)]) AS items
