// 评级输入：人员所任岗位及A/B角 / Rating input: who holds which post, in which role.
// Parameters: none.
// Returns: person_id, post_id, role ('A' | 'B').
MATCH (person:Person)-[h:HOLDS]->(post:Post)
RETURN person.id AS person_id, post.id AS post_id, h.role AS role
