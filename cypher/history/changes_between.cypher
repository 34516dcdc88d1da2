// 两次扫描之间的导入变化 / The import changes recorded between two times, within a scope.
// 冲突规则（不属于任何单位）总在范围内。/ Conflict rules belong to no unit and are always in scope.
// Parameters: $after (ISO-8601 UTC string or null: from the beginning), $until (ISO-8601 UTC string),
//   $units (unit ids of the scope, or null for all units).
// Returns: one row per change, oldest first: change (its properties as a map).
MATCH (i:Import)
WHERE ($after IS NULL OR i.at > $after) AND i.at <= $until
MATCH (c:Change)-[:IN_IMPORT]->(i)
WHERE $units IS NULL OR c.unit_id IS NULL OR c.unit_id IN $units
RETURN properties(c) AS change
ORDER BY c.at, c.seq
