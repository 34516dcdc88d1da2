// 基准：每个单位的在岗人员与岗位，供 API 基准抽取（人员, 岗位, 角色）/
// Benchmark input: each unit's active people and its posts, to sample (person, post, role) from.
// Parameters: none.
// Returns: unit, people (sorted ids), posts (sorted ids); units without either are left out.
MATCH (u:Unit)
WITH u,
     COLLECT { MATCH (p:Person {status: 'active'})-[:IN_UNIT]->(u) RETURN p.id ORDER BY p.id } AS people,
     COLLECT { MATCH (post:Post)-[:IN_UNIT]->(u) RETURN post.id ORDER BY post.id } AS posts
WHERE size(people) > 0 AND size(posts) > 0
RETURN u.id AS unit, people, posts
ORDER BY unit
