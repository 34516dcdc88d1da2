// 基准：删除参照写入留下的节点 / Benchmark: delete the nodes the baseline wrote.
// Parameters: none.  Returns: nothing.
MATCH (n:BenchRow)
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
