// 写入单位（按编号合并），并去掉旧的上级关系 / Merge units by id and drop their old PART_OF; link_units adds the new one.
// Parameters: $rows: list of {id, props: {name, kind}}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (u:Unit {id: row.id})
SET u += row.props
WITH u
CALL (u) {
  MATCH (u)-[r:PART_OF]->()
  DELETE r
}
