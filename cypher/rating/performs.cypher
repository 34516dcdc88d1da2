// 评级输入：岗位执行的环节 / Rating input: which post performs which node.
// Parameters: none.
// Returns: post_id, post_name, node_id.
MATCH (post:Post)-[:PERFORMS]->(n:Node)
RETURN post.id AS post_id, post.name AS post_name, n.id AS node_id
