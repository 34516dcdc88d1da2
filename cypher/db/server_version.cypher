// 数据库版本 / The Neo4j server's version; answering it proves the database is up.
// Parameters: none.
// Returns: version (string, e.g. "5.26.30").
CALL dbms.components() YIELD name, versions
RETURN versions[0] AS version
