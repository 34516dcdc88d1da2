// whatif/assign 假设：人员以A角或B角任某岗位 / What-if: a person holds a post as A or B.
// 已以该角色任此岗位则不变 / Already held in that role: nothing changes.
// 只在假设分析的回滚事务中运行，从不提交 / Runs only inside a what-if's rolled-back transaction.
// Parameters: $person_id, $post_id, $role ('A' | 'B').
// Returns: one row: missing (the ids among $person_id, $post_id that were not found).
OPTIONAL MATCH (person:Person {id: $person_id})
OPTIONAL MATCH (post:Post {id: $post_id})
CALL (person, post) {
  WITH person, post
  WHERE person IS NOT NULL AND post IS NOT NULL
  MERGE (person)-[:HOLDS {role: $role}]->(post)
}
RETURN CASE WHEN person IS NULL THEN [$person_id] ELSE [] END
     + CASE WHEN post IS NULL THEN [$post_id] ELSE [] END AS missing
