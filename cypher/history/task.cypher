// 一项监督任务 / One supervision task and its result.
// Parameters: $id: a task id.
// Returns: at most one row: task (its properties as a map).
MATCH (t:Task {id: $id})
RETURN properties(t) AS task
