// 评级写回范围 / Which entities a `powermap rate --unit U` writes: those of unit U and its sub-units (all when null).
// Parameters: $unit (a unit id: the unit and its sub-units; null = all).
// Returns: one row: units, processes, posts, people (lists of ids).
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
WITH collect(unit) AS units
RETURN [u IN units | u.id] AS units,
       COLLECT { UNWIND units AS u MATCH (x:Process)-[:IN_UNIT]->(u) RETURN x.id } AS processes,
       COLLECT { UNWIND units AS u MATCH (x:Post)-[:IN_UNIT]->(u) RETURN x.id } AS posts,
       COLLECT { UNWIND units AS u MATCH (x:Person)-[:IN_UNIT]->(u) RETURN x.id } AS people
