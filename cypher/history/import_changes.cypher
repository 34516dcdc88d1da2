// 一次导入的全部变化 / Every change one import recorded.
// Parameters: $import_id: an import id.
// Returns: one row per Change node (a batch of changes of one kind), in order: change (its properties as a map).
MATCH (c:Change)-[:IN_IMPORT]->(:Import {id: $import_id})
RETURN properties(c) AS change
ORDER BY c.seq
