// 写入防控措施（按编号合并），所防控的风险点与责任岗位（旧关系被替换）/
// Merge controls by id, with the risk they MITIGATE and the post they are OWNED_BY (old ones are replaced).
// Parameters: $rows: list of {id, risk_id, owner_post_id (or null), props: {measure, kind}}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (c:Control {id: row.id})
SET c += row.props
WITH c, row
CALL (c) {
  MATCH (c)-[x:MITIGATES|OWNED_BY]->()
  DELETE x
}
MATCH (r:Risk {id: row.risk_id})
CREATE (c)-[:MITIGATES]->(r)
WITH c, row
OPTIONAL MATCH (p:Post {id: row.owner_post_id})
FOREACH (post IN CASE WHEN p IS NULL THEN [] ELSE [p] END | CREATE (c)-[:OWNED_BY]->(post))
