// whatif/set_status 假设：人员休假、离岗或返岗 / What-if: a person goes on leave, leaves, or returns.
// 只在假设分析的回滚事务中运行，从不提交 / Runs only inside a what-if's rolled-back transaction.
// Parameters: $person_id, $status ('active' | 'leave' | 'left').
// Returns: one row: missing (the ids not found: [] or [$person_id]).
OPTIONAL MATCH (person:Person {id: $person_id})
SET person.status = $status
RETURN CASE WHEN person IS NULL THEN [$person_id] ELSE [] END AS missing
