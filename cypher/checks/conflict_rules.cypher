// 不相容职责规则集 / The global conflict rule set, as sod_conflict.cypher reads it, for the what-if's cache.
// Why: the rules are few and change only by import; the API keeps them between requests
//   (graph/checks/what_if.py) and reads them again when rules_version.cypher answers a new version.
// Each pair in alphabetical order; of two rules on one pair (a->b and b->a) the more severe counts;
// a rule of a duty with itself is ignored.
// Parameters: none.
// Returns: one row: rules ([{duties: [duty_a, duty_b], severity, reason}]), ruled (every duty some
//   rule names, with repeats).
MATCH (a:Duty)-[rule:CONFLICTS_WITH]->(b:Duty)
WHERE a <> b
WITH CASE WHEN a.name < b.name THEN [a.name, b.name] ELSE [b.name, a.name] END AS pair, rule
ORDER BY CASE coalesce(rule.severity, 'high')
           WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END
WITH pair, head(collect(rule)) AS rule
WITH collect({duties: pair, severity: coalesce(rule.severity, 'high'), reason: rule.reason}) AS rules
RETURN rules, reduce(names = [], r IN rules | names + r.duties) AS ruled
