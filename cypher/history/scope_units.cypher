// 范围内的单位 / The units of a scope: the unit and all its sub-units (PART_OF*).
// Parameters: $unit: a unit id.
// Returns: one row per unit in scope: id.
MATCH (u:Unit)-[:PART_OF*0..]->(:Unit {id: $unit})
RETURN DISTINCT u.id AS id
