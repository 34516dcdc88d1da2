// 评级输入：人员 / Rating input: the listed people, with their stored rating.
// Parameters: $people (list of person ids).
// Returns: one row: rows, a list of [id, name, exposure, light] (as stored; null when unrated).
UNWIND $people AS id
MATCH (x:Person {id: id})
RETURN collect([id, x.name, x.exposure, x.light]) AS rows
