// 写回流程评级 / Write back each process's exposure, total residual risk and stars.
// The caller sends only the rows whose values changed (graph/rating.py).
// Parameters: $rows: list of {id, exposure, residual, stars}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Process {id: row.id})
SET p.exposure = row.exposure, p.residual = row.residual, p.stars = row.stars
