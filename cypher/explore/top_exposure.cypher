// 风险暴露最高的人员 / The people with the highest exposure.
// 查什么：风险评级写回到人员上的暴露值（exposure）与红黄绿灯（light）最高的人，连同所任岗位和角色。
//   暴露值 = 所任岗位暴露值按 A角/B角 加权之和，加上未补偿的不相容职责罚分（见风险模型）。
//   还没有运行评级时结果为空。
// What: the people whose exposure (written back by the risk rating: posts held, weighted by role,
//   plus a penalty per unmitigated conflict) is highest, with their light and their posts.
//   Empty until the rating has run.
// Parameters: $unit: a unit id (the unit and its sub-units), or null for all units.
// Returns: person_id, person_name, status, exposure, light, posts ([{post, role}]); at most 20 rows.
MATCH (person:Person)
WHERE person.exposure IS NOT NULL
  AND ($unit IS NULL OR EXISTS { (person)-[:IN_UNIT]->(:Unit)-[:PART_OF*0..]->(:Unit {id: $unit}) })
RETURN person.id AS person_id,
       person.name AS person_name,
       person.status AS status,
       person.exposure AS exposure,
       person.light AS light,
       [(person)-[h:HOLDS]->(post:Post) | {post: post.name, role: h.role}] AS posts
ORDER BY exposure DESC, person_id
LIMIT 20
