// 评级范围的闭包 / What rating some people and posts from scratch needs: the posts the people hold, and the
// processes whose nodes any of those posts performs. Rated together, nothing stored is read.
// Parameters: $people, $posts (lists of ids).
// Returns: one row: posts (the given ones and those the people hold), processes (process ids).
WITH COLLECT {
  CALL () {
    UNWIND $posts AS id
    RETURN id
    UNION
    UNWIND $people AS person_id
    MATCH (:Person {id: person_id})-[:HOLDS]->(x:Post)
    RETURN x.id AS id
  }
  RETURN id
} AS posts
RETURN posts,
       COLLECT {
         UNWIND posts AS post_id
         MATCH (:Post {id: post_id})-[:PERFORMS]->(:Node)-[:IN_PROCESS]->(p:Process)
         RETURN DISTINCT p.id
       } AS processes
