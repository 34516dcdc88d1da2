// 评级输入：风险点及其防控措施 / Rating input: every risk point with its controls.
// A control is independent when it has an owner post that does not perform the risk's node
// (contract section 3, the same rule as the uncontrolled check).
// Parameters: none.
// Returns: process_id, risk_id, node_id, score, controls (list of {kind, independent}).
MATCH (r:Risk)-[:AT]->(n:Node)-[:IN_PROCESS]->(p:Process)
OPTIONAL MATCH (c:Control)-[:MITIGATES]->(r)
OPTIONAL MATCH (c)-[:OWNED_BY]->(owner:Post)
WITH p, r, n, c, owner IS NOT NULL AND NOT (owner)-[:PERFORMS]->(n) AS independent
RETURN p.id AS process_id, r.id AS risk_id, n.id AS node_id, r.score AS score,
       [x IN collect(CASE WHEN c IS NULL THEN null ELSE {kind: c.kind, independent: independent} END)
        WHERE x IS NOT NULL] AS controls
