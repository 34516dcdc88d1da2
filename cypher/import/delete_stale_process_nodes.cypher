// BPMN 导入：删除所导入流程中文件已不再列出的节点，连同其风险点与防控措施 /
// BPMN import: delete the nodes of the imported processes that the file no longer lists, with their risks and controls.
// Parameters: $processes (list of process ids being imported), $keep (list of node ids in the file).
// Returns: nothing (the summary counts what was deleted).
MATCH (p:Process)<-[:IN_PROCESS]-(n:Node)
WHERE p.id IN $processes AND NOT n.id IN $keep
OPTIONAL MATCH (n)<-[:AT]-(r:Risk)
OPTIONAL MATCH (r)<-[:MITIGATES]-(c:Control)
DETACH DELETE c, r, n
