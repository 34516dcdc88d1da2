// 写回环节暴露度与红黄绿灯 / Write back each node's exposure and traffic light.
// Parameters: $rated_at (datetime), $rows: list of {id, exposure, light}.
// The Browser colours by label: the light is mirrored as Red/Yellow/Green, relabelled only when it changes.
// Returns: written (count).
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
WITH n, row, coalesce(n.light, '') <> row.light AS relabel
SET n.exposure = row.exposure, n.light = row.light, n.rated_at = $rated_at
FOREACH (_ IN CASE WHEN relabel THEN [1] ELSE [] END |
  REMOVE n:Red:Yellow:Green
  SET n:$(CASE row.light WHEN 'red' THEN 'Red' WHEN 'yellow' THEN 'Yellow' ELSE 'Green' END))
RETURN count(n) AS written
