// 不相容职责规则合并进全局规则集（无方向：A-B 与 B-A 是同一条规则；导入从不删除规则）/
// Merge conflict rules into the one global rule set (A-B and B-A are one rule; imports never delete rules).
// A rule given again takes the new severity, and the new reason when one is given.
// Parameters: $rows: list of {duty_a, duty_b, severity, reason (or null)}.
// Returns: nothing.
UNWIND $rows AS row
MERGE (a:Duty {name: row.duty_a})
MERGE (b:Duty {name: row.duty_b})
MERGE (a)-[c:CONFLICTS_WITH]-(b)
SET c.severity = row.severity, c.reason = coalesce(row.reason, c.reason)
