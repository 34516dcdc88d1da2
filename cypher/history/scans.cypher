// 扫描列表 / The scans, newest first, optionally of one scope only.
// Parameters: $scope ('*' for all units, a unit id, or null for every scope), $limit (integer).
// Returns: one row per scan: id, at, scope, summary (JSON string).
MATCH (s:Scan)
WHERE $scope IS NULL OR s.scope = $scope
RETURN s.id AS id, s.at AS at, s.scope AS scope, s.summary AS summary
ORDER BY s.at DESC
LIMIT $limit
