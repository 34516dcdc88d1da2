// two_person 双人规则 / Nodes that need two or more people but have fewer to do them.
// 查什么：要求最少人数 min_people >= 2 的环节，其执行岗位的不同在岗人员（A角、B角都算，
//   同一人兼任多个执行岗位只算一人）少于 min_people。
// 为什么：现场勘查、钱款交接等“双人”环节，人手不够时只能一人完成，双人制衡形同虚设。
// What and why: a node with min_people >= 2 whose performing posts have fewer distinct active holders
//   (either role; one person in several of its posts counts once) than min_people: the two-person
//   rule cannot be kept.
// 本单位 / In unit: the node belongs to a process of the unit or one of its sub-units (PART_OF*).
// Parameters: $unit: a unit id (the unit and its sub-units), or null for all units.
// Returns: one row per finding: check, node_id, node_name, process_id, process_name, unit_id,
//   holders (how many distinct active holders), required (min_people),
//   people ([{person_id, person_name}]: those holders), posts ([{post_id, post_name}]).
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
MATCH (node:Node)-[:IN_PROCESS]->(process:Process)-[:IN_UNIT]->(unit)
WHERE node.min_people >= 2
CALL (node) {
  MATCH (person:Person {status: 'active'})-[:HOLDS]->(:Post)-[:PERFORMS]->(node)
  RETURN collect(DISTINCT person) AS people
}
WITH node, process, unit, people
WHERE size(people) < node.min_people
RETURN 'two_person' AS check,
       node.id AS node_id,
       node.name AS node_name,
       process.id AS process_id,
       process.name AS process_name,
       unit.id AS unit_id,
       size(people) AS holders,
       node.min_people AS required,
       [p IN people | {person_id: p.id, person_name: p.name}] AS people,
       [(post:Post)-[:PERFORMS]->(node) | {post_id: post.id, post_name: post.name}] AS posts
ORDER BY node_id
