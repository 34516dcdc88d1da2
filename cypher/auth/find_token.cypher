// 按编号查找令牌 / One API token by its public id (the caller compares the hash in constant time).
// Parameters: $id.
// Returns: id, hash, role, name (no row when unknown or revoked).
MATCH (t:ApiToken {id: $id})
RETURN t.id AS id, t.hash AS hash, t.role AS role, t.name AS name
