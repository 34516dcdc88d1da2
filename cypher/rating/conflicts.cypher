// 评级输入：人员未缓解的不相容职责 / Rating input: the unmitigated conflicts of the listed people, one row each,
// for the conflict penalty of their exposure. The same rule as the sod_conflict check
// (cypher/checks/sod_conflict.cypher: active people, duties through every post held in either role,
// the more severe of two rules on one pair, a mitigation valid on $today covering both duties),
// without the `via` paths and names the check reports: tests/graph/test_rating.py holds the two equal.
// Parameters: $people (list of person ids), $today (date).
// Returns: one row: rows, a list of [person_id, rule_severity, held_as_a], one per unmitigated
//   conflict: the rule's severity ('high' when not given), and whether both duties reach the person
//   through an A role (else the finding is one level milder).
MATCH (a:Duty)-[rule:CONFLICTS_WITH]->(b:Duty)
WHERE a <> b
WITH CASE WHEN a.name < b.name THEN [a.name, b.name] ELSE [b.name, a.name] END AS pair,
     coalesce(rule.severity, 'high') AS severity
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END
WITH pair, head(collect(severity)) AS severity
WITH collect({duties: pair, severity: severity}) AS rules
WITH rules, reduce(names = [], r IN rules | names + r.duties) AS ruled
UNWIND $people AS person_id
MATCH (person:Person {id: person_id})
WHERE person.status = 'active'
// The person's ruled duties, each with the role it comes through, walked from the person and
// filtered after: a `duty.name IN ruled` inside the pattern lets the planner start from the few,
// dense Duty nodes by their index and walk back through every node and post that has them
// (millions of rows in an import's transaction, where the statistics still say the graph is empty).
WITH rules, ruled, person,
     [x IN [(person)-[h:HOLDS]->(:Post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(duty:Duty) | [duty.name, h.role]]
       WHERE x[0] IN ruled] AS held
WITH rules, person,
     reduce(names = [], x IN held | CASE WHEN x[0] IN names THEN names ELSE names + x[0] END) AS duties,
     [x IN held WHERE x[1] = 'A' | x[0]] AS a_duties
WITH person, a_duties, [r IN rules WHERE r.duties[0] IN duties AND r.duties[1] IN duties] AS broken
WHERE size(broken) > 0
WITH person, a_duties, broken,
     [(m:Mitigation)-[:FOR]->(person)
       WHERE m.valid_until IS NULL OR date(m.valid_until) >= date($today) |
       [(m)-[:COVERS]->(d:Duty) | d.name]] AS covered
UNWIND broken AS rule
WITH person, a_duties, rule
WHERE NONE(c IN covered WHERE rule.duties[0] IN c AND rule.duties[1] IN c)
RETURN collect([person.id, rule.severity, rule.duties[0] IN a_duties AND rule.duties[1] IN a_duties]) AS rows
