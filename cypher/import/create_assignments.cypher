// 人员担任岗位（A角/B角）/ Who holds which post, as A or B.
// Parameters: $rows: list of {person_id, post_id, role ('A' or 'B')}.
// Returns: nothing.
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (q:Post {id: row.post_id})
CREATE (p)-[:HOLDS {role: row.role}]->(q)
