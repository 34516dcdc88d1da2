// 流程清单的一页 / One page of the processes list of a unit (and the units under it) or of all units,
// in process id order after the last one sent: paging done here, not in Python.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all), $after (the id of the last
//   process of the previous page; null for the first page), $skip (how many more to skip, >= 0),
//   $limit (at most this many rows).
// Returns: one row per process, by id: id, name, domain, unit_id, unit_name, nodes (how many).
// The units in scope, from the unit's id index: it and its sub-units (PART_OF*), or every unit
// when $unit is null.
CALL () {
  MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(unit:Unit)
  RETURN unit
  UNION
  MATCH (unit:Unit)
  WHERE $unit IS NULL
  RETURN unit
}
MATCH (p:Process)-[:IN_UNIT]->(unit)
WHERE $after IS NULL OR p.id > $after
WITH p, unit
ORDER BY p.id
SKIP $skip
LIMIT $limit
RETURN p.id AS id, p.name AS name, p.domain AS domain, unit.id AS unit_id, unit.name AS unit_name,
       COUNT { (:Node)-[:IN_PROCESS]->(p) } AS nodes
ORDER BY id
