// 记录一次扫描 / Remember one scan: its time, scope, summary and a snapshot of every finding.
// Parameters: $id, $at (ISO-8601 UTC string), $scope ('*' or a unit id), $summary (JSON string),
//   $finding_ids (list), $severities (list, same order), $findings (JSON string: the findings).
// Returns: id.
CREATE (s:Scan {id: $id, at: $at, scope: $scope, summary: $summary, finding_ids: $finding_ids,
                severities: $severities, findings: $findings})
RETURN s.id AS id
