// 评级输入：流程的环节 / Rating input: the nodes of the listed processes, one flat row each.
// Flat rows of ids and numbers, all in one record: a record costs the driver far more to decode
// than a list (136,000 records 4.7 s, the same rows as one list 0.5 s, at province scale).
// The stored rating comes along, so that only values that changed are written back.
// Parameters: $processes (list of process ids).
// Returns: one row: rows, a list of [process_id, node_id, kind ('task' when not given), exposure, light]
//   (exposure and light as stored; null when unrated).
UNWIND $processes AS process_id
MATCH (:Process {id: process_id})<-[:IN_PROCESS]-(n:Node)
RETURN collect([process_id, n.id, coalesce(n.kind, 'task'), n.exposure, n.light]) AS rows
