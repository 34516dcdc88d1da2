// 流程图标题栏 / The title block of one process's flowchart: the process, its unit and its rating.
// Parameters: $process_id (string).
// Returns: one row, or none when there is no such process: id, name, domain, stars (written by
//   the risk rating, null before), unit_id, unit_name.
MATCH (p:Process {id: $process_id})
OPTIONAL MATCH (p)-[:IN_UNIT]->(u:Unit)
RETURN p.id AS id, p.name AS name, p.domain AS domain, p.stars AS stars,
       u.id AS unit_id, u.name AS unit_name
