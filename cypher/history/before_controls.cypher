// 导入前状态：防控措施 / Before an import writes: the control measures it may change.
// 所导入单位风险点上的防控措施，以及工作簿列出的防控措施。
// The controls of risks in the imported units, and the controls the workbook lists.
// Parameters: $units (unit ids), $controls (control ids).
// Returns: one row per control: id, risk_id, measure, unit_id.
CALL () {
  UNWIND $units AS uid
  MATCH (c:Control)-[:MITIGATES]->(:Risk)-[:AT]->(:Node)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(:Unit {id: uid})
  RETURN c
  UNION
  UNWIND $controls AS cid
  MATCH (c:Control {id: cid})
  RETURN c
}
OPTIONAL MATCH (c)-[:MITIGATES]->(r:Risk)
OPTIONAL MATCH (r)-[:AT]->(:Node)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
RETURN c.id AS id, r.id AS risk_id, c.measure AS measure, u.id AS unit_id
