// 岗位执行节点 / Which posts perform which nodes.
// Parameters: $rows: list of {post_id, node_id}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Post {id: row.post_id})
MATCH (n:Node {id: row.node_id})
CREATE (p)-[:PERFORMS]->(n)
