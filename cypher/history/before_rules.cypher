// 导入前状态：不相容职责规则 / Before an import writes: which of the workbook's conflict rules exist already.
// Which duty pairs of the workbook's conflicts table are already a CONFLICTS_WITH rule (either direction).
// Parameters: $rules: list of {duty_a, duty_b}.
// Returns: one row per existing rule: duty_a, duty_b (as the workbook spells them).
UNWIND $rules AS rule
MATCH (:Duty {name: rule.duty_a})-[:CONFLICTS_WITH]-(:Duty {name: rule.duty_b})
RETURN DISTINCT rule.duty_a AS duty_a, rule.duty_b AS duty_b
