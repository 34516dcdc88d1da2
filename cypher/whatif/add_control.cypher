// whatif/add_control 假设：为风险点增加一项由某岗位负责的防控措施 / What-if: a new control of a risk, owned by a post.
// 只在假设分析的回滚事务中运行，从不提交 / Runs only inside a what-if's rolled-back transaction.
// Parameters: $risk_id, $owner_post_id, $control_id (a fresh id), $measure (text).
// Returns: one row: missing (the ids among $risk_id, $owner_post_id that were not found).
OPTIONAL MATCH (risk:Risk {id: $risk_id})
OPTIONAL MATCH (owner:Post {id: $owner_post_id})
CALL (risk, owner) {
  WITH risk, owner
  WHERE risk IS NOT NULL AND owner IS NOT NULL
  CREATE (c:Control {id: $control_id, measure: $measure})-[:MITIGATES]->(risk)
  CREATE (c)-[:OWNED_BY]->(owner)
}
RETURN CASE WHEN risk IS NULL THEN [$risk_id] ELSE [] END
     + CASE WHEN owner IS NULL THEN [$owner_post_id] ELSE [] END AS missing
