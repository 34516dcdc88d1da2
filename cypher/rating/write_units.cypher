// 写回单位合计 / Write back each unit's total exposure: the sum over its rated processes.
// Run after write_processes, in the same transaction.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all), $rated_at (datetime).
// Returns: written (count).
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
WITH unit AS u
OPTIONAL MATCH (p:Process)-[:IN_UNIT]->(u)
WITH u, sum(coalesce(p.exposure, 0.0)) AS total
// Rounded as the other ratings are (graph/rating.py DIGITS): a sum's order must not show.
SET u.exposure = round(total, 9), u.rated_at = $rated_at
RETURN count(u) AS written
