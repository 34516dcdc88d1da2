// 写入监督任务 / Remember the month's tasks so that their results can come back.
// A task keeps its result when the list is generated again.
// Parameters: $rows: list of {id, props} (month, supervisor_id, control_id, process_id, risk_id, unit_id, measure).
// Returns: one row per task: id, result (null until reported).
UNWIND $rows AS row
MERGE (t:Task {id: row.id})
SET t += row.props
RETURN t.id AS id, t.result AS result
