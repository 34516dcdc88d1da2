// unsupervised_discretion 自由裁量无三级监督 / Discretion nodes whose process has no level-3 supervisor.
// 查什么：自由裁量环节（discretion = true）所在流程，没有在岗的三级监督员（SUPERVISES level = 3）。
// 为什么：自由裁量权最容易被滥用（如减免、认定、选择供应商），必须有三级监督员盯着。
// What and why: a discretion node (自由裁量) whose process has no active supervisor of level 3
//   (三级监督员): the freest decisions, with nobody at the third level watching. Supervisors who
//   are on leave or gone do not count.
// 本单位 / In unit: the node belongs to a process of the unit or one of its sub-units (PART_OF*).
// Parameters: $unit: a unit id (the unit and its sub-units), or null for all units.
// Returns: one row per finding: check, node_id, node_name, process_id, process_name, unit_id,
//   supervisors ([{person_id, person_name, level, status}]: whoever supervises the process).
// The units in scope, from the unit's id index: it and its sub-units (PART_OF*), or every unit
// when $unit is null. Starting here keeps one station's checks from scanning the whole graph.
CALL () {
  MATCH (:Unit {id: $unit})<-[:PART_OF*0..]-(unit:Unit)
  RETURN unit
  UNION
  MATCH (unit:Unit)
  WHERE $unit IS NULL
  RETURN unit
}
MATCH (node:Node {discretion: true})-[:IN_PROCESS]->(process:Process)-[:IN_UNIT]->(unit)
WHERE NOT EXISTS { (:Person {status: 'active'})-[:SUPERVISES {level: 3}]->(process) }
RETURN 'unsupervised_discretion' AS check,
       node.id AS node_id,
       node.name AS node_name,
       process.id AS process_id,
       process.name AS process_name,
       unit.id AS unit_id,
       [(s:Person)-[r:SUPERVISES]->(process) |
         {person_id: s.id, person_name: s.name, level: r.level, status: s.status}] AS supervisors
ORDER BY node_id
