// 两次扫描之间的导入变化 / The import changes recorded between two times.
// 范围过滤在 Python 中逐项进行（每个节点存一批变化）。/ Filtered by scope in Python, change by change.
// Parameters: $after (ISO-8601 UTC string or null: from the beginning), $until (ISO-8601 UTC string).
// Returns: one row per Change node (a batch of changes of one kind), oldest first: change (its properties as a map).
MATCH (i:Import)
WHERE ($after IS NULL OR i.at > $after) AND i.at <= $until
MATCH (c:Change)-[:IN_IMPORT]->(i)
RETURN properties(c) AS change
ORDER BY i.at, c.seq
