// 新建 API 令牌 / Store a new API token: only the SHA-256 hash of its secret is kept.
// Parameters: $id (public token id), $hash (hex sha256 of the secret), $role ('viewer'|'analyst'|'admin'),
//             $name (who or what it is for).
// Returns: id, created_at.
CREATE (t:ApiToken {id: $id, hash: $hash, role: $role, name: $name, created_at: datetime()})
RETURN t.id AS id, t.created_at AS created_at
