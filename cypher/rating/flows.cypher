// 评级输入：流转 / Rating input: every flow between two nodes of the same process.
// Parameters: none.
// Returns: process_id, source, target.
MATCH (p:Process)<-[:IN_PROCESS]-(a:Node)-[:NEXT]->(b:Node)-[:IN_PROCESS]->(p)
RETURN p.id AS process_id, a.id AS source, b.id AS target
