// 列出令牌 / Every API token, newest first, without its hash.
// Parameters: none.
// Returns: id, role, name, created_at.
MATCH (t:ApiToken)
RETURN t.id AS id, t.role AS role, t.name AS name, toString(t.created_at) AS created_at
ORDER BY t.created_at DESC
