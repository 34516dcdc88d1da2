// 任务单的签发人 / Who issues each process's monthly list: its active level-2 supervisors (二级监督员).
// Parameters: $processes: list of process ids.
// Returns: one row per (process, level-2 supervisor): process_id, person_id, name.
UNWIND $processes AS pid
MATCH (s:Person {status: 'active'})-[:SUPERVISES {level: 2}]->(:Process {id: pid})
RETURN pid AS process_id, s.id AS person_id, s.name AS name
ORDER BY process_id, person_id
