// 写回人员暴露度与红黄绿灯 / Write back each Person's exposure and traffic light.
// The caller sends only the rows whose values changed (graph/rating.py). The Browser colours by
// label: the light is mirrored as Red/Yellow/Green, relabelled in the same write and only when it changes.
// Parameters: $rows: list of {id, exposure, light}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (x:Person {id: row.id})
WITH x, row, coalesce(x.light, '') <> row.light AS relabel
SET x.exposure = row.exposure, x.light = row.light
FOREACH (_ IN CASE WHEN relabel THEN [1] ELSE [] END |
  REMOVE x:Red:Yellow:Green
  SET x:$(CASE row.light WHEN 'red' THEN 'Red' WHEN 'yellow' THEN 'Yellow' ELSE 'Green' END))
