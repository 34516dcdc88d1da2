// 流程的环节、风险点与防控措施 / A process with its nodes, risks and controls.
// 查什么：某流程（$process_id；为 null 时看所有流程）的环节及其流转、执行环节的岗位、每个环节上的
//   风险点、针对风险点的防控措施及其责任岗位。结果是一张图，评过级的环节显示红黄绿灯。
// What: a process's nodes and flows, the posts performing each node, the risk points at each node,
//   the controls mitigating them and their owner posts; drawn as a graph, rated nodes in their light.
// Parameters: $process_id: a process id, or null for every process.
// Returns: one row per node: step (node -> process), flows (node -> next node), performers
//   (post -> node), risks (risk -> node), controls (owner post <- control -> risk -> node, or
//   control -> risk -> node when unowned); at most 300 rows.
MATCH step = (node:Node)-[:IN_PROCESS]->(process:Process)
WHERE $process_id IS NULL OR process.id = $process_id
RETURN step,
       [p = (node)-[:NEXT]->(:Node) | p] AS flows,
       [p = (:Post)-[:PERFORMS]->(node) | p] AS performers,
       [p = (:Risk)-[:AT]->(node) | p] AS risks,
       [p = (:Control)-[:MITIGATES]->(:Risk)-[:AT]->(node) | p]
         + [p = (:Post)<-[:OWNED_BY]-(:Control)-[:MITIGATES]->(:Risk)-[:AT]->(node) | p] AS controls
LIMIT 300
