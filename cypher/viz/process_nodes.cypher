// 流程图的环节 / Every node of one process, with what a flowchart draws around it: performing
// posts with their A/B holders, risk points with their controls, and whether each control is
// independent (it has an owner post, and that post does not perform the node: contract section 3).
// Parameters: $process_id (string).
// Returns: one row per node: id, name, kind, min_people, discretion, light and exposure (written by
//   the risk rating, null before); posts: [{id, name, key, holders: [{id, name, role, status}]}];
//   risks: [{id, behavior, level, score, residual, controls: [{id, measure, kind, owner_post_id,
//   owner_post_name, independent}]}].
MATCH (n:Node)-[:IN_PROCESS]->(:Process {id: $process_id})
CALL (n) {
  OPTIONAL MATCH (post:Post)-[:PERFORMS]->(n)
  OPTIONAL MATCH (person:Person)-[h:HOLDS]->(post)
  WITH post, collect(CASE WHEN person IS NOT NULL
       THEN {id: person.id, name: person.name, role: h.role, status: person.status} END) AS holders
  RETURN collect(CASE WHEN post IS NOT NULL
       THEN {id: post.id, name: post.name, key: post.key, holders: holders} END) AS posts
}
CALL (n) {
  OPTIONAL MATCH (r:Risk)-[:AT]->(n)
  OPTIONAL MATCH (c:Control)-[:MITIGATES]->(r)
  OPTIONAL MATCH (c)-[:OWNED_BY]->(owner:Post)
  WITH r, c, owner, owner IS NOT NULL AND NOT (owner)-[:PERFORMS]->(n) AS independent
  WITH r, collect(CASE WHEN c IS NOT NULL
       THEN {id: c.id, measure: c.measure, kind: c.kind, owner_post_id: owner.id,
             owner_post_name: owner.name, independent: independent} END) AS controls
  RETURN collect(CASE WHEN r IS NOT NULL
       THEN {id: r.id, behavior: r.behavior, level: r.level, score: r.score, residual: r.residual,
             controls: controls} END) AS risks
}
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.min_people AS min_people,
       n.discretion AS discretion, n.light AS light, n.exposure AS exposure, posts, risks
ORDER BY id
