// 人员画像 / One person: unit, status, rating, the posts held (A角/B角) and the duties they bring.
// Parameters: $id (person id).
// Returns: at most one row: id, name, status, unit_id, unit_name, exposure, light,
//   posts ([{id, name, role, key, unit_id}]), duties ([{duty, post_id, node_id, node_name, process_id}]).
MATCH (person:Person {id: $id})
OPTIONAL MATCH (person)-[:IN_UNIT]->(unit:Unit)
RETURN person.id AS id, person.name AS name, coalesce(person.status, 'active') AS status,
       unit.id AS unit_id, unit.name AS unit_name, person.exposure AS exposure, person.light AS light,
       [(person)-[h:HOLDS]->(post:Post) |
         {id: post.id, name: post.name, role: h.role, key: coalesce(post.key, false),
          unit_id: head([(post)-[:IN_UNIT]->(u:Unit) | u.id])}] AS posts,
       [(person)-[:HOLDS]->(post:Post)-[:PERFORMS]->(node:Node)-[:HAS_DUTY]->(duty:Duty) |
         {duty: duty.name, post_id: post.id, node_id: node.id, node_name: node.name,
          process_id: head([(node)-[:IN_PROCESS]->(p:Process) | p.id])}] AS duties
