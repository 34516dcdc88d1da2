// 单位的上级关系（所有单位写入之后）/ Each unit's PART_OF its parent, once every unit of the import exists.
// Parameters: $rows: list of {id, parent_id}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (u:Unit {id: row.id})
MATCH (p:Unit {id: row.parent_id})
CREATE (u)-[:PART_OF]->(p)
