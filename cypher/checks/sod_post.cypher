// sod_post 岗位设计本身含不相容职责 / A post whose own nodes carry both duties of a conflict rule.
// 查什么：一个岗位自己执行的环节里，同时有某条不相容规则的两项职责。每个岗位每对职责一条。
// 为什么：这是岗位设计的缺陷，与谁来坐这个岗位无关：无论谁任职，都会一人兼任不相容职责。
// What and why: a flaw of the post's design, whoever holds it: everyone in it holds both duties.
//   One finding keyed (post_id, {duty_a, duty_b}); `via` names the nodes that bring each duty.
// 本单位 / In unit: the post belongs to the unit (Post-[:IN_UNIT]->Unit).
// Parameters: $unit: a unit id, or null for all units.
// Returns: one row per finding: check, post_id, post_name, unit_id, duties ([duty_a, duty_b],
//   sorted), rule_severity, reason, via ([{duty, node_id, node_name}]).
MATCH (post:Post)-[:IN_UNIT]->(unit:Unit)
WHERE $unit IS NULL OR unit.id = $unit
MATCH (post)-[:PERFORMS]->(node:Node)-[:HAS_DUTY]->(duty:Duty)
WITH post, unit,
     collect(DISTINCT duty) AS duties,
     collect({duty: duty.name, node_id: node.id, node_name: node.name}) AS paths
// Each rule between two of the post's duties, seen once (from its alphabetically first duty).
UNWIND duties AS d1
MATCH (d1)-[rule:CONFLICTS_WITH]-(d2:Duty)
WHERE d1.name < d2.name AND d2 IN duties
WITH post, unit, paths, d1, d2, rule
ORDER BY CASE coalesce(rule.severity, 'high')
           WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END
WITH post, unit, paths, d1.name AS duty_a, d2.name AS duty_b, head(collect(rule)) AS rule
RETURN 'sod_post' AS check,
       post.id AS post_id,
       post.name AS post_name,
       unit.id AS unit_id,
       [duty_a, duty_b] AS duties,
       coalesce(rule.severity, 'high') AS rule_severity,
       rule.reason AS reason,
       [x IN paths WHERE x.duty IN [duty_a, duty_b]] AS via
ORDER BY post_id, duty_a, duty_b
