// 评级时间戳，兼作单位锁 / Stamp the rated units with the rating's time, first thing in its transaction.
// The SET takes each unit's write lock until the rating commits, in id order as imports take theirs
// (cypher/import/lock_units.cypher): an import of these units waits for the rating, or the rating
// for it, so a rating never writes values an import has already replaced.
// Parameters: $units (list of unit ids), $rated_at (datetime).
// Returns: nothing.
UNWIND $units AS id
WITH id ORDER BY id
MATCH (u:Unit {id: id})
SET u.rated_at = $rated_at
