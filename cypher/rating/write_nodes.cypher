// 写回环节暴露度与红黄绿灯 / Write back each node's exposure and traffic light.
// Parameters: $rated_at (datetime), $rows: list of {id, exposure, light}.
// Returns: written (count).
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n.exposure = row.exposure, n.light = row.light, n.rated_at = $rated_at
RETURN count(n) AS written
