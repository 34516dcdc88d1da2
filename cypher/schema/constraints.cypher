// 图模型约束与索引 / Schema: uniqueness constraints and indexes of contract section 2.
// Run by `powermap db start` and `powermap db migrate`; every statement is idempotent
// (IF NOT EXISTS), so running it again changes nothing.
// Parameters: none.  Returns: nothing.

CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT post_id IF NOT EXISTS FOR (n:Post) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT process_id IF NOT EXISTS FOR (n:Process) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT risk_id IF NOT EXISTS FOR (n:Risk) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT control_id IF NOT EXISTS FOR (n:Control) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT duty_name IF NOT EXISTS FOR (n:Duty) REQUIRE n.name IS UNIQUE;

// Lookups the checks and the snapshot import filter on.
CREATE INDEX person_status IF NOT EXISTS FOR (n:Person) ON (n.status);
CREATE INDEX post_key IF NOT EXISTS FOR (n:Post) ON (n.key);
CREATE INDEX node_min_people IF NOT EXISTS FOR (n:Node) ON (n.min_people);

// API tokens (powermap token create): looked up by their public id, never by the secret.
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
