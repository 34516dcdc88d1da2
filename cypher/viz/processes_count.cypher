// 流程数 / How many processes a unit (and the units under it), or all units, has: the total of
// the processes list, counted here.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all).
// Returns: one row: processes.
CALL () {
  MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(unit:Unit)
  RETURN unit
  UNION
  MATCH (unit:Unit)
  WHERE $unit IS NULL
  RETURN unit
}
MATCH (p:Process)-[:IN_UNIT]->(unit)
RETURN count(p) AS processes
