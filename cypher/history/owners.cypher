// 台账条目的默认责任人 / The default owner of new ledger items: a supervisor of the process the finding lies in.
// 问题所在流程（直接给出的流程、环节所在流程、岗位执行的环节所在流程）的监督员：在岗者优先，
// 三级（业务专责）优先，其次二级、一级；同级按人员编号。
// A supervisor of the finding's processes: active first, level 3 first (then 2, then 1), then by id.
// Parameters: $rows: list of {finding_id, processes, nodes, posts} (lists of ids).
// Returns: one row per finding with a supervisor: finding_id, owner_id.
UNWIND $rows AS row
CALL (row) {
  UNWIND row.processes AS pid
  MATCH (p:Process {id: pid})
  RETURN p
  UNION
  UNWIND row.nodes AS nid
  MATCH (:Node {id: nid})-[:IN_PROCESS]->(p:Process)
  RETURN p
  UNION
  UNWIND row.posts AS qid
  MATCH (:Post {id: qid})-[:PERFORMS]->(:Node)-[:IN_PROCESS]->(p:Process)
  RETURN p
}
MATCH (s:Person)-[r:SUPERVISES]->(p)
WITH row, s, r
ORDER BY CASE s.status WHEN 'active' THEN 0 ELSE 1 END, r.level DESC, s.id
WITH row, collect(s.id)[0] AS owner_id
RETURN row.finding_id AS finding_id, owner_id
