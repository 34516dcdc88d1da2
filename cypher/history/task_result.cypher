// 记录监督任务结果 / Record a task's result: ok or problem, with a note, who and when.
// Parameters: $id (task id), $result ('ok' | 'problem'), $note, $who, $at (ISO-8601 UTC string).
// Returns: task (its properties as a map).
MATCH (t:Task {id: $id})
SET t.result = $result, t.note = $note, t.result_by = $who, t.result_at = $at
RETURN properties(t) AS task
