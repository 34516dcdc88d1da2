// 关键人员（卡脖子）/ Choke points: who alone keeps a key post covered.
// 查什么：在岗人员中，是某关键岗位唯一在岗的A角或唯一在岗的B角的人：他一休假，该岗位就无A角（vacant）或无B角
//   （no_backup）。这是快速一览；完整排名（含双人环节、三级监督，并按严重程度计分）用
//   powermap chokepoints 或 GET /api/v1/chokepoints。
// What: active people who are the only active A, or the only active B, of a key post: their leave
//   alone leaves it vacant or without backup. A quick look; the full ranking (two-person nodes and
//   level-3 supervision too, scored by severity) is `powermap chokepoints` / GET /api/v1/chokepoints.
// Parameters: $unit: a unit id (the unit and its sub-units), or null for all units.
// Returns: one row per person: person_id, name, unit_id, sole (how many), posts (['post name（A角）', ...]),
//   most first.
MATCH (person:Person {status: 'active'})-[h:HOLDS]->(post:Post {key: true})-[:IN_UNIT]->(unit:Unit)
WHERE ($unit IS NULL OR EXISTS { (unit)-[:PART_OF*0..]->(:Unit {id: $unit}) })
  AND NOT EXISTS {
    MATCH (other:Person {status: 'active'})-[o:HOLDS]->(post)
    WHERE other <> person AND o.role = h.role
  }
WITH person, collect(DISTINCT post.name + '（' + h.role + '角）') AS posts
RETURN person.id AS person_id, person.name AS name,
       head([(person)-[:IN_UNIT]->(u:Unit) | u.id]) AS unit_id,
       size(posts) AS sole, posts
ORDER BY sole DESC, person_id
