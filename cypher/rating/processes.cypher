// 评级输入：每个流程一行 / Rating input: one row per process, with its nodes, flows and risk points.
// Lists per process rather than a row per node: at province scale ~20k rows come back, not ~400k.
// A control is independent when it has an owner post that does not perform the risk's node
// (contract section 3, the same rule as the uncontrolled check).
// Parameters: none (rating is computed over the whole graph; see docs/risk-model.md).
// Returns: id, name, nodes ([[id, kind]]), flows ([[source, target]]),
//   risks ([[risk_id, node_id, score, controls]]), controls = [[kind, independent]].
MATCH (p:Process)
RETURN p.id AS id, p.name AS name,
       [(n:Node)-[:IN_PROCESS]->(p) | [n.id, coalesce(n.kind, 'task')]] AS nodes,
       [(p)<-[:IN_PROCESS]-(a:Node)-[:NEXT]->(b:Node)-[:IN_PROCESS]->(p) | [a.id, b.id]] AS flows,
       [(p)<-[:IN_PROCESS]-(n:Node)<-[:AT]-(r:Risk) |
         [r.id, n.id, r.score,
          [(c:Control)-[:MITIGATES]->(r) |
            [c.kind, EXISTS { (c)-[:OWNED_BY]->(owner:Post) WHERE NOT (owner)-[:PERFORMS]->(n) }]]]] AS risks
