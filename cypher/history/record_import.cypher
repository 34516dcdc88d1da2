// 记录一次导入 / Remember one import: when, which file, which units, how many changes of each kind.
// Parameters: $id, $at (ISO-8601 UTC string), $source (file name or null), $units (list of unit ids),
//   $summary (JSON string: change kind -> count), $changes (total count).
// Returns: id.
CREATE (i:Import {id: $id, at: $at, source: $source, units: $units, summary: $summary, changes: $changes})
RETURN i.id AS id
