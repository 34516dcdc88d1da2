// 补偿措施：人员、所涉两个职责、监督人 / Mitigations: FOR a person, COVERS two duties, MONITORED_BY a person.
// Parameters: $rows: list of {person_id, duty_a, duty_b, measure, monitor_id (or null), valid_until (date or null)}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MERGE (a:Duty {name: row.duty_a})
MERGE (b:Duty {name: row.duty_b})
CREATE (m:Mitigation)-[:FOR]->(p)
SET m.measure = row.measure, m.valid_until = row.valid_until
CREATE (m)-[:COVERS]->(a)
CREATE (m)-[:COVERS]->(b)
WITH m, row
OPTIONAL MATCH (w:Person {id: row.monitor_id})
FOREACH (monitor IN CASE WHEN w IS NULL THEN [] ELSE [w] END | CREATE (m)-[:MONITORED_BY]->(monitor))
