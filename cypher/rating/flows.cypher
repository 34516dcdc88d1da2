// 评级输入：流程的流转 / Rating input: the flows leaving a node of one of the listed processes.
// A flow into another process is left for the model to ignore (it reads only flows between two
// nodes of one process): cheaper than checking the target's process here.
// Parameters: $processes (list of process ids).
// Returns: one row: rows, a list of [source, target] (node ids).
UNWIND $processes AS process_id
MATCH (:Process {id: process_id})<-[:IN_PROCESS]-(a:Node)-[:NEXT]->(b:Node)
RETURN collect([a.id, b.id]) AS rows
