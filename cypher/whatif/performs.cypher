// whatif/performs 若干岗位执行的环节（评级输入）/ Rating input: some posts with the nodes they perform.
// Same shape as rating/performs, limited to the given posts.
// Parameters: $posts (post ids).
// Returns: post_id, post_name, nodes (list of node ids).
UNWIND $posts AS post_id
MATCH (post:Post {id: post_id})
RETURN post.id AS post_id, post.name AS post_name, [(post)-[:PERFORMS]->(n:Node) | n.id] AS nodes
