// 评级输入（指定流程）/ Rating input for the listed processes only, one row each: what an import re-rates.
// The same columns as rating/processes, and the same independence rule (contract section 3): a
// control is independent when it has an owner post that does not perform the risk's node.
// Parameters: $ids (list of process ids).
// Returns: id, name, nodes ([[id, kind]]), flows ([[source, target]]),
//   risks ([[risk_id, node_id, score, controls]]), controls = [[kind, independent]].
UNWIND $ids AS id
MATCH (p:Process {id: id})
RETURN p.id AS id, p.name AS name,
       [(n:Node)-[:IN_PROCESS]->(p) | [n.id, coalesce(n.kind, 'task')]] AS nodes,
       [(p)<-[:IN_PROCESS]-(a:Node)-[:NEXT]->(b:Node)-[:IN_PROCESS]->(p) | [a.id, b.id]] AS flows,
       [(p)<-[:IN_PROCESS]-(n:Node)<-[:AT]-(r:Risk) |
         [r.id, n.id, r.score,
          [(c:Control)-[:MITIGATES]->(r) |
            [c.kind, EXISTS { (c)-[:OWNED_BY]->(owner:Post) WHERE NOT (owner)-[:PERFORMS]->(n) }]]]] AS risks
