// 评级输入：岗位执行的环节 / Rating input: the nodes each listed post performs, one flat row per pair,
// with the node's stored exposure: an import's partial rating keeps that of the nodes it leaves alone.
// Parameters: $posts (list of post ids).
// Returns: one row: rows, a list of [post_id, node_id, exposure] (the node's, as stored; null when unrated).
UNWIND $posts AS post_id
MATCH (:Post {id: post_id})-[:PERFORMS]->(n:Node)
RETURN collect([post_id, n.id, n.exposure]) AS rows
