// 同范围的上一次扫描 / The latest scan of a scope before a given time.
// Parameters: $scope ('*' for all units, else a unit id), $before (ISO-8601 UTC string; scans strictly before it).
// Returns: at most one row: id, at, scope, summary (JSON string), findings (JSON string: list of findings).
MATCH (s:Scan {scope: $scope})
WHERE s.at < $before
RETURN s.id AS id, s.at AS at, s.scope AS scope, s.summary AS summary, s.findings AS findings
ORDER BY s.at DESC
LIMIT 1
