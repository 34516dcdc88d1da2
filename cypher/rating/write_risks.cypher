// 写回风险点剩余风险 / Write back each risk point's residual risk.
// Parameters: $rated_at (datetime), $rows: list of {id, residual}.
// Returns: written (count).
UNWIND $rows AS row
MATCH (r:Risk {id: row.id})
SET r.residual = row.residual, r.rated_at = $rated_at
RETURN count(r) AS written
