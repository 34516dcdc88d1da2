// 图中实际的模型 / The schema as the graph holds it now.
// 查什么：当前数据里出现的标签和关系类型，画成一张图（Neo4j 自带的 db.schema.visualization）。
// What: the labels and relationship types present in the data, drawn by Neo4j's own procedure.
// Parameters: none.
// Returns: nodes, relationships (the schema graph): one row.
CALL db.schema.visualization() YIELD nodes, relationships
RETURN nodes, relationships
LIMIT 1
