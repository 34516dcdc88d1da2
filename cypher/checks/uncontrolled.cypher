// uncontrolled 风险点无独立防控 / Risk points without an independent control.
// 查什么：一项防控措施“独立”，是指它有责任岗位，且该岗位不执行风险点所在的环节。
//   没有任何独立防控措施的风险点即为失控，原因：
//   no_control 没有任何措施；self_control 否则，有措施由执行该环节的岗位自己负责（自己监督自己）；
//   unowned 否则（措施都没有责任岗位）。
// 为什么：没人管、自己管自己、或无人负责的措施，等于没有防控。
// What and why: a control is independent when it has an owner post that does not perform the risk's
//   node. A risk with none is uncontrolled: no_control (no control at all), else self_control (a
//   control owned by a post performing the node: checking oneself), else unowned (no owner).
// 本单位 / In unit: the risk's node belongs to a process of the unit or one of its sub-units (PART_OF*).
// Parameters: $unit: a unit id (the unit and its sub-units), or null for all units.
// Returns: one row per finding: check, reason, risk_id, behavior, level, likelihood, impact, score,
//   node_id, node_name, process_id, process_name, unit_id,
//   performers ([{post_id, post_name}]: the posts performing the node),
//   controls ([{control_id, measure, owner_post_id, owner_post_name}]).
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
MATCH (risk:Risk)-[:AT]->(node:Node)-[:IN_PROCESS]->(process:Process)-[:IN_UNIT]->(unit)
WITH risk, node, process, unit,
     [(post:Post)-[:PERFORMS]->(node) | post] AS performers,
     [(control:Control)-[:MITIGATES]->(risk) |
       {control: control, owners: [(control)-[:OWNED_BY]->(owner:Post) | owner]}] AS controls
// Independent: owned, and by nobody who performs the node.
WHERE none(c IN controls WHERE size(c.owners) > 0 AND none(o IN c.owners WHERE o IN performers))
RETURN 'uncontrolled' AS check,
       CASE
         WHEN size(controls) = 0 THEN 'no_control'
         WHEN any(c IN controls WHERE any(o IN c.owners WHERE o IN performers)) THEN 'self_control'
         ELSE 'unowned'
       END AS reason,
       risk.id AS risk_id,
       risk.behavior AS behavior,
       risk.level AS level,
       risk.likelihood AS likelihood,
       risk.impact AS impact,
       risk.score AS score,
       node.id AS node_id,
       node.name AS node_name,
       process.id AS process_id,
       process.name AS process_name,
       unit.id AS unit_id,
       [p IN performers | {post_id: p.id, post_name: p.name}] AS performers,
       [c IN controls | {control_id: c.control.id, measure: c.control.measure,
                         owner_post_id: head(c.owners).id, owner_post_name: head(c.owners).name}] AS controls
ORDER BY risk_id
