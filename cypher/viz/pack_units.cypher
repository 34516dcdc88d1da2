// 培训手册封面上的单位 / The units in a training pack's scope, for its cover.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all units).
// Returns: one row per unit in scope, by id: id, name, kind, parent_name (null at the top),
//          processes (how many processes it owns).
CALL () {
  MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(unit:Unit)
  RETURN unit
  UNION
  MATCH (unit:Unit)
  WHERE $unit IS NULL
  RETURN unit
}
OPTIONAL MATCH (unit)-[:PART_OF]->(parent:Unit)
RETURN unit.id AS id, unit.name AS name, unit.kind AS kind, parent.name AS parent_name,
       COUNT { (:Process)-[:IN_UNIT]->(unit) } AS processes
ORDER BY id
