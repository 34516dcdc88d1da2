// 人员是否存在 / Whether a person exists (a ledger owner must be one).
// Parameters: $id: a person id.
// Returns: one row: exists (boolean), name.
OPTIONAL MATCH (p:Person {id: $id})
RETURN p IS NOT NULL AS exists, p.name AS name
