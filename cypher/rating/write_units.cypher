// 写回单位合计 / Write back each unit's total exposure: the sum over its rated processes.
// Run after write_processes, in the same transaction.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all), $rated_at (datetime).
// Returns: written (count).
MATCH (u:Unit) WHERE $unit IS NULL OR EXISTS { (u)-[:PART_OF*0..]->(:Unit {id: $unit}) }
OPTIONAL MATCH (p:Process)-[:IN_UNIT]->(u)
WITH u, sum(coalesce(p.exposure, 0.0)) AS total
SET u.exposure = total, u.rated_at = $rated_at
RETURN count(u) AS written
