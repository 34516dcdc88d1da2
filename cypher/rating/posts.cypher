// 评级输入：岗位 / Rating input: the listed posts, with their stored rating.
// Parameters: $posts (list of post ids).
// Returns: one row: rows, a list of [id, name, exposure, light] (as stored; null when unrated).
UNWIND $posts AS id
MATCH (x:Post {id: id})
RETURN collect([id, x.name, x.exposure, x.light]) AS rows
