// 人员的岗位、角色与职责 / A person's posts, roles and duties.
// 查什么：一个人担任哪些岗位、是 A角 还是 B角（箭头上的字），这些岗位执行哪些环节、带来哪些职责；
//   此人的两项职责若有不相容规则，冲突关系也画出来。默认（$person_id 为 null）看风险暴露最高的人
//   （未评级时看职责最多的人）；要看别人，运行 :param person_id => '人员编号'。
// What: the posts a person holds (role A or B on the HOLDS arrow), the nodes those posts perform, the
//   duties they bring, and the conflict rules between two of the person's duties; drawn as a graph.
//   With $person_id null, the person with the highest exposure (before rating: the most duties).
// Parameters: $person_id: a person id, or null for the most exposed person.
// Returns: one row per post the person holds: holds (person -> post), duties (paths post -> node ->
//   duty), conflicts (paths post -> node -> duty -> conflicting duty the person also holds);
//   at most 200 rows.
CALL () {
  MATCH (person:Person {id: $person_id})
  RETURN person
  UNION
  MATCH (person:Person)
  WHERE $person_id IS NULL
  WITH person,
       coalesce(person.exposure, -1.0) AS exposure,
       COUNT { (person)-[:HOLDS]->(:Post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(:Duty) } AS duties
  ORDER BY exposure DESC, duties DESC, person.id
  LIMIT 1
  RETURN person
}
MATCH holds = (person)-[:HOLDS]->(post:Post)
RETURN holds,
       [p = (post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(:Duty) | p] AS duties,
       [p = (post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(:Duty)-[:CONFLICTS_WITH]-(other:Duty)
         WHERE EXISTS { (person)-[:HOLDS]->(:Post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(other) } | p] AS conflicts
LIMIT 200
