// 最近一次导入改了什么 / What the last import changed.
// 查什么：最近一次导入（按时间）的来源文件、单位，以及它的每项变化：人岗增减（assignment_added/removed）、
//   人员状态（status_changed）、岗位、关键岗位、执行岗位、风险点、防控措施、不相容规则的增减。
// What: the latest import's file and units, and each of its changes in business terms.
// Parameters: $unit: a unit id (only changes in that unit), or null for all.
// Returns: one row per change: import_id, at, source, kind, unit_id, who (person or post), what, from, to.
MATCH (i:Import)
WITH i ORDER BY i.at DESC LIMIT 1
MATCH (c:Change)-[:IN_IMPORT]->(i)
WHERE $unit IS NULL OR c.unit_id = $unit
RETURN i.id AS import_id, i.at AS at, i.source AS source, c.kind AS kind, c.unit_id AS unit_id,
       coalesce(c.person_name, c.post_name, c.duty_a) AS who,
       coalesce(c.post_name, c.node_name, c.measure, c.behavior, c.duty_b) AS what,
       c.from AS from, c.to AS to
ORDER BY c.seq
LIMIT 200
