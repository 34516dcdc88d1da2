// 三级监督员 / The supervisors of each process, with their level (1, 2 or 3).
// Parameters: $rows: list of {person_id, process_id, level}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (q:Process {id: row.process_id})
CREATE (p)-[:SUPERVISES {level: row.level}]->(q)
