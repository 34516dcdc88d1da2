// 任职预审的对象与规则版本 / Do the person and the post of a what-if exist, and which rule set is current?
// Why: one statement at the start of `POST /sod/check`'s one read transaction. Rules change only
//   by import, and every import records an Import node in its own transaction (history/record_import),
//   so the latest import's id is a version stamp of the rule set that another process's import
//   (the command line) changes too: the API's cached rules are read again when it changes.
// Parameters: $person_id, $post_id.
// Returns: one row: person (bool), post (bool), rules_version (the latest import's id, null before any).
OPTIONAL MATCH (person:Person {id: $person_id})
OPTIONAL MATCH (post:Post {id: $post_id})
CALL () {
  OPTIONAL MATCH (i:Import)
  WHERE i.at IS NOT NULL
  RETURN i.id AS rules_version
  ORDER BY i.at DESC
  LIMIT 1
}
RETURN person IS NOT NULL AS person, post IS NOT NULL AS post, rules_version
