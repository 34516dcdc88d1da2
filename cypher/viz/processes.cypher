// 要画的流程 / The processes to draw, of one unit (and the units under it) or of all units.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all).
// Returns: one row per process: id, name, domain, unit_id, unit_name, nodes (how many).
MATCH (p:Process)-[:IN_UNIT]->(u:Unit)
WHERE $unit IS NULL OR EXISTS { (u)-[:PART_OF*0..]->(:Unit {id: $unit}) }
RETURN p.id AS id, p.name AS name, p.domain AS domain, u.id AS unit_id, u.name AS unit_name,
       COUNT { (:Node)-[:IN_PROCESS]->(p) } AS nodes
ORDER BY unit_id, id
