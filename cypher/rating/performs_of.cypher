// 岗位执行的环节及其暴露度 / For the listed posts: the nodes each performs, with each node's exposure
// as the graph holds it (null when unrated): the nodes outside a partial rating keep their value.
// Parameters: $ids (list of post ids).
// Returns: one row per post: post_id, post_name, nodes ([[node_id, exposure]]).
UNWIND $ids AS id
MATCH (post:Post {id: id})
RETURN post.id AS post_id, post.name AS post_name,
       [(post)-[:PERFORMS]->(n:Node) | [n.id, n.exposure]] AS nodes
