// 导入前状态：岗位 / Before an import writes: the posts it may change.
// 所导入单位的岗位，以及工作簿提到的岗位：编号、名称、是否关键、所属单位。
// The posts of the imported units and the posts the workbook names.
// Parameters: $units (unit ids whose contents the import replaces), $posts (post ids the workbook names).
// Returns: one row per post: id, name, key, unit_id.
CALL () {
  UNWIND $units AS uid
  MATCH (p:Post)-[:IN_UNIT]->(:Unit {id: uid})
  RETURN p
  UNION
  UNWIND $posts AS pid
  MATCH (p:Post {id: pid})
  RETURN p
}
OPTIONAL MATCH (p)-[:IN_UNIT]->(u:Unit)
RETURN p.id AS id, p.name AS name, coalesce(p.key, false) AS key, u.id AS unit_id
