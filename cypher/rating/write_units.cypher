// 写回单位合计 / Write back each unit's total exposure: the sum over its processes. Run after
// write_processes, in the same transaction; a total that did not change is not written.
// Parameters: $units (list of unit ids).
// Returns: nothing.
UNWIND $units AS id
MATCH (u:Unit {id: id})
CALL (u) {
  OPTIONAL MATCH (p:Process)-[:IN_UNIT]->(u)
  // Rounded as the other ratings are (graph/rating.py DIGITS): a sum's order must not show.
  RETURN round(sum(coalesce(p.exposure, 0.0)), 9) AS total
}
WITH u, total
WHERE u.exposure IS NULL OR u.exposure <> total
SET u.exposure = total
