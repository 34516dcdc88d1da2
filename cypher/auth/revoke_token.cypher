// 吊销令牌 / Delete an API token; requests carrying it get 401 from then on.
// Parameters: $id.
// Returns: revoked (number of tokens deleted: 0 or 1).
OPTIONAL MATCH (t:ApiToken {id: $id})
DETACH DELETE t
RETURN count(t) AS revoked
