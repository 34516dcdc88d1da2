// 基准：最简单的往返 / Benchmark baseline: the barest Bolt round trip, beside the API's latency.
// Parameters: none.
// Returns: one (the integer 1).
RETURN 1 AS one
