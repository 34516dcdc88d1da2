// 任职预审 / sod_conflict for one what-if, with the rule set given: `POST /api/v1/sod/check`'s query.
// What: exactly the rows of sod_conflict.cypher for $person_id with $extra_post_id held as
//   $extra_role (tests/api/test_sod_check_floor.py compares the two), but the conflict rules come as
//   parameters, cached by the API (conflict_rules.cypher), instead of being read on every request.
// Why: the what-if is asked before each assignment by HR and workflow systems, and must cost about
//   what an HTTP round trip to the database costs.
// Parameters: $person_id, $extra_post_id, $extra_role ('A'|'B'), $today (date; null = today's date on
//   the server), $rules and $ruled (conflict_rules.cypher's row).
// Returns: one row per finding, as sod_conflict.cypher: check, person_id, person_name, unit_id,
//   duties, rule_severity, reason, via ([{duty, post_id, post_name, role, node_id, node_name,
//   assumed}]), mitigated, mitigation, expired_until.
MATCH (person:Person {id: $person_id})
WHERE person.status = 'active'
// The posts the person holds, plus the assumed one.
CALL (person) {
  MATCH (person)-[h:HOLDS]->(post:Post)
  RETURN post, h.role AS role, false AS assumed
  UNION
  MATCH (post:Post {id: $extra_post_id})
  RETURN post, $extra_role AS role, true AS assumed
}
// person -> post (role) -> node -> duty, for the duties some rule names.
MATCH (post)-[:PERFORMS]->(node:Node)-[:HAS_DUTY]->(duty:Duty)
WITH person, post, role, assumed, node, duty.name AS duty
WHERE duty IN $ruled
WITH person,
     collect(DISTINCT duty) AS duties,
     collect({duty: duty, post: post, role: role, node: node, assumed: assumed}) AS paths
// The rules whose two duties the person both has.
WITH person, paths, [r IN $rules WHERE r.duties[0] IN duties AND r.duties[1] IN duties] AS broken
WHERE size(broken) > 0
// The person's mitigations, each with the duties it covers.
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
