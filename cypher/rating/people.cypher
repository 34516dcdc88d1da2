// 评级输入：人员及其所任岗位 / Rating input: the listed people, and the posts each holds, in which role
// ('A' | 'B'), with the post's stored exposure (an import's partial rating keeps that of the posts it
// leaves alone); flat rows, each list in one record (see rating/processes). Stored ratings are null
// when unrated.
// Parameters: $people (list of person ids).
// Returns: one row: people [[id, name, exposure, light]], holds [[person_id, post_id, role, exposure]].
UNWIND $people AS id
MATCH (x:Person {id: id})
WITH collect(x) AS found
RETURN [x IN found | [x.id, x.name, x.exposure, x.light]] AS people,
       COLLECT { UNWIND found AS x MATCH (x)-[h:HOLDS]->(y:Post) RETURN [x.id, y.id, h.role, y.exposure] } AS holds
