// 写回环节暴露度与红黄绿灯 / Write back each Node's exposure and traffic light.
// The caller sends only the rows whose values changed (graph/rating.py). The Browser colours by
// label: the light is mirrored as Red/Yellow/Green, relabelled in the same write and only when it changes.
// Parameters: $rows: list of {id, exposure, light}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
WITH n, row, coalesce(n.light, '') <> row.light AS relabel
SET n.exposure = row.exposure, n.light = row.light
FOREACH (_ IN CASE WHEN relabel THEN [1] ELSE [] END |
  REMOVE n:Red:Yellow:Green
  SET n:$(CASE row.light WHEN 'red' THEN 'Red' WHEN 'yellow' THEN 'Yellow' ELSE 'Green' END))
