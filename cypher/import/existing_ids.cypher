// 导入前读取：工作簿提到的编号中哪些已在图中，各属哪个单位 /
// Before an import writes: which ids the workbook defines or names are already in the graph, and the unit owning each.
// Parameters: $units, $posts, $people, $processes, $nodes, $risks, $controls: lists of ids (strings) to look up.
// Returns: one row per id found: table (workbook table name), id, unit_id (null when it hangs under no unit).
UNWIND $units AS id
MATCH (u:Unit {id: id})
RETURN 'units' AS table, id, id AS unit_id
UNION ALL
UNWIND $posts AS id
MATCH (n:Post {id: id})
OPTIONAL MATCH (n)-[:IN_UNIT]->(u:Unit)
RETURN 'posts' AS table, id, u.id AS unit_id
UNION ALL
UNWIND $people AS id
MATCH (n:Person {id: id})
OPTIONAL MATCH (n)-[:IN_UNIT]->(u:Unit)
RETURN 'people' AS table, id, u.id AS unit_id
UNION ALL
UNWIND $processes AS id
MATCH (n:Process {id: id})
OPTIONAL MATCH (n)-[:IN_UNIT]->(u:Unit)
RETURN 'processes' AS table, id, u.id AS unit_id
UNION ALL
UNWIND $nodes AS id
MATCH (n:Node {id: id})
OPTIONAL MATCH (n)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
RETURN 'nodes' AS table, id, u.id AS unit_id
UNION ALL
UNWIND $risks AS id
MATCH (n:Risk {id: id})
OPTIONAL MATCH (n)-[:AT]->(:Node)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
RETURN 'risks' AS table, id, u.id AS unit_id
UNION ALL
UNWIND $controls AS id
MATCH (n:Control {id: id})
OPTIONAL MATCH (n)-[:MITIGATES]->(:Risk)-[:AT]->(:Node)-[:IN_PROCESS]->(:Process)-[:IN_UNIT]->(u:Unit)
RETURN 'controls' AS table, id, u.id AS unit_id
