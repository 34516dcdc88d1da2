// 写入风险点（按编号合并），所在节点与易发岗位（旧关系被替换）/
// Merge risk points by id, with the node they sit AT and their PRONE_POST (old ones are replaced).
// Parameters: $rows: list of {id, node_id, prone_post_id (or null), props: {behavior, level, likelihood, impact, score}}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (r:Risk {id: row.id})
SET r += row.props
WITH r, row
CALL (r) {
  MATCH (r)-[x:AT|PRONE_POST]->()
  DELETE x
}
MATCH (n:Node {id: row.node_id})
CREATE (r)-[:AT]->(n)
WITH r, row
OPTIONAL MATCH (p:Post {id: row.prone_post_id})
FOREACH (post IN CASE WHEN p IS NULL THEN [] ELSE [p] END | CREATE (r)-[:PRONE_POST]->(post))
