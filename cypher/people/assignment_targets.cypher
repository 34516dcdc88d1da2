// 任职检查的对象是否存在 / Do the person and the post of an assignment exist?
// Parameters: $person_id, $post_id.
// Returns: one row: person (bool), post (bool).
OPTIONAL MATCH (person:Person {id: $person_id})
OPTIONAL MATCH (post:Post {id: $post_id})
RETURN person IS NOT NULL AS person, post IS NOT NULL AS post
