// 双关键：关键岗位 × 关键环节 / Double-key cells: a key post performing a key node.
// 查什么：岗位 × 环节矩阵中“双关键”的格子：关键岗位（key = true）执行的关键环节。环节算关键，是指
//   评级为红灯，或带有高等级风险点（level = high，或 score >= 16）。这些格子是廉洁风险防控的重点，
//   列出在岗的 A角、B角，看是否有人替补、有人制衡。
// What: the cells of the post x node matrix where a key post performs a key node: one rated red, or
//   carrying a high risk (level high or score >= 16). These cells deserve the closest watch; their
//   holders show who does the work and who backs it up.
// Parameters: $unit: a unit id, or null for all units.
// Returns: post_id, post_name, node_id, node_name, process_name, light, risks ([behavior]),
//   holders ([{name, role, status}]); at most 100 rows.
MATCH (post:Post {key: true})-[:PERFORMS]->(node:Node)-[:IN_PROCESS]->(process:Process)-[:IN_UNIT]->(unit:Unit)
WHERE ($unit IS NULL OR unit.id = $unit)
WITH post, node, process,
     [(risk:Risk)-[:AT]->(node) WHERE risk.level = 'high' OR risk.score >= 16 | risk.behavior] AS risks
WHERE node.light IN ['red', '红'] OR size(risks) > 0
RETURN post.id AS post_id,
       post.name AS post_name,
       node.id AS node_id,
       node.name AS node_name,
       process.name AS process_name,
       node.light AS light,
       risks,
       [(person:Person)-[h:HOLDS]->(post) | {name: person.name, role: h.role, status: person.status}] AS holders
ORDER BY post_id, node_id
LIMIT 100
