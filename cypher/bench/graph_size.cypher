// 基准：图的规模，节点数与关系数 / Benchmark: the size of the graph, its nodes and relationships,
// printed beside the import's rate so that runs on different data compare.
// Parameters: none.
// Returns: nodes (integer), rels (integer).
RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS rels
