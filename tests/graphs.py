"""Small hand-built station graphs for the tests, written as contract section 2 says.

The workbook importer lives on another branch; these tests build graphs directly. A `Station`
is a compact spec (rows of the workbook tables, defaults filled in), `write` puts it into
Neo4j with one `UNWIND` statement per table, in one transaction.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from neo4j import Driver, ManagedTransaction

Row = dict[str, Any]

# One statement per table; labels, relationship types and properties exactly as in contract §2.
WRITES: tuple[tuple[str, str], ...] = (
    ("units", "UNWIND $rows AS r CREATE (:Unit {id: r.id, name: r.name, kind: r.kind})"),
    (
        "units",
        "UNWIND $rows AS r MATCH (u:Unit {id: r.id}), (p:Unit {id: r.parent_id}) CREATE (u)-[:PART_OF]->(p)",
    ),
    (
        "posts",
        "UNWIND $rows AS r MATCH (u:Unit {id: r.unit_id}) "
        "CREATE (:Post {id: r.id, name: r.name, key: r.key})-[:IN_UNIT]->(u)",
    ),
    (
        "people",
        "UNWIND $rows AS r MATCH (u:Unit {id: r.unit_id}) "
        "CREATE (:Person {id: r.id, name: r.name, status: r.status})-[:IN_UNIT]->(u)",
    ),
    (
        "holds",
        "UNWIND $rows AS r MATCH (p:Person {id: r.person_id}), (q:Post {id: r.post_id}) "
        "CREATE (p)-[:HOLDS {role: r.role}]->(q)",
    ),
    (
        "processes",
        "UNWIND $rows AS r MATCH (u:Unit {id: r.unit_id}) "
        "CREATE (:Process {id: r.id, name: r.name, domain: r.domain})-[:IN_UNIT]->(u)",
    ),
    (
        "nodes",
        "UNWIND $rows AS r MATCH (p:Process {id: r.process_id}) "
        "CREATE (n:Node {id: r.id, name: r.name, kind: r.kind, discretion: r.discretion, "
        "min_people: r.min_people})-[:IN_PROCESS]->(p) "
        "WITH n, r UNWIND r.post_ids AS post_id MATCH (q:Post {id: post_id}) CREATE (q)-[:PERFORMS]->(n)",
    ),
    (
        "nodes",
        "UNWIND [r IN $rows WHERE r.duty IS NOT NULL] AS r MATCH (n:Node {id: r.id}) "
        "MERGE (d:Duty {name: r.duty}) CREATE (n)-[:HAS_DUTY]->(d)",
    ),
    (
        "flows",
        "UNWIND $rows AS r MATCH (a:Node {id: r.from_id}), (b:Node {id: r.to_id}) "
        "CREATE (a)-[:NEXT {condition: r.condition}]->(b)",
    ),
    (
        "risks",
        "UNWIND $rows AS r MATCH (n:Node {id: r.node_id}) "
        "CREATE (k:Risk {id: r.id, behavior: r.behavior, level: r.level, likelihood: r.likelihood, "
        "impact: r.impact, score: r.score})-[:AT]->(n) "
        "WITH k, r MATCH (q:Post {id: r.prone_post_id}) CREATE (k)-[:PRONE_POST]->(q)",
    ),
    (
        "controls",
        "UNWIND $rows AS r MATCH (k:Risk {id: r.risk_id}) "
        "CREATE (c:Control {id: r.id, measure: r.measure, kind: r.kind})-[:MITIGATES]->(k) "
        "WITH c, r MATCH (q:Post {id: r.owner_post_id}) CREATE (c)-[:OWNED_BY]->(q)",
    ),
    (
        "conflicts",
        "UNWIND $rows AS r MERGE (a:Duty {name: r.duty_a}) MERGE (b:Duty {name: r.duty_b}) "
        "CREATE (a)-[:CONFLICTS_WITH {severity: r.severity, reason: r.reason}]->(b)",
    ),
    (
        "supervisors",
        "UNWIND $rows AS r MATCH (p:Person {id: r.person_id}), (q:Process {id: r.process_id}) "
        "CREATE (p)-[:SUPERVISES {level: r.level}]->(q)",
    ),
    (
        "mitigations",
        "UNWIND $rows AS r MATCH (p:Person {id: r.person_id}) "
        "MERGE (a:Duty {name: r.duty_a}) MERGE (b:Duty {name: r.duty_b}) "
        "CREATE (m:Mitigation {measure: r.measure, valid_until: r.valid_until})-[:FOR]->(p), "
        "(m)-[:COVERS]->(a), (m)-[:COVERS]->(b) "
        "WITH m, r MATCH (w:Person {id: r.monitor_id}) CREATE (m)-[:MONITORED_BY]->(w)",
    ),
)


@dataclass
class Station:
    """Rows of the workbook tables; the methods fill in contract defaults and return self."""

    units: list[Row] = field(default_factory=list)
    posts: list[Row] = field(default_factory=list)
    people: list[Row] = field(default_factory=list)
    holds: list[Row] = field(default_factory=list)
    processes: list[Row] = field(default_factory=list)
    nodes: list[Row] = field(default_factory=list)
    flows: list[Row] = field(default_factory=list)
    risks: list[Row] = field(default_factory=list)
    controls: list[Row] = field(default_factory=list)
    conflicts: list[Row] = field(default_factory=list)
    supervisors: list[Row] = field(default_factory=list)
    mitigations: list[Row] = field(default_factory=list)

    def unit(self, id: str, name: str | None = None, parent_id: str | None = None) -> "Station":
        self.units.append({"id": id, "name": name or id, "kind": "station", "parent_id": parent_id})
        return self

    def post(self, id: str, unit_id: str, name: str | None = None, key: bool = False) -> "Station":
        self.posts.append({"id": id, "name": name or id, "unit_id": unit_id, "key": key})
        return self

    def person(self, id: str, unit_id: str, name: str | None = None, status: str = "active") -> "Station":
        self.people.append({"id": id, "name": name or id, "unit_id": unit_id, "status": status})
        return self

    def hold(self, person_id: str, post_id: str, role: str = "A") -> "Station":
        self.holds.append({"person_id": person_id, "post_id": post_id, "role": role})
        return self

    def process(self, id: str, unit_id: str, name: str | None = None) -> "Station":
        self.processes.append({"id": id, "name": name or id, "unit_id": unit_id, "domain": "物资"})
        return self

    def node(
        self,
        id: str,
        process_id: str,
        post_ids: tuple[str, ...] = (),
        duty: str | None = None,
        name: str | None = None,
        discretion: bool = False,
        min_people: int = 1,
    ) -> "Station":
        self.nodes.append(
            {
                "id": id,
                "process_id": process_id,
                "name": name or id,
                "kind": "task",
                "post_ids": list(post_ids),
                "duty": duty,
                "discretion": discretion,
                "min_people": min_people,
            }
        )
        return self

    def flow(self, from_id: str, to_id: str, condition: str | None = None) -> "Station":
        self.flows.append({"from_id": from_id, "to_id": to_id, "condition": condition})
        return self

    def risk(
        self,
        id: str,
        node_id: str,
        level: str | None = "high",
        likelihood: int | None = None,
        impact: int | None = None,
        behavior: str | None = None,
        prone_post_id: str | None = None,
    ) -> "Station":
        score = (
            likelihood * impact if likelihood and impact else {"high": 16, "medium": 9, "low": 4}[level or ""]
        )
        self.risks.append(
            {
                "id": id,
                "node_id": node_id,
                "behavior": behavior or f"{id}的风险行为",
                "level": level,
                "likelihood": likelihood,
                "impact": impact,
                "score": score,
                "prone_post_id": prone_post_id,
            }
        )
        return self

    def control(self, id: str, risk_id: str, owner_post_id: str | None = None) -> "Station":
        self.controls.append(
            {
                "id": id,
                "risk_id": risk_id,
                "measure": f"{id}的措施",
                "kind": "preventive",
                "owner_post_id": owner_post_id,
            }
        )
        return self

    def conflict(
        self, duty_a: str, duty_b: str, severity: str = "high", reason: str | None = None
    ) -> "Station":
        self.conflicts.append({"duty_a": duty_a, "duty_b": duty_b, "severity": severity, "reason": reason})
        return self

    def supervisor(self, person_id: str, process_id: str, level: int = 3) -> "Station":
        self.supervisors.append({"person_id": person_id, "process_id": process_id, "level": level})
        return self

    def mitigation(
        self,
        person_id: str,
        duty_a: str,
        duty_b: str,
        valid_until: date | None = None,
        monitor_id: str | None = None,
        measure: str = "每月由所长复核",
    ) -> "Station":
        self.mitigations.append(
            {
                "person_id": person_id,
                "duty_a": duty_a,
                "duty_b": duty_b,
                "measure": measure,
                "monitor_id": monitor_id,
                "valid_until": valid_until,
            }
        )
        return self


def write(driver: Driver, station: Station, database: str | None = None) -> None:
    """Create the station's graph in one transaction (into an empty or disjoint graph)."""

    def work(tx: ManagedTransaction) -> None:
        for table, statement in WRITES:
            rows = getattr(station, table)
            if rows:
                tx.run(statement, rows=rows).consume()

    with driver.session(database=database) as session:
        session.execute_write(work)
