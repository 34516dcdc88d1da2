// ab_gap 关键岗位A/B角缺口 / Key posts without a working A/B pair.
// 查什么：关键岗位（key = true）没有在岗A角（vacant）、没有在岗B角（no_backup），
//   或在岗B角全是A角本人（self_backup）。只算状态为 active（在岗）的人；休假、离岗的不算。
// 为什么：关键岗位无人在岗，业务停摆或被他人代办；无B角或B角由A角兼任，一人独揽，无人替补、无人制衡。
// What and why: a key post whose active A holders (A) are none (vacant), whose active B holders (B)
//   are none (no_backup), or whose B holders are all A holders too (self_backup). People on leave or
//   gone do not count. Each condition is its own finding, keyed (post_id, kind).
// 本单位 / In unit: the post belongs to the unit or one of its sub-units (PART_OF*).
// Parameters: $unit: a unit id (the unit and its sub-units), or null for all units.
// Returns: one row per finding: check, kind ('vacant' | 'no_backup' | 'self_backup'), post_id,
//   post_name, unit_id, holders (everyone holding the post, active or not:
//   [{person_id, person_name, role, status}]; the inactive ones explain a gap).
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
MATCH (post:Post {key: true})-[:IN_UNIT]->(unit)
WITH post, unit,
     [(person:Person)-[h:HOLDS]->(post) |
       {person_id: person.id, person_name: person.name, role: h.role, status: person.status}] AS holders
WITH post, unit, holders,
     [x IN holders WHERE x.role = 'A' AND x.status = 'active' | x.person_id] AS a,
     [x IN holders WHERE x.role = 'B' AND x.status = 'active' | x.person_id] AS b
UNWIND [
  CASE WHEN size(a) = 0 THEN 'vacant' END,
  CASE WHEN size(b) = 0 THEN 'no_backup' END,
  CASE WHEN size(b) > 0 AND all(x IN b WHERE x IN a) THEN 'self_backup' END
] AS kind
WITH post, unit, holders, kind
WHERE kind IS NOT NULL
RETURN 'ab_gap' AS check, kind, post.id AS post_id, post.name AS post_name, unit.id AS unit_id, holders
ORDER BY post_id, kind
