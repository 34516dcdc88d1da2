// 评级输入：人员所任岗位 / Rating input: the posts each listed person holds and in which role, one flat
// row per HOLDS, with the post's stored exposure: an import's partial rating keeps that of the posts
// it leaves alone.
// Parameters: $people (list of person ids).
// Returns: one row: rows, a list of [person_id, post_id, role ('A' | 'B'), exposure] (the post's, as
//   stored; null when unrated).
UNWIND $people AS person_id
MATCH (:Person {id: person_id})-[h:HOLDS]->(x:Post)
RETURN collect([person_id, x.id, h.role, x.exposure]) AS rows
