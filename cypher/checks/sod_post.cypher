// sod_post 岗位设计本身含不相容职责 / A post whose own nodes carry both duties of a conflict rule.
// 查什么：一个岗位自己执行的环节里，同时有某条不相容规则的两项职责。每个岗位每对职责一条。
// 为什么：这是岗位设计的缺陷，与谁来坐这个岗位无关：无论谁任职，都会一人兼任不相容职责。
// What and why: a flaw of the post's design, whoever holds it: everyone in it holds both duties.
//   One finding keyed (post_id, {duty_a, duty_b}); `via` names the nodes that bring each duty.
// 本单位 / In unit: the post belongs to the unit or one of its sub-units (PART_OF*).
// Parameters: $unit: a unit id (the unit and its sub-units), or null for all units.
// Returns: one row per finding: check, post_id, post_name, unit_id, duties ([duty_a, duty_b],
//   sorted), rule_severity, reason, via ([{duty, node_id, node_name}]).
// The conflict rules: few and global, read once. Each pair in alphabetical order; of two rules on
// one pair (a->b and b->a) the more severe counts.
MATCH (a:Duty)-[rule:CONFLICTS_WITH]->(b:Duty)
WHERE a <> b
WITH CASE WHEN a.name < b.name THEN [a.name, b.name] ELSE [b.name, a.name] END AS pair, rule
ORDER BY CASE coalesce(rule.severity, 'high')
           WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END
WITH pair, head(collect(rule)) AS rule
WITH collect({duties: pair, severity: coalesce(rule.severity, 'high'), reason: rule.reason}) AS rules
WITH rules, reduce(names = [], r IN rules | names + r.duties) AS ruled
// The units in scope, from the unit's id index: it and its sub-units (PART_OF*), or every unit
// when $unit is null. Starting here keeps one station's checks from scanning the whole graph.
// (ruled) is imported so that the planner nests this under the rules' one row.
CALL (ruled) {
  MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(unit:Unit)
  RETURN unit
  UNION
  MATCH (unit:Unit)
  WHERE $unit IS NULL
  RETURN unit
}
WITH rules, ruled, unit
MATCH (post:Post)-[:IN_UNIT]->(unit)
// post -> node -> duty, for the duties some rule names.
MATCH (post)-[:PERFORMS]->(node:Node)-[:HAS_DUTY]->(duty:Duty)
WITH rules, ruled, post, unit, node, duty.name AS duty
WHERE duty IN ruled
WITH rules, post, unit, collect(DISTINCT duty) AS duties, collect({duty: duty, node: node}) AS paths
UNWIND [r IN rules WHERE r.duties[0] IN duties AND r.duties[1] IN duties] AS rule
RETURN 'sod_post' AS check,
       post.id AS post_id,
       post.name AS post_name,
       unit.id AS unit_id,
       rule.duties AS duties,
       rule.severity AS rule_severity,
       rule.reason AS reason,
       [x IN paths WHERE x.duty IN rule.duties | {duty: x.duty, node_id: x.node.id, node_name: x.node.name}] AS via
ORDER BY post_id, duties
