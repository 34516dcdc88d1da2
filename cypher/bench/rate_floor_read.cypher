// 基准：评级的下限（读）/ Benchmark floor of a full rating, its read: every rated element (process, node,
// risk point, post, person) and every edge the ratings follow (IN_PROCESS, NEXT, AT, MITIGATES,
// OWNED_BY, PERFORMS, HOLDS), as ids, each list in one record (the cheapest shape to decode).
// benchmarks/rate_bench.py times `powermap rate` against this read plus rate_floor_write.
// Parameters: none.
// Returns: one row: processes, posts, people (ids); nodes [[node, process]], flows [[a, b]],
//   risks [[risk, node, score]], mitigates [[control, risk, kind]], owners [[control, post]],
//   performs [[post, node]], holds [[person, post, role]].
RETURN COLLECT { MATCH (p:Process) RETURN p.id } AS processes,
       COLLECT { MATCH (x:Post) RETURN x.id } AS posts,
       COLLECT { MATCH (x:Person) RETURN x.id } AS people,
       COLLECT { MATCH (n:Node)-[:IN_PROCESS]->(p:Process) RETURN [n.id, p.id] } AS nodes,
       COLLECT { MATCH (a:Node)-[:NEXT]->(b:Node) RETURN [a.id, b.id] } AS flows,
       COLLECT { MATCH (r:Risk)-[:AT]->(n:Node) RETURN [r.id, n.id, r.score] } AS risks,
       COLLECT { MATCH (c:Control)-[:MITIGATES]->(r:Risk) RETURN [c.id, r.id, c.kind] } AS mitigates,
       COLLECT { MATCH (c:Control)-[:OWNED_BY]->(x:Post) RETURN [c.id, x.id] } AS owners,
       COLLECT { MATCH (x:Post)-[:PERFORMS]->(n:Node) RETURN [x.id, n.id] } AS performs,
       COLLECT { MATCH (x:Person)-[h:HOLDS]->(y:Post) RETURN [x.id, y.id, h.role] } AS holds
