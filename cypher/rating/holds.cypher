// 评级输入：人员所任岗位及A/B角 / Rating input: who holds which post, in which role.
// Parameters: none.
// Returns: person_id, person_name, post_id, post_name, role ('A' | 'B').
MATCH (person:Person)-[h:HOLDS]->(post:Post)
RETURN person.id AS person_id, person.name AS person_name, post.id AS post_id, post.name AS post_name,
       h.role AS role
