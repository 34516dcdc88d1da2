// 一次扫描的全部记录 / One scan with its findings snapshot.
// Parameters: $id: a scan id.
// Returns: at most one row: id, at, scope, summary (JSON string), findings (JSON string).
MATCH (s:Scan {id: $id})
RETURN s.id AS id, s.at AS at, s.scope AS scope, s.summary AS summary, s.findings AS findings
