// 扫描记录：问题数随时间的变化 / Scans over time: how many findings each scan saw.
// 查什么：每次扫描（powermap scan）的时间、范围和各类问题数（summary 为 JSON），最新的在前。
//   同一范围的相邻两次扫描之差，就是 powermap drift 报告的新增与已解决。
// What: each scan's time, scope, total and per-check counts (summary, a JSON string), newest first;
//   two consecutive scans of a scope differ by what `powermap drift` reports.
// Parameters: $unit: a unit id (scans of that scope), or null for scans of every scope.
// Returns: one row per scan: scan_id, at, scope, findings (count), summary; at most 50 rows.
MATCH (s:Scan)
WHERE $unit IS NULL OR s.scope = $unit
RETURN s.id AS scan_id, s.at AS at, s.scope AS scope, size(s.finding_ids) AS findings, s.summary AS summary
ORDER BY at DESC
LIMIT 50
