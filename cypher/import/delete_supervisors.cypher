// 快照：去掉所导入流程的全部监督关系（随后按工作簿重建）/
// Snapshot: drop every SUPERVISES of the imported processes; the workbook's are created afterwards.
// Parameters: $processes (list of process ids).
// Returns: nothing.
UNWIND $processes AS id
MATCH (:Process {id: id})<-[r:SUPERVISES]-()
DELETE r
