// 导入前状态：人岗关系 / Before an import writes: the assignments (A角/B角) it may change.
// 所导入单位的人员或岗位、以及工作簿提到的人员或岗位所涉及的全部人岗关系。
// Every HOLDS of a person or post of the imported units, or of a person or post the workbook names.
// Parameters: $units (unit ids), $people (person ids), $posts (post ids).
// Returns: one row per assignment: person_id, post_id, role.
CALL () {
  UNWIND $units AS uid
  MATCH (p:Person)-[:IN_UNIT]->(:Unit {id: uid})
  MATCH (p)-[h:HOLDS]->(q:Post)
  RETURN p, h, q
  UNION
  UNWIND $units AS uid
  MATCH (q:Post)-[:IN_UNIT]->(:Unit {id: uid})
  MATCH (p:Person)-[h:HOLDS]->(q)
  RETURN p, h, q
  UNION
  UNWIND $people AS pid
  MATCH (p:Person {id: pid})-[h:HOLDS]->(q:Post)
  RETURN p, h, q
  UNION
  UNWIND $posts AS qid
  MATCH (p:Person)-[h:HOLDS]->(q:Post {id: qid})
  RETURN p, h, q
}
RETURN DISTINCT p.id AS person_id, q.id AS post_id, h.role AS role
