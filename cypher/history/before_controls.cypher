// 导入前状态：防控措施 / Before an import writes: the control measures it may change.
// 所导入单位风险点上的防控措施，以及工作簿列出的其他防控措施。
// The controls of risks in the imported units, and other controls the workbook lists.
// Parameters: $units (unit ids), $controls (ids of controls the workbook lists outside those units).
// Returns: one row per unit (null: none): unit_id, items (one list [id, risk_id, measure] per item; few records for many items).
CALL () {
  UNWIND $units AS uid
  MATCH (:Unit {id: uid})<-[:IN_UNIT]-(:Process)<-[:IN_PROCESS]-(:Node)<-[:AT]-(r:Risk)<-[:MITIGATES]-(c:Control)
  RETURN c, r, uid AS unit_id
  UNION
  UNWIND $controls AS cid
  MATCH (c:Control {id: cid})
  OPTIONAL MATCH (c)-[:MITIGATES]->(r:Risk)
  OPTIONAL MATCH (r)-[:AT]->(:Node)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
  RETURN c, r, u.id AS unit_id
}
RETURN unit_id, collect([c.id, r.id, c.measure]) AS items
