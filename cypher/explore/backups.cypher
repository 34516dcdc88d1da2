// 谁是谁的B角 / Who backs up whom.
// 查什么：每个岗位的 A角 与 B角 及其在岗状态；关键岗位排在前面。没有B角的岗位也列出（backup 为 null）。
//   同一人既是A角又是B角、或B角不在岗，都一眼可见。
// What: each post's primary (A) and backup (B) holders with their status, key posts first; posts
//   without a backup are listed too (backup null), so self-backup and absent backups stand out.
// Parameters: $unit: a unit id (the unit and its sub-units), or null for all units.
// Returns: one row per post and A holder: unit_id, post_id, post_name, key, primary, primary_status,
//   backups ([{name, status}]), at most 200 rows.
MATCH (post:Post)-[:IN_UNIT]->(unit:Unit)
WHERE $unit IS NULL OR EXISTS { (unit)-[:PART_OF*0..]->(:Unit {id: $unit}) }
OPTIONAL MATCH (a:Person)-[:HOLDS {role: 'A'}]->(post)
RETURN unit.id AS unit_id,
       post.id AS post_id,
       post.name AS post_name,
       coalesce(post.key, false) AS key,
       a.name AS primary,
       a.status AS primary_status,
       [(b:Person)-[:HOLDS {role: 'B'}]->(post) | {name: b.name, status: b.status}] AS backups
ORDER BY key DESC, unit_id, post_id
LIMIT 200
