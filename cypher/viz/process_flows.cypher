// 流程图的流转 / Every flow between two nodes of one process, with its condition.
// Parameters: $process_id (string).
// Returns: one row per flow: from_id, to_id, condition (null when unconditional).
MATCH (a:Node)-[:IN_PROCESS]->(:Process {id: $process_id})
MATCH (a)-[f:NEXT]->(b:Node)
RETURN a.id AS from_id, b.id AS to_id, f.condition AS condition
ORDER BY from_id, to_id
