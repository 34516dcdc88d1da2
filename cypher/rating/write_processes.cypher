// 写回流程评级 / Write back each process's exposure, total residual risk and stars.
// Parameters: $rated_at (datetime), $rows: list of {id, exposure, residual, stars}.
// Returns: written (count).
UNWIND $rows AS row
MATCH (p:Process {id: row.id})
SET p.exposure = row.exposure, p.residual = row.residual, p.stars = row.stars, p.rated_at = $rated_at
RETURN count(p) AS written
