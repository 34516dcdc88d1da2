// sod_conflict 一人兼任不相容职责 / One active person holding two conflicting duties.
// 查什么：在岗人员所任全部岗位（A角、B角都算）所执行环节的职责中，同时出现一条不相容规则的两项职责。
//   每人每对职责一条，via 列出每项职责从哪条路径来：人员 -> 岗位(角色) -> 环节 -> 职责，
//   因此经B角带来的冲突一目了然。有效补偿措施（无有效期，或有效期至今天及以后）的冲突仍然列出，
//   mitigated = true 并给出措施与监督人；过期的补偿措施不算。
// 为什么：审批与付款、验收与结算等职责落在同一人手里，就能自批自付、自验自结，是廉洁风险的核心。
// What and why: for every active person, the duties of every node performed by every post they hold
//   (role A or B). Each conflict rule whose two duties are both there is one finding keyed
//   (person_id, {duty_a, duty_b}); `via` lists person -> post (role) -> node -> duty for both duties.
//   A mitigation valid on $today keeps the finding, with mitigated = true. A rule of a duty with
//   itself is ignored; two rules on one pair give one finding with the higher severity.
// 本单位 / In unit: the person belongs to the unit or one of its sub-units (PART_OF*).
// 假设 / What-if: with $person_id, $extra_post_id and $extra_role set, that person is checked as if
//   they also held that post in that role; such paths carry assumed = true.
// 指定人员 / Some people: with $people (a list of person ids) only those people are checked, e.g. the
//   performers of the process a flowchart draws.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all), $today (date; null = today's date on the server),
//   $person_id (person id or null = everyone), $extra_post_id and $extra_role ('A'|'B'), null for none,
//   $people (a list of person ids, or null = everyone; ignored when $person_id is set).
// Returns: one row per finding: check, person_id, person_name, unit_id, duties ([duty_a, duty_b],
//   sorted), rule_severity, reason, via ([{duty, post_id, post_name, role, node_id, node_name,
//   assumed}]), mitigated, mitigation ({measure, monitor_id, monitor_name, valid_until} or null),
//   expired_until (the latest past valid_until of an expired mitigation, or null).
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
// The one person of a what-if by the id index; else the listed people ($people) by the id index;
// else the active people of the unit and its sub-units, from the unit's id index; else every active
// person. Each branch is an index seek that finds nothing when its parameters say so (a seek for
// null finds no node, an UNWIND of null no row): a plain `$person_id IS NULL OR person.id =
// $person_id` would read every active person even for a what-if.
// (ruled) is imported only so that the planner nests the branches under the rules' one row
// instead of planning a CartesianProduct with it.
CALL (ruled) {
  MATCH (person:Person {id: $person_id})
  WHERE person.status = 'active'
    AND ($unit IS NULL OR EXISTS { (person)-[:IN_UNIT]->(:Unit)-[:PART_OF*0..]->(:Unit {id: $unit}) })
  RETURN person
  UNION
  UNWIND CASE WHEN $person_id IS NULL THEN $people END AS listed
  MATCH (person:Person {id: listed})
  WHERE person.status = 'active'
    AND ($unit IS NULL OR EXISTS { (person)-[:IN_UNIT]->(:Unit)-[:PART_OF*0..]->(:Unit {id: $unit}) })
  RETURN person
  UNION
  MATCH (:Unit {id: CASE WHEN $person_id IS NULL AND $people IS NULL THEN $unit END})<-[:PART_OF*0..]-(:Unit)
        <-[:IN_UNIT]-(person:Person {status: 'active'})
  RETURN person
  UNION
  MATCH (person:Person {status: CASE WHEN $person_id IS NULL AND $people IS NULL AND $unit IS NULL THEN 'active' END})
  RETURN person
}
WITH rules, ruled, person
// The posts the person holds, plus the assumed one of a what-if.
CALL (person) {
  MATCH (person)-[h:HOLDS]->(post:Post)
  RETURN post, h.role AS role, false AS assumed
  UNION
  MATCH (post:Post {id: $extra_post_id})
  WHERE person.id = $person_id
  RETURN post, $extra_role AS role, true AS assumed
}
// person -> post (role) -> node -> duty, for the duties some rule names.
MATCH (post)-[:PERFORMS]->(node:Node)-[:HAS_DUTY]->(duty:Duty)
WITH rules, ruled, person, post, role, assumed, node, duty.name AS duty
WHERE duty IN ruled
WITH rules, person,
     collect(DISTINCT duty) AS duties,
     collect({duty: duty, post: post, role: role, node: node, assumed: assumed}) AS paths
// The rules whose two duties the person both has.
WITH person, paths, [r IN rules WHERE r.duties[0] IN duties AND r.duties[1] IN duties] AS broken
WHERE size(broken) > 0
// The person's mitigations, each with the duties it covers: read once per person, not per rule.
WITH person, paths, broken,
     [(m:Mitigation)-[:FOR]->(person) |
       {m: m, covers: [(m)-[:COVERS]->(d:Duty) | d.name], monitor: head([(m)-[:MONITORED_BY]->(w:Person) | w])}
     ] AS mitigations
UNWIND broken AS rule
// Those covering both duties of the rule; valid when without an end date or not yet past $today.
WITH person, paths, rule,
     [x IN mitigations WHERE rule.duties[0] IN x.covers AND rule.duties[1] IN x.covers |
       {measure: x.m.measure,
        valid_until: toString(x.m.valid_until),
        valid: x.m.valid_until IS NULL OR date(x.m.valid_until) >= date(coalesce($today, date())),
        monitor_id: x.monitor.id,
        monitor_name: x.monitor.name}] AS mitigations
WITH person, paths, rule,
     [x IN mitigations WHERE x.valid] AS valid,
     [x IN mitigations WHERE NOT x.valid | x.valid_until] AS expired
RETURN 'sod_conflict' AS check,
       person.id AS person_id,
       person.name AS person_name,
       head([(person)-[:IN_UNIT]->(u:Unit) | u.id]) AS unit_id,
       rule.duties AS duties,
       rule.severity AS rule_severity,
       rule.reason AS reason,
       [x IN paths WHERE x.duty IN rule.duties |
         {duty: x.duty, post_id: x.post.id, post_name: x.post.name, role: x.role,
          node_id: x.node.id, node_name: x.node.name, assumed: x.assumed}] AS via,
       size(valid) > 0 AS mitigated,
       CASE WHEN size(valid) > 0
         THEN {measure: valid[0].measure, monitor_id: valid[0].monitor_id,
               monitor_name: valid[0].monitor_name, valid_until: valid[0].valid_until}
       END AS mitigation,
       CASE WHEN size(valid) = 0 AND size(expired) > 0
         THEN reduce(latest = expired[0], x IN expired | CASE WHEN x > latest THEN x ELSE latest END)
       END AS expired_until
ORDER BY person_id, duties
