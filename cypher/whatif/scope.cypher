// whatif/scope 假设分析的检查范围 / The units a what-if must re-check, and which checks can change.
// 查什么：事件涉及的人员、岗位、风险点会影响哪些单位的检查结果：人员所在单位、其所任岗位及事件岗位的单位、
//   这些岗位所执行环节的流程单位、人员监督的流程单位、风险点所在流程单位；每个单位放宽到它所属的供电所
//   （自身或最近的 kind = station 上级），没有供电所上级的取其自身。另给出判断哪些检查可能变化所需的事实。
// What and why: every finding an event can change lies in one of these units (a person's, a post's,
//   the process of a node a post performs, a process the person supervises, a risk's process), each
//   widened to its station-level ancestor, so a what-if re-checks a few stations, not the province.
//   Also the facts that tell which checks can change at all: whether a touched post (named in an
//   event or held by an event's person) is key, or performs a node with min_people >= 2; each event
//   person's number of A posts and whether they supervise a process at level 3.
// Parameters: $people (person ids), $posts (post ids), $risks (risk ids); unknown ids are ignored;
//   $named (post ids whose names the answer's message uses).
// Returns: one row: units (distinct unit ids to pass as $unit to the checks), post_names
//   ([[post_id, name]] of the $named posts found), key_posts (boolean), two_person_posts (boolean),
//   people ([{person_id, name, a_posts, supervises}]).
CALL () {
  UNWIND $people AS id
  MATCH (:Person {id: id})-[:IN_UNIT|SUPERVISES]->(x)
  RETURN x
  UNION
  UNWIND $people AS id
  MATCH (:Person {id: id})-[:HOLDS]->(x:Post)
  RETURN x
  UNION
  UNWIND $posts AS id
  MATCH (x:Post {id: id})
  RETURN x
  UNION
  UNWIND $risks AS id
  MATCH (:Risk {id: id})-[:AT]->(n:Node)-[:IN_PROCESS]->(x:Process)
  RETURN x
}
WITH collect(DISTINCT x) AS touched
CALL (touched) {
  UNWIND touched AS x
  CALL (x) {
    MATCH (x:Post)-[:PERFORMS]->(:Node)-[:IN_PROCESS]->(p:Process)-[:IN_UNIT]->(u:Unit)
    RETURN u
    UNION
    MATCH (x)-[:IN_UNIT]->(u:Unit)
    RETURN u
    UNION
    WITH x
    WHERE x:Unit
    RETURN x AS u
  }
  WITH DISTINCT u
  OPTIONAL MATCH path = (u)-[:PART_OF*0..]->(s:Unit {kind: 'station'})
  WITH u, s, length(path) AS steps
  ORDER BY steps
  WITH u, head(collect(s)) AS station
  RETURN collect(DISTINCT coalesce(station, u).id) AS units
}
WITH units, [x IN touched WHERE x:Post] AS posts
RETURN units,
       COLLECT { UNWIND $named AS id MATCH (x:Post {id: id}) RETURN [x.id, x.name] } AS post_names,
       any(p IN posts WHERE p.key = true) AS key_posts,
       any(p IN posts WHERE EXISTS { (p)-[:PERFORMS]->(n:Node) WHERE n.min_people >= 2 }) AS two_person_posts,
       COLLECT {
         UNWIND $people AS id
         MATCH (p:Person {id: id})
         RETURN {person_id: p.id, name: p.name,
                 a_posts: COUNT { (p)-[:HOLDS {role: 'A'}]->(:Post) },
                 supervises: EXISTS { (p)-[:SUPERVISES {level: 3}]->(:Process) }}
       } AS people
