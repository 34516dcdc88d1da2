// whatif/unassign 假设：人员不再任某岗位（A角、B角都去掉）/ What-if: a person no longer holds a post (every role).
// 本不任此岗位则不变 / Not held: nothing changes.
// 只在假设分析的回滚事务中运行，从不提交 / Runs only inside a what-if's rolled-back transaction.
// Parameters: $person_id, $post_id.
// Returns: one row: missing (the ids among $person_id, $post_id that were not found).
OPTIONAL MATCH (person:Person {id: $person_id})
OPTIONAL MATCH (post:Post {id: $post_id})
CALL (person, post) {
  MATCH (person)-[h:HOLDS]->(post)
  DELETE h
}
RETURN CASE WHEN person IS NULL THEN [$person_id] ELSE [] END
     + CASE WHEN post IS NULL THEN [$post_id] ELSE [] END AS missing
