// 写回岗位暴露度与红黄绿灯 / Write back each post's exposure and traffic light.
// Parameters: $rated_at (datetime), $rows: list of {id, exposure, light}.
// Returns: written (count).
UNWIND $rows AS row
MATCH (x:Post {id: row.id})
SET x.exposure = row.exposure, x.light = row.light, x.rated_at = $rated_at
RETURN count(x) AS written
