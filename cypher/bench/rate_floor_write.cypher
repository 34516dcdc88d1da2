// 基准：评级的下限（写）/ Benchmark floor of a full rating, its write: one property on each rated element,
// found by id as the rating's writes find them. With $value null the property is removed again.
// Parameters: $processes, $nodes, $risks, $posts, $people (lists of ids), $value (a number or null).
// Returns: nothing.
CALL () { UNWIND $processes AS id MATCH (x:Process {id: id}) SET x.rate_floor = $value }
CALL () { UNWIND $nodes AS id MATCH (x:Node {id: id}) SET x.rate_floor = $value }
CALL () { UNWIND $risks AS id MATCH (x:Risk {id: id}) SET x.rate_floor = $value }
CALL () { UNWIND $posts AS id MATCH (x:Post {id: id}) SET x.rate_floor = $value }
CALL () { UNWIND $people AS id MATCH (x:Person {id: id}) SET x.rate_floor = $value }
