// 评级输入：流程 / Rating input: the listed processes, with their stored rating.
// Parameters: $processes (list of process ids).
// Returns: one row: rows, a list of [id, name, exposure, residual, stars] (as stored; null when unrated).
UNWIND $processes AS id
MATCH (p:Process {id: id})
RETURN collect([id, p.name, p.exposure, p.residual, p.stars]) AS rows
