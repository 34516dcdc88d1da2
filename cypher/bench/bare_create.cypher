// 基准：最简单的批量写入，作为导入速度的参照 /
// Benchmark baseline: the barest batched write, one node per row, to compare the import's rate with.
// Parameters: $rows: list of maps of property values.
// Returns: nothing.
UNWIND $rows AS row
CREATE (n:BenchRow)
SET n = row
