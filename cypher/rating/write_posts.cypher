// 写回岗位暴露度与红黄绿灯 / Write back each post's exposure and traffic light.
// Parameters: $rated_at (datetime), $rows: list of {id, exposure, light}.
// The Browser colours by label: the light is mirrored as Red/Yellow/Green, relabelled only when it changes.
// Returns: written (count).
UNWIND $rows AS row
MATCH (x:Post {id: row.id})
WITH x, row, coalesce(x.light, '') <> row.light AS relabel
SET x.exposure = row.exposure, x.light = row.light, x.rated_at = $rated_at
FOREACH (_ IN CASE WHEN relabel THEN [1] ELSE [] END |
  REMOVE x:Red:Yellow:Green
  SET x:$(CASE row.light WHEN 'red' THEN 'Red' WHEN 'yellow' THEN 'Yellow' ELSE 'Green' END))
RETURN count(x) AS written
