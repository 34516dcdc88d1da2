// 任职预审 / `POST /api/v1/sod/check` in one statement: do the person and the post exist, which rule
//   set is current, and the person's conflicts if they also held the post in the given role.
// What: the findings are exactly sod_conflict.cypher's rows for $person_id with $post_id held as
//   $role (tests/api/test_sod_check_floor.py compares the two), as maps in one list.
// Why one statement: the what-if is asked before each assignment by HR and workflow systems and
//   should cost about one round trip to the database, as /health does. The conflict rules are few,
//   global and changed only by imports, so the API keeps them (graph/checks/sod_check.py) and
//   sends them back as $rules with the version they were read at. Every import records an Import
//   node in its own transaction (history/record_import), so the latest import's id is a version
//   stamp of the rules that an import by another process (the command line) changes too: when
//   $rules_version is not the latest, the rules are read here and returned, to be kept.
// Parameters: $person_id, $post_id, $role ('A'|'B'), $today (date; null = today's date on the
//   server), $rules ([{duties: [duty_a, duty_b], severity, reason}] or null: none kept),
//   $rules_version (the version $rules were read at).
// Returns: one row: person (bool), post (bool), rules_version (latest import's id, null before any),
//   rules (the rules when read here, else null), findings ([{check, person_id, person_name, unit_id,
//   duties, rule_severity, reason, via, mitigated, mitigation, expired_until}] as in
//   sod_conflict.cypher, empty when the person or the post is unknown).
CALL () {
  OPTIONAL MATCH (i:Import)
  WHERE i.at IS NOT NULL
  RETURN i.id AS rules_version
  ORDER BY i.at DESC
  LIMIT 1
}
// The rules: the caller's when they are current, else read now. Each pair in alphabetical order;
// of two rules on one pair (a->b and b->a) the more severe counts; a duty with itself is ignored.
CALL (rules_version) {
  WITH rules_version
  WHERE $rules IS NOT NULL AND coalesce(rules_version, '') = coalesce($rules_version, '')
  RETURN $rules AS rules, false AS read
  UNION
  WITH rules_version
  WHERE NOT ($rules IS NOT NULL AND coalesce(rules_version, '') = coalesce($rules_version, ''))
  RETURN COLLECT {
    MATCH (a:Duty)-[rule:CONFLICTS_WITH]->(b:Duty)
    WHERE a <> b
    WITH CASE WHEN a.name < b.name THEN [a.name, b.name] ELSE [b.name, a.name] END AS pair, rule
    ORDER BY CASE coalesce(rule.severity, 'high')
               WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END
    WITH pair, head(collect(rule)) AS rule
    RETURN {duties: pair, severity: coalesce(rule.severity, 'high'), reason: rule.reason}
  } AS rules, true AS read
}
WITH rules_version, rules, read, reduce(names = [], r IN rules | names + r.duties) AS ruled
OPTIONAL MATCH (person:Person {id: $person_id})
OPTIONAL MATCH (extra:Post {id: $post_id})
RETURN person IS NOT NULL AS person,
       extra IS NOT NULL AS post,
       rules_version,
       CASE WHEN read THEN rules END AS rules,
       COLLECT {
         WITH person, extra, rules, ruled
         WHERE person.status = 'active' AND extra IS NOT NULL
         // The posts the person holds, plus the assumed one.
         CALL (person, extra) {
           MATCH (person)-[h:HOLDS]->(post:Post)
           RETURN post, h.role AS role, false AS assumed
           UNION
           RETURN extra AS post, $role AS role, true AS assumed
         }
         // person -> post (role) -> node -> duty, for the duties some rule names.
         MATCH (post)-[:PERFORMS]->(node:Node)-[:HAS_DUTY]->(duty:Duty)
         WITH person, rules, ruled, post, role, assumed, node, duty.name AS duty
         WHERE duty IN ruled
         WITH person, rules,
              collect(DISTINCT duty) AS duties,
              collect({duty: duty, post: post, role: role, node: node, assumed: assumed}) AS paths
         // The rules whose two duties the person both has.
         WITH person, paths, [r IN rules WHERE r.duties[0] IN duties AND r.duties[1] IN duties] AS broken
         WHERE size(broken) > 0
         // The person's mitigations, each with the duties it covers.
         WITH person, paths, broken,
              [(m:Mitigation)-[:FOR]->(person) |
                {m: m, covers: [(m)-[:COVERS]->(d:Duty) | d.name],
                 monitor: head([(m)-[:MONITORED_BY]->(w:Person) | w])}
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
         RETURN {
           check: 'sod_conflict',
           person_id: person.id,
           person_name: person.name,
           unit_id: head([(person)-[:IN_UNIT]->(u:Unit) | u.id]),
           duties: rule.duties,
           rule_severity: rule.severity,
           reason: rule.reason,
           via: [x IN paths WHERE x.duty IN rule.duties |
                  {duty: x.duty, post_id: x.post.id, post_name: x.post.name, role: x.role,
                   node_id: x.node.id, node_name: x.node.name, assumed: x.assumed}],
           mitigated: size(valid) > 0,
           mitigation: CASE WHEN size(valid) > 0
             THEN {measure: valid[0].measure, monitor_id: valid[0].monitor_id,
                   monitor_name: valid[0].monitor_name, valid_until: valid[0].valid_until}
           END,
           expired_until: CASE WHEN size(valid) = 0 AND size(expired) > 0
             THEN reduce(latest = expired[0], x IN expired | CASE WHEN x > latest THEN x ELSE latest END)
           END
         }
       } AS findings
