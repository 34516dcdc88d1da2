// 评级输入：每个岗位执行的环节 / Rating input: every post with the nodes it performs.
// Parameters: none.
// Returns: post_id, post_name, nodes (list of node ids).
MATCH (post:Post)
RETURN post.id AS post_id, post.name AS post_name, [(post)-[:PERFORMS]->(n:Node) | n.id] AS nodes
