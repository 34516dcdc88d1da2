// 评级输入：流程及其环节、流转、风险点 / Rating input: the listed processes with their nodes, flows and
// risk points, each list of flat rows in one record (a record costs the driver far more to decode
// than a list: 136,000 nodes as records 4.7 s, as one list 0.5 s, at province scale). Each process
// is found once by its id, and its parts from it. Stored ratings come along (null when unrated),
// so that only values that changed are written back.
// A control is independent when it has an owner post that does not perform the risk's node
// (contract section 3, the same rule as the uncontrolled check: tests/graph/test_independence.py);
// the model needs only how many independent controls of each kind a risk has.
// A flow into another process is left for the model to ignore (it reads only flows between two
// nodes of one process): cheaper than checking the target's process here.
// Parameters: $processes (list of process ids).
// Returns: one row: processes [[id, name, exposure, residual, stars]],
//   nodes [[process_id, node_id, kind ('task' when not given), exposure, light]],
//   flows [[source, target]],
//   risks [[risk_id, node_id, score (null when not given), residual, preventive, detective, other]]
//   (other: independent controls whose kind was not given).
UNWIND $processes AS id
MATCH (p:Process {id: id})
WITH collect(p) AS found
RETURN [p IN found | [p.id, p.name, p.exposure, p.residual, p.stars]] AS processes,
       COLLECT {
         UNWIND found AS p
         MATCH (p)<-[:IN_PROCESS]-(n:Node)
         RETURN [p.id, n.id, coalesce(n.kind, 'task'), n.exposure, n.light]
       } AS nodes,
       COLLECT { UNWIND found AS p MATCH (p)<-[:IN_PROCESS]-(a:Node)-[:NEXT]->(b:Node) RETURN [a.id, b.id] } AS flows,
       COLLECT {
         UNWIND found AS p
         MATCH (p)<-[:IN_PROCESS]-(n:Node)<-[:AT]-(r:Risk)
         WITH r, n,
              [(c:Control)-[:MITIGATES]->(r)
                WHERE EXISTS { (c)-[:OWNED_BY]->(owner:Post) WHERE NOT (owner)-[:PERFORMS]->(n) } | c.kind] AS kinds
         WITH r, n, kinds, size([k IN kinds WHERE k = 'preventive']) AS preventive,
              size([k IN kinds WHERE k = 'detective']) AS detective
         RETURN [r.id, n.id, r.score, r.residual, preventive, detective, size(kinds) - preventive - detective]
       } AS risks
