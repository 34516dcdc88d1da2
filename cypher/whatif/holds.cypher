// whatif/holds 若干人员的姓名、状态与所任岗位 / Some people's names, status and the posts they hold.
// Parameters: $ids (person ids).
// Returns: one row per person found: person_id, name, status, unit_id, holds ([[post_id, role]]).
UNWIND $ids AS id
MATCH (person:Person {id: id})
RETURN person.id AS person_id, person.name AS name, person.status AS status,
       head([(person)-[:IN_UNIT]->(u:Unit) | u.id]) AS unit_id,
       [(person)-[h:HOLDS]->(post:Post) | [post.id, h.role]] AS holds
ORDER BY person_id
