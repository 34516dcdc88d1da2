// 双关键矩阵 / The 双关键 matrix: key posts x processes; each cell the risk of that process's nodes
// the post performs. A risk counts by its residual score once the risk rating has written one
// (`residual`), by its inherent score before.
// Parameters: $unit (a unit id: the unit and its sub-units; null = all).
// Returns: one row per (key post, process) pair where the post performs a node of the process:
//   post_id, post_name, process_id, process_name, risks (how many), max_score, total_score.
// The units in scope, from the unit's id index: it and its sub-units (PART_OF*), or every unit
// when $unit is null. Starting here keeps one station's checks from scanning the whole graph.
CALL () {
  MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(unit:Unit)
  RETURN unit
  UNION
  MATCH (unit:Unit)
  WHERE $unit IS NULL
  RETURN unit
}
MATCH (post:Post {key: true})-[:IN_UNIT]->(unit)
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
