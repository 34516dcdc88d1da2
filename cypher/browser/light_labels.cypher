// 红黄绿灯标签 / Traffic-light labels Red, Yellow, Green from the `light` a rating wrote.
// 为什么：Neo4j Browser 的样式（GraSS）只能按标签着色，不能按属性值；评级写下的 light（red/yellow/green，
//   或 红/黄/绿）因此同时写成一个标签，样式据此把节点涂成红、黄、绿。没有 light 的节点不带这些标签。
// Why: Neo4j Browser styles (GraSS) match labels only, never property values, so each rated node
//   (Node, Post, Person...) also carries exactly one label Red, Yellow or Green, matching its light;
//   an unrated node carries none. Safe to run again: it only converges.
// Parameters: none.
// Returns: red, yellow, green (how many nodes carry each label now).
MATCH (n)
WHERE n.light IS NOT NULL OR n:Red OR n:Yellow OR n:Green
REMOVE n:Red:Yellow:Green
WITH n,
     CASE
       WHEN toLower(toString(n.light)) IN ['red', '红'] THEN 'Red'
       WHEN toLower(toString(n.light)) IN ['yellow', '黄'] THEN 'Yellow'
       WHEN toLower(toString(n.light)) IN ['green', '绿'] THEN 'Green'
     END AS light
FOREACH (label IN CASE WHEN light IS NULL THEN [] ELSE [light] END | SET n:$(label))
RETURN count(CASE light WHEN 'Red' THEN 1 END) AS red,
       count(CASE light WHEN 'Yellow' THEN 1 END) AS yellow,
       count(CASE light WHEN 'Green' THEN 1 END) AS green
