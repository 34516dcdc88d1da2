// 基准：数全部节点 / Benchmark baseline: the barest read, counting every node.
// The checks' times are printed beside it, so that figures from different machines compare.
// Parameters: none.
// Returns: nodes (integer).
MATCH (n)
RETURN count(n) AS nodes
