// 评级输入：流程的环节 / Rating input: every node of every process, with its kind.
// Parameters: none (rating is computed over the whole graph; see docs/risk-model.md).
// Returns: process_id, node_id, kind.
MATCH (n:Node)-[:IN_PROCESS]->(p:Process)
RETURN p.id AS process_id, n.id AS node_id, coalesce(n.kind, 'task') AS kind
