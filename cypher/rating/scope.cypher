// 评级写回范围 / Which entities a `powermap rate --unit U` writes: those of unit U (all when null).
// Parameters: $unit (unit id or null).
// Returns: kind ('Unit' | 'Process' | 'Post' | 'Person'), id.
MATCH (u:Unit) WHERE $unit IS NULL OR u.id = $unit
CALL (u) {
  RETURN 'Unit' AS kind, u.id AS id
  UNION ALL
  MATCH (x:Process)-[:IN_UNIT]->(u) RETURN 'Process' AS kind, x.id AS id
  UNION ALL
  MATCH (x:Post)-[:IN_UNIT]->(u) RETURN 'Post' AS kind, x.id AS id
  UNION ALL
  MATCH (x:Person)-[:IN_UNIT]->(u) RETURN 'Person' AS kind, x.id AS id
}
RETURN kind, id
