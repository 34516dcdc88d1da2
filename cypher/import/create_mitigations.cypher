// 补偿措施：人员、所涉两个职责、监督人；按编号合并，同一工作簿重复导入不会产生重复的补偿措施 /
// Mitigations: FOR a person, COVERS two duties, MONITORED_BY a person. Merged by id (person, duty
// pair and measure), so importing the same workbook again, even at the same time, never duplicates one.
// Parameters: $rows: list of {id, person_id, duty_a, duty_b, measure, monitor_id (or null), valid_until (date or null)}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MERGE (a:Duty {name: row.duty_a})
MERGE (b:Duty {name: row.duty_b})
MERGE (m:Mitigation {id: row.id})
SET m.measure = row.measure, m.valid_until = row.valid_until
WITH m, p, a, b, row
CALL (m) {
  MATCH (m)-[x:FOR|COVERS|MONITORED_BY]->()
  DELETE x
}
CREATE (m)-[:FOR]->(p)
CREATE (m)-[:COVERS]->(a)
CREATE (m)-[:COVERS]->(b)
WITH m, row
OPTIONAL MATCH (w:Person {id: row.monitor_id})
FOREACH (monitor IN CASE WHEN w IS NULL THEN [] ELSE [w] END | CREATE (m)-[:MONITORED_BY]->(monitor))
