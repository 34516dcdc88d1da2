// 评级输入：全部不相容规则 / Every conflict rule, as a person's conflict penalty depends on them: an
// import that changes them (a rule added, a severity changed) changes the exposure of people in
// every unit. Compared before and after an import's writes (graph/writer.py).
// Parameters: none.
// Returns: one row: rules, a sorted list of [duty_a, duty_b, severity, reason].
MATCH (a:Duty)-[r:CONFLICTS_WITH]->(b:Duty)
WITH [a.name, b.name, r.severity, r.reason] AS rule
ORDER BY rule
RETURN collect(rule) AS rules
