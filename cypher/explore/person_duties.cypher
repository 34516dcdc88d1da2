// 人员的岗位、角色与职责 / A person's posts, roles and duties.
// 查什么：某人（$person_id；为 null 时看所有人）担任哪些岗位、是 A角 还是 B角（箭头上的字），这些岗位
//   执行哪些环节、带来哪些职责；此人的两项职责若有不相容规则，冲突关系也画出来。结果是一张图。
// What: the posts a person holds (role A or B on the HOLDS arrow), the nodes those posts perform, the
//   duties they bring, and the conflict rules between two of the person's duties; drawn as a graph.
// Parameters: $person_id: a person id, or null for everyone.
// Returns: one row per person and post held: holds (person -> post), duties (paths post -> node ->
//   duty), conflicts (paths post -> node -> duty -> conflicting duty the person also holds);
//   at most 200 rows.
MATCH holds = (person:Person)-[:HOLDS]->(post:Post)
WHERE $person_id IS NULL OR person.id = $person_id
RETURN holds,
       [p = (post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(:Duty) | p] AS duties,
       [p = (post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(:Duty)-[:CONFLICTS_WITH]-(other:Duty)
         WHERE EXISTS { (person)-[:HOLDS]->(:Post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(other) } | p] AS conflicts
LIMIT 200
