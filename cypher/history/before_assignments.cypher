// 导入前状态：人岗关系 / Before an import writes: the assignments (A角/B角) it may change.
// 所导入单位的人员与岗位、以及工作簿提到的其他单位的人员与岗位所涉及的全部人岗关系。
// Every HOLDS of a person or post of the imported units, or of another unit's person or post the workbook names.
// Parameters: $units (unit ids), $people and $posts (ids the workbook names outside those units).
// Returns: one row: items (one list [person_id, post_id, role] per assignment).
CALL () {
  UNWIND $units AS uid
  MATCH (:Unit {id: uid})<-[:IN_UNIT]-(x)
  MATCH (x)-[h:HOLDS]-()
  RETURN h
  UNION
  UNWIND $people AS pid
  MATCH (:Person {id: pid})-[h:HOLDS]->()
  RETURN h
  UNION
  UNWIND $posts AS qid
  MATCH (:Post {id: qid})<-[h:HOLDS]-()
  RETURN h
}
RETURN collect([startNode(h).id, endNode(h).id, h.role]) AS items
