// 评级输入：岗位执行的环节 / Rating input: which post performs which node.
// Parameters: none.
// Returns: post_id, node_id.
MATCH (post:Post)-[:PERFORMS]->(n:Node)
RETURN post.id AS post_id, n.id AS node_id
