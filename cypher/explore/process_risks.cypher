// 流程的环节、风险点与防控措施 / A process with its nodes, risks and controls.
// 查什么：一个流程的环节及其流转、执行环节的岗位、每个环节上的风险点、针对风险点的防控措施及其责任岗位。
//   默认（$process_id 为 null）画风险最高的那个流程：评过级的按风险暴露值，未评级的按风险点固有分之和。
//   要看别的流程，运行 :param process_id => '流程编号'。评过级的环节按红黄绿灯填色。
// What: one process's nodes and flows, the posts performing each node, the risk points at each node,
//   the controls mitigating them and their owner posts, drawn as a graph. With $process_id null,
//   the riskiest process: the highest rated exposure, else the highest sum of inherent risk scores.
// Parameters: $process_id: a process id, or null for the riskiest process.
// Returns: one row per node of that process: step (node -> process), flows (node -> next node),
//   performers (post -> node), risks (risk -> node), controls (owner post <- control -> risk -> node,
//   or control -> risk -> node when unowned); at most 300 rows.
CALL () {
  MATCH (process:Process {id: $process_id})
  RETURN process
  UNION
  MATCH (process:Process)
  WHERE $process_id IS NULL
  WITH process,
       coalesce(process.exposure, -1.0) AS exposure,
       reduce(t = 0.0, s IN [(r:Risk)-[:AT]->(:Node)-[:IN_PROCESS]->(process) | coalesce(r.score, 0)] | t + s)
         AS inherent
  ORDER BY exposure DESC, inherent DESC, process.id
  LIMIT 1
  RETURN process
}
MATCH step = (node:Node)-[:IN_PROCESS]->(process)
RETURN step,
       [p = (node)-[:NEXT]->(:Node) | p] AS flows,
       [p = (:Post)-[:PERFORMS]->(node) | p] AS performers,
       [p = (:Risk)-[:AT]->(node) | p] AS risks,
       [p = (:Control)-[:MITIGATES]->(:Risk)-[:AT]->(node) | p]
         + [p = (:Post)<-[:OWNED_BY]-(:Control)-[:MITIGATES]->(:Risk)-[:AT]->(node) | p] AS controls
LIMIT 300
