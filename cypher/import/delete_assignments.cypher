// 快照：去掉所导入人员与岗位的全部人岗关系（随后按工作簿重建）/
// Snapshot: drop every HOLDS of the imported people and posts; the workbook's are created afterwards.
// Parameters: $people (list of person ids), $posts (list of post ids).
// Returns: nothing.
CALL () {
  UNWIND $people AS id
  MATCH (:Person {id: id})-[r:HOLDS]->()
  DELETE r
}
CALL () {
  UNWIND $posts AS id
  MATCH (:Post {id: id})<-[r:HOLDS]-()
  DELETE r
}
