// whatif/transfer 假设：人员调岗，卸下所有岗位，改任一个岗位 / What-if: a person leaves every post and takes one.
// 只在假设分析的回滚事务中运行，从不提交 / Runs only inside a what-if's rolled-back transaction.
// Parameters: $person_id, $post_id, $role ('A' | 'B').
// Returns: one row: missing (the ids among $person_id, $post_id that were not found).
OPTIONAL MATCH (person:Person {id: $person_id})
OPTIONAL MATCH (post:Post {id: $post_id})
CALL (person, post) {
  WITH person, post
  WHERE person IS NOT NULL AND post IS NOT NULL
  CALL (person) {
    MATCH (person)-[h:HOLDS]->(:Post)
    DELETE h
  }
  MERGE (person)-[:HOLDS {role: $role}]->(post)
}
RETURN CASE WHEN person IS NULL THEN [$person_id] ELSE [] END
     + CASE WHEN post IS NULL THEN [$post_id] ELSE [] END AS missing
