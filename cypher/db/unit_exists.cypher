// 单位是否存在 / Whether a unit exists: `powermap check --unit` refuses an unknown unit.
// Parameters: $unit: a unit id.
// Returns: exists (boolean).
RETURN EXISTS { (:Unit {id: $unit}) } AS exists
