// 岗位画像 / One post: unit, key or not, rating, its holders (A角/B角 and status) and the nodes it performs.
// Parameters: $id (post id).
// Returns: at most one row: id, name, key, unit_id, unit_name, exposure, light,
//   holders ([{id, name, role, status}]), nodes ([{id, name, kind, duty, process_id, process_name}]).
MATCH (post:Post {id: $id})
OPTIONAL MATCH (post)-[:IN_UNIT]->(unit:Unit)
RETURN post.id AS id, post.name AS name, coalesce(post.key, false) AS key,
       unit.id AS unit_id, unit.name AS unit_name, post.exposure AS exposure, post.light AS light,
       [(person:Person)-[h:HOLDS]->(post) |
         {id: person.id, name: person.name, role: h.role, status: coalesce(person.status, 'active')}] AS holders,
       [(post)-[:PERFORMS]->(node:Node)-[:IN_PROCESS]->(p:Process) |
         {id: node.id, name: node.name, kind: node.kind,
          duty: head([(node)-[:HAS_DUTY]->(d:Duty) | d.name]), process_id: p.id, process_name: p.name}] AS nodes
