// 导入锁：在导入自己的事务开始时锁住它涉及的每个单位，涉及相同单位的导入因此依次进行，绝不交错 /
// Import lock: at the start of an import's own transaction, take a write lock on every unit it
// touches, so two imports touching the same units wait for each other and never interleave.
// A unit the workbook lists is merged first (MERGE waits on the uniqueness constraint while another
// import creates it); a unit it only refers to is locked when it exists (validation reports it
// otherwise). SET takes the write lock, held until commit or rollback, without changing a value.
// Parameters: $units: list of unit ids, sorted (the same order in every import: no deadlock);
//             $listed: the ids among them that the workbook lists in its units table.
// Returns: locked (how many units are locked).
UNWIND $units AS id
FOREACH (_ IN CASE WHEN id IN $listed THEN [1] ELSE [] END |
  MERGE (n:Unit {id: id})
  SET n.id = id
)
WITH id
MATCH (u:Unit {id: id})
SET u.id = id
RETURN count(u) AS locked
