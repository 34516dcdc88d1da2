// 要画的流程 / The processes to draw, of one unit (and the units under it) or of all units.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all).
// Returns: one row per process: id, name, domain, unit_id, unit_name, nodes (how many).
// The units in scope, from the unit's id index: it and its sub-units (PART_OF*), or every unit
// when $unit is null. Starting here keeps one station's checks from scanning the whole graph.
CALL () {
  MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(unit:Unit)
  RETURN unit
  UNION
  MATCH (unit:Unit)
  WHERE $unit IS NULL
  RETURN unit
}
MATCH (p:Process)-[:IN_UNIT]->(unit)
RETURN p.id AS id, p.name AS name, p.domain AS domain, unit.id AS unit_id, unit.name AS unit_name,
       COUNT { (:Node)-[:IN_PROCESS]->(p) } AS nodes
ORDER BY unit_id, id
