// 双关键矩阵 / The 双关键 matrix: key posts x processes; each cell the risk of that process's nodes
// the post performs. A risk counts by its residual score once the risk rating has written one
// (`residual`), by its inherent score before.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all).
// Returns: one row per (key post, process) pair where the post performs a node of the process:
//   post_id, post_name, process_id, process_name, risks (how many), max_score, total_score.
MATCH (post:Post {key: true})-[:IN_UNIT]->(u:Unit)
WHERE $unit IS NULL OR EXISTS { (u)-[:PART_OF*0..]->(:Unit {id: $unit}) }
MATCH (post)-[:PERFORMS]->(n:Node)-[:IN_PROCESS]->(p:Process)
OPTIONAL MATCH (r:Risk)-[:AT]->(n)
WITH post, p, collect(DISTINCT r) AS risks
CALL (risks) {
  UNWIND risks AS r
  RETURN max(coalesce(r.residual, r.score)) AS max_score, sum(coalesce(r.residual, r.score)) AS total_score
}
RETURN post.id AS post_id, post.name AS post_name, p.id AS process_id, p.name AS process_name,
       size(risks) AS risks, coalesce(max_score, 0) AS max_score, total_score
ORDER BY post_id, process_id
