// whatif/stand_in_candidates 岗位的候选顶岗人 / Who could stand in for a post.
// 查什么：岗位所在单位及其下级单位中在岗、且不任此岗位（任何角色）的人员。
// What: the active people of the post's unit and its sub-units who do not hold the post.
// Parameters: $post_id.
// Returns: no row for an unknown post, else one row: post_id, post_name, unit_id, key,
//   candidates ([{person_id, name, unit_id}], by person_id).
MATCH (post:Post {id: $post_id})-[:IN_UNIT]->(unit:Unit)
RETURN post.id AS post_id, post.name AS post_name, unit.id AS unit_id, coalesce(post.key, false) AS key,
       COLLECT {
         MATCH (person:Person {status: 'active'})-[:IN_UNIT]->(u:Unit)-[:PART_OF*0..]->(unit)
         WHERE NOT (person)-[:HOLDS]->(post)
         WITH DISTINCT person, u
         ORDER BY person.id
         RETURN {person_id: person.id, name: person.name, unit_id: u.id}
       } AS candidates
