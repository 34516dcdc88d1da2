// 人员所任岗位及其暴露度 / For the listed people: the posts each holds, the role, and each post's
// exposure as the graph holds it (null when unrated): the posts outside a partial rating keep theirs.
// Parameters: $ids (list of person ids).
// Returns: one row per person: person_id, person_name, holds ([[post_id, role, exposure]]).
UNWIND $ids AS id
MATCH (person:Person {id: id})
RETURN person.id AS person_id, person.name AS person_name,
       [(person)-[h:HOLDS]->(post:Post) | [post.id, h.role, post.exposure]] AS holds
