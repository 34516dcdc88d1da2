// 最近一次导入改了什么 / What the last import changed.
// 查什么：最近一次导入（按时间）的来源文件，以及它的每项变化：人岗增减（assignment_added/removed）、
//   人员状态（status_changed）、岗位、关键岗位、执行岗位、风险点、防控措施、不相容规则的增减。
//   每个 Change 节点存同一类的一批变化，字段都是列表，第 k 项属于第 k 个变化。
// What: the latest import's file and each of its changes in business terms (a Change node holds a
//   batch of one kind, each field a list; UNWIND over the positions gives one row per change).
// Parameters: $unit: a unit id (only changes in that unit), or null for all.
// Returns: one row per change: import_id, at, source, kind, unit_id, who (person or post), what, from, to.
MATCH (i:Import)
WITH i ORDER BY i.at DESC LIMIT 1
MATCH (c:Change)-[:IN_IMPORT]->(i)
UNWIND range(0, c.count - 1) AS k
WITH i, c, k
WHERE $unit IS NULL OR c.unit_id[k] = $unit
RETURN i.id AS import_id, i.at AS at, i.source AS source, c.kind AS kind, c.unit_id[k] AS unit_id,
       coalesce(c.person_name[k], c.post_name[k], c.duty_a[k]) AS who,
       coalesce(c.post_name[k], c.node_name[k], c.measure[k], c.behavior[k], c.duty_b[k]) AS what,
       c.from[k] AS from, c.to[k] AS to
ORDER BY c.seq, k
LIMIT 200
