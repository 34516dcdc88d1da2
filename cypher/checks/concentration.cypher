// concentration 一人多职 / One active person as the A holder of many posts.
// 查什么：在岗人员担任 A角 的岗位数达到阈值 $threshold（默认3）。
// 为什么：事多人少时一人多职难免，但权力过于集中，既难监督，此人不在时多项业务同时停摆。
// What and why: an active person who is the A holder of $threshold or more posts: power gathered in
//   one hand is hard to watch, and several lines of work stop when that person is away.
// 本单位 / In unit: the person belongs to the unit or one of its sub-units (PART_OF*).
// Parameters: $unit (a unit id: the unit and its sub-units; null = all), $threshold (integer >= 1).
// Returns: one row per finding: check, person_id, person_name, unit_id, count (how many posts),
//   threshold, posts ([{post_id, post_name, unit_id, key}]).
// The units in scope, from the unit's id index: it and its sub-units (PART_OF*), or every unit
// when $unit is null. Starting here keeps one station's checks from scanning the whole graph.
CALL () {
  MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(unit:Unit)
  RETURN unit
  UNION
  MATCH (unit:Unit)
  WHERE $unit IS NULL
  RETURN unit
}
MATCH (person:Person {status: 'active'})-[:IN_UNIT]->(unit)
MATCH (person)-[:HOLDS {role: 'A'}]->(post:Post)
WITH person, collect(DISTINCT post) AS posts
WHERE size(posts) >= $threshold
RETURN 'concentration' AS check,
       person.id AS person_id,
       person.name AS person_name,
       head([(person)-[:IN_UNIT]->(u:Unit) | u.id]) AS unit_id,
       size(posts) AS count,
       $threshold AS threshold,
       [p IN posts | {post_id: p.id, post_name: p.name, key: coalesce(p.key, false),
                      unit_id: head([(p)-[:IN_UNIT]->(u:Unit) | u.id])}] AS posts
ORDER BY person_id
