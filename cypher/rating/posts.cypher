// 评级输入：岗位及其执行的环节 / Rating input: the listed posts, and the nodes each performs with the node's
// stored exposure (an import's partial rating keeps that of the nodes it leaves alone); flat rows,
// each list in one record (see rating/processes). Stored ratings are null when unrated.
// Parameters: $posts (list of post ids).
// Returns: one row: posts [[id, name, exposure, light]], performs [[post_id, node_id, exposure]].
UNWIND $posts AS id
MATCH (x:Post {id: id})
WITH collect(x) AS found
RETURN [x IN found | [x.id, x.name, x.exposure, x.light]] AS posts,
       COLLECT { UNWIND found AS x MATCH (x)-[:PERFORMS]->(n:Node) RETURN [x.id, n.id, n.exposure] } AS performs
