// 节点之间的流转 / The flows between nodes.
// Parameters: $rows: list of {from_id, to_id, condition (null when none)}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (a:Node {id: row.from_id})
MATCH (b:Node {id: row.to_id})
CREATE (a)-[f:NEXT]->(b)
SET f.condition = row.condition
