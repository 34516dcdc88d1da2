// whatif/control_owners 可独立负责某风险点防控的岗位 / Posts that could own an independent control of a risk.
// 查什么：风险点所在流程的单位所属供电所（及其下级单位）中，不执行该风险点所在环节的岗位；关键岗位在前。
// What: the posts of the station (and sub-units) of the risk's process that do not perform the risk's
//   node: a control they own is independent (contract section 3). Key posts first, then by id.
// Parameters: $risk_id.
// Returns: one row per post: post_id, post_name, key.
MATCH (risk:Risk {id: $risk_id})-[:AT]->(node:Node)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
OPTIONAL MATCH path = (u)-[:PART_OF*0..]->(s:Unit {kind: 'station'})
WITH node, u, s ORDER BY length(path)
WITH node, u, head(collect(s)) AS s
WITH node, coalesce(s, u) AS station
MATCH (post:Post)-[:IN_UNIT]->(:Unit)-[:PART_OF*0..]->(station)
WHERE NOT (post)-[:PERFORMS]->(node)
WITH DISTINCT post
RETURN post.id AS post_id, post.name AS post_name, coalesce(post.key, false) AS key
ORDER BY key DESC, post_id
