// 评级输入：每个人所任岗位及A/B角 / Rating input: every person with the posts they hold and in which role.
// Parameters: none.
// Returns: person_id, person_name, holds ([[post_id, role]], role 'A' | 'B').
MATCH (person:Person)
RETURN person.id AS person_id, person.name AS person_name,
       [(person)-[h:HOLDS]->(post:Post) | [post.id, h.role]] AS holds
