// 清空数据（保留约束与索引）/ Delete all nodes and relationships, keeping the schema.
// Runs in batches inside an auto-commit transaction so a large graph does not need one huge one.
// Parameters: none.  Returns: nothing.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
