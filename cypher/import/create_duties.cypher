// 节点的职责（职责节点按名称合并，全局共享）/ Each node's duty; Duty nodes are merged by name and shared globally.
// Parameters: $rows: list of {node_id, duty}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (n:Node {id: row.node_id})
MERGE (d:Duty {name: row.duty})
CREATE (n)-[:HAS_DUTY]->(d)
