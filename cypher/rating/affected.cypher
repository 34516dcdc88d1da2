// 导入影响的评级对象 / What an import of these units can change the ratings of: the units'
// processes, and the processes of risks whose controls the units' posts own (another unit's risk
// loses its independent control when such a post goes); the posts of the units and every post performing a node of those processes (a
// post's exposure sums the nodes it performs); the people of the units and every holder of those
// posts (a person's exposure sums the posts they hold), wherever they sit.
// Run before an import writes and after: the union holds what the import left and what it found
// (a person of another unit who loses a post of these units is in the first only).
// Parameters: $units (list of unit ids).
// Returns: one row: processes, posts, people (lists of ids).
UNWIND $units AS uid
MATCH (u:Unit {id: uid})
WITH collect(u) AS units
WITH units,
     COLLECT {
       CALL (units) {
         UNWIND units AS u
         MATCH (p:Process)-[:IN_UNIT]->(u)
         RETURN p.id AS id
         UNION
         UNWIND units AS u
         MATCH (u)<-[:IN_UNIT]-(:Post)<-[:OWNED_BY]-(:Control)-[:MITIGATES]->(:Risk)-[:AT]->(:Node)
               -[:IN_PROCESS]->(p:Process)
         RETURN p.id AS id
       }
       RETURN DISTINCT id
     } AS processes
WITH units, processes,
     COLLECT {
       CALL (units, processes) {
         UNWIND units AS u
         MATCH (x:Post)-[:IN_UNIT]->(u)
         RETURN x.id AS id
         UNION
         UNWIND processes AS pid
         MATCH (:Process {id: pid})<-[:IN_PROCESS]-(:Node)<-[:PERFORMS]-(x:Post)
         RETURN x.id AS id
       }
       RETURN DISTINCT id
     } AS posts
RETURN processes, posts,
       COLLECT {
         CALL (units, posts) {
           UNWIND units AS u
           MATCH (x:Person)-[:IN_UNIT]->(u)
           RETURN x.id AS id
           UNION
           UNWIND posts AS pid
           MATCH (:Post {id: pid})<-[:HOLDS]-(x:Person)
           RETURN x.id AS id
         }
         RETURN DISTINCT id
       } AS people
