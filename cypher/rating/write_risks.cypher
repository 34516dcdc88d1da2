// 写回风险点剩余风险 / Write back each risk point's residual risk.
// The caller sends only the rows whose values changed (graph/rating.py).
// Parameters: $rows: list of {id, residual}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (r:Risk {id: row.id})
SET r.residual = row.residual
