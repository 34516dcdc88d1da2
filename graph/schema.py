"""The graph schema of contract section 2, declared once.

The uniqueness constraints and indexes (`migrate`), the schema picture of the Browser guide and
the tests are all derived from these declarations, as Cartography derives its Cypher from
`models/`. Labels, relationship types and property names are trusted code, never user input.
"""

from dataclasses import dataclass
from typing import LiteralString

from neo4j import Driver

from graph.connection import autocommit
from graph.queries import query


@dataclass(frozen=True)
class NodeLabel:
    label: LiteralString
    zh: str
    key: LiteralString | None  # the unique property, None when there is none
    properties: tuple[str, ...]
    indexed: tuple[LiteralString, ...] = ()  # properties the checks and the import filter on


@dataclass(frozen=True)
class RelType:
    source: str
    type: LiteralString
    target: str
    properties: tuple[str, ...] = ()

    def caption(self) -> str:
        return f"{self.type} {{{', '.join(self.properties)}}}" if self.properties else self.type


NODES: tuple[NodeLabel, ...] = (
    NodeLabel("Unit", "单位", "id", ("id", "name", "kind")),
    NodeLabel("Post", "岗位", "id", ("id", "name", "key"), indexed=("key",)),
    NodeLabel("Person", "人员", "id", ("id", "name", "status"), indexed=("status",)),
    NodeLabel("Process", "流程", "id", ("id", "name", "domain")),
    NodeLabel(
        "Node", "环节", "id", ("id", "name", "kind", "discretion", "min_people"), indexed=("min_people",)
    ),
    NodeLabel("Duty", "职责", "name", ("name",)),
    NodeLabel("Risk", "风险点", "id", ("id", "behavior", "level", "likelihood", "impact", "score")),
    NodeLabel("Control", "防控措施", "id", ("id", "measure", "kind")),
    NodeLabel("Mitigation", "补偿措施", "id", ("id", "measure", "valid_until")),
)

RELATIONSHIPS: tuple[RelType, ...] = (
    RelType("Unit", "PART_OF", "Unit"),
    RelType("Post", "IN_UNIT", "Unit"),
    RelType("Person", "IN_UNIT", "Unit"),
    RelType("Person", "HOLDS", "Post", ("role",)),
    RelType("Process", "IN_UNIT", "Unit"),
    RelType("Node", "IN_PROCESS", "Process"),
    RelType("Node", "NEXT", "Node", ("condition",)),
    RelType("Post", "PERFORMS", "Node"),
    RelType("Node", "HAS_DUTY", "Duty"),
    RelType("Duty", "CONFLICTS_WITH", "Duty", ("severity", "reason")),
    RelType("Risk", "AT", "Node"),
    RelType("Risk", "PRONE_POST", "Post"),
    RelType("Control", "MITIGATES", "Risk"),
    RelType("Control", "OWNED_BY", "Post"),
    RelType("Person", "SUPERVISES", "Process", ("level",)),
    RelType("Mitigation", "FOR", "Person"),
    RelType("Mitigation", "COVERS", "Duty"),
    RelType("Mitigation", "MONITORED_BY", "Person"),
)

# powermap's own nodes beside the contract's: API tokens, looked up by their public id.
OWN_NODES: tuple[NodeLabel, ...] = (
    NodeLabel("ApiToken", "令牌", "id", ("id", "hash", "role", "name")),
    # Contract section 6 (graph/history/, docs/history.md): imports, their changes, scans, the
    # rectification ledger and the monthly supervision tasks.
    NodeLabel("Import", "导入", "id", ("id", "at", "source", "units", "summary", "changes"), indexed=("at",)),
    # One Change node per kind and chunk of an import's changes, each field a list (docs/history.md).
    NodeLabel("Change", "变化", "id", ("id", "kind", "import_id", "at", "seq", "count")),
    NodeLabel("Scan", "扫描", "id", ("id", "at", "scope", "summary", "finding_ids"), indexed=("scope", "at")),
    NodeLabel(
        "LedgerItem",
        "整改台账",
        "finding_id",
        ("finding_id", "check", "status", "opened_at", "closed_at", "reopened", "owner_id", "due"),
        indexed=("status",),
    ),
    NodeLabel("Task", "监督任务", "id", ("id", "month", "supervisor_id", "control_id", "status")),
)


def _snake(label: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(label))


def schema_statements() -> list[LiteralString]:
    """Every constraint and index, idempotent (IF NOT EXISTS)."""
    statements: list[LiteralString] = []
    for node in (*NODES, *OWN_NODES):
        if node.key:
            name = f"{_snake(node.label)}_{node.key}"
            statements.append(
                f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{node.label}) REQUIRE n.{node.key} IS UNIQUE"
            )
        for prop in node.indexed:
            name = f"{_snake(node.label)}_{prop}"
            statements.append(f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{node.label}) ON (n.{prop})")
    return statements


def migrate(driver: Driver, database: str) -> int:
    """Create every constraint and index that is missing; returns how many statements ran."""
    todo = schema_statements()
    for statement in todo:
        autocommit(driver, database, statement)
    return len(todo)


def wipe(driver: Driver, database: str) -> None:
    """Delete all data; constraints and indexes stay."""
    autocommit(driver, database, query("db/wipe_batch"))
