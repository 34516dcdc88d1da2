// 评级输入：风险点及其独立防控措施 / Rating input: the risk points of the listed processes, with how many
// independent controls of each kind they have (residual risk is computed from these counts in Python).
// A control is independent when it has an owner post that does not perform the risk's node
// (contract section 3, the same rule as the uncontrolled check: tests/graph/test_independence.py).
// Parameters: $processes (list of process ids).
// Returns: one row: rows, a list of [risk_id, node_id, score, residual, preventive, detective, other]:
//   score inherent (null when not given), residual as stored (null when unrated), then how many
//   independent controls of each kind (other: kind not given).
UNWIND $processes AS process_id
MATCH (:Process {id: process_id})<-[:IN_PROCESS]-(n:Node)<-[:AT]-(r:Risk)
WITH r, n,
     [(c:Control)-[:MITIGATES]->(r)
       WHERE EXISTS { (c)-[:OWNED_BY]->(owner:Post) WHERE NOT (owner)-[:PERFORMS]->(n) } | c.kind] AS kinds
WITH r, n, kinds, size([k IN kinds WHERE k = 'preventive']) AS preventive,
     size([k IN kinds WHERE k = 'detective']) AS detective
RETURN collect([r.id, n.id, r.score, r.residual, preventive, detective, size(kinds) - preventive - detective]) AS rows
