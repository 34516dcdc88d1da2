// 写回流程评级 / Write back each process's rating, its nodes' exposure and light, its risks' residual.
// Parameters: $rated_at (datetime), $rows: list of {id, exposure, residual, stars,
//             nodes: [{id, exposure, light}], risks: [{id, residual}]}.
// Returns: processes (count written).
UNWIND $rows AS row
MATCH (p:Process {id: row.id})
SET p.exposure = row.exposure, p.residual = row.residual, p.stars = row.stars, p.rated_at = $rated_at
WITH p, row
CALL (row) {
  UNWIND row.nodes AS x
  MATCH (n:Node {id: x.id})
  SET n.exposure = x.exposure, n.light = x.light, n.rated_at = $rated_at
}
CALL (row) {
  UNWIND row.risks AS x
  MATCH (r:Risk {id: x.id})
  SET r.residual = x.residual, r.rated_at = $rated_at
}
RETURN count(p) AS processes
