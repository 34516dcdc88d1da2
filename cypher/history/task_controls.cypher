// 监督任务单的素材 / What the monthly supervision task lists are made of.
// 在岗三级监督员（SUPERVISES level 3）所监督流程里的每条防控措施，带流程星级与暴露度。
// Every control in the processes each active level-3 supervisor supervises, with the process's stars
// and an exposure to rank by (the node's exposure after `powermap rate`, else the risk's residual or score).
// Parameters: $units (unit ids of the scope, or null for all units).
// Returns: one row per (supervisor, control): supervisor_id, supervisor_name, process_id, process_name,
//   stars, unit_id, control_id, measure, owner_post_id, risk_id, behavior, node_id, node_name, exposure.
MATCH (s:Person {status: 'active'})-[:SUPERVISES {level: 3}]->(p:Process)-[:IN_UNIT]->(u:Unit)
WHERE $units IS NULL OR u.id IN $units
MATCH (c:Control)-[:MITIGATES]->(r:Risk)-[:AT]->(n:Node)-[:IN_PROCESS]->(p)
OPTIONAL MATCH (c)-[:OWNED_BY]->(o:Post)
RETURN s.id AS supervisor_id, s.name AS supervisor_name, p.id AS process_id, p.name AS process_name,
       p.stars AS stars, u.id AS unit_id, c.id AS control_id, c.measure AS measure, o.id AS owner_post_id,
       r.id AS risk_id, r.behavior AS behavior, n.id AS node_id, n.name AS node_name,
       toFloat(coalesce(n.exposure, r.residual, r.score, 0)) AS exposure
ORDER BY supervisor_id, process_id, control_id
