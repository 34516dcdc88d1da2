// whatif/processes 若干岗位执行的流程（评级输入）/ Rating input for the processes some posts perform nodes of.
// 与 rating/processes 同形，只取这些岗位所执行环节的流程：一人调岗的暴露度不必重评全省。
// Same shape as rating/processes, limited to the processes the given posts perform nodes of.
// Parameters: $posts (post ids).
// Returns: id, name, nodes ([[id, kind]]), flows ([[source, target]]),
//   risks ([[risk_id, node_id, score, controls]]), controls = [[kind, independent]].
UNWIND $posts AS post_id
MATCH (:Post {id: post_id})-[:PERFORMS]->(:Node)-[:IN_PROCESS]->(p:Process)
WITH DISTINCT p
RETURN p.id AS id, p.name AS name,
       [(n:Node)-[:IN_PROCESS]->(p) | [n.id, coalesce(n.kind, 'task')]] AS nodes,
       [(p)<-[:IN_PROCESS]-(a:Node)-[:NEXT]->(b:Node)-[:IN_PROCESS]->(p) | [a.id, b.id]] AS flows,
       [(p)<-[:IN_PROCESS]-(n:Node)<-[:AT]-(r:Risk) |
         [r.id, n.id, r.score,
          [(c:Control)-[:MITIGATES]->(r) |
            [c.kind, EXISTS { (c)-[:OWNED_BY]->(owner:Post) WHERE NOT (owner)-[:PERFORMS]->(n) }]]]] AS risks
