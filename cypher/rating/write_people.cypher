// 写回人员暴露度与红黄绿灯 / Write back each person's exposure and traffic light.
// Parameters: $rated_at (datetime), $rows: list of {id, exposure, light}.
// Returns: written (count).
UNWIND $rows AS row
MATCH (x:Person {id: row.id})
SET x.exposure = row.exposure, x.light = row.light, x.rated_at = $rated_at
RETURN count(x) AS written
