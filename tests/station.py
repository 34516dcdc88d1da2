"""A small station built in code, workbook writers, and exact views of the graph for import tests."""

import csv
import hashlib
from pathlib import Path

from neo4j import Driver

from graph.rows import (
    Assignment,
    Conflict,
    Control,
    Flow,
    Mitigation,
    Node,
    Person,
    Post,
    Process,
    Risk,
    Supervisor,
    Unit,
    Workbook,
)


def station(u: str) -> Workbook:
    """Unit `u`: two processes, posts with A/B roles, risks, controls, a conflict, a supervisor."""
    return Workbook(
        units=[Unit(id=u, name=f"{u}供电所")],
        posts=[
            Post(id=f"{u}-P1", name="营销班班长", unit_id=u, key="是"),
            Post(id=f"{u}-P2", name="出纳", unit_id=u),
            Post(id=f"{u}-P3", name="会计", unit_id=u),
        ],
        people=[
            Person(id=f"{u}-E1", name="张伟", unit_id=u),
            Person(id=f"{u}-E2", name="李娜", unit_id=u, status="休假"),
            Person(id=f"{u}-E3", name="王强", unit_id=u),
        ],
        assignments=[
            Assignment(person_id=f"{u}-E1", post_id=f"{u}-P1", role="A角"),
            Assignment(person_id=f"{u}-E2", post_id=f"{u}-P1", role="B"),
            Assignment(person_id=f"{u}-E3", post_id=f"{u}-P2", role="A"),
            Assignment(person_id=f"{u}-E3", post_id=f"{u}-P3", role="A"),
        ],
        processes=[
            Process(id=f"{u}-YK", name="高压业扩报装", unit_id=u, domain="营销"),
            Process(id=f"{u}-BX", name="费用报销", unit_id=u, domain="财务"),
        ],
        nodes=[
            Node(id=f"{u}-YK-1", process_id=f"{u}-YK", name="开始", kind="开始"),
            Node(id=f"{u}-YK-2", process_id=f"{u}-YK", name="受理申请", post_id=f"{u}-P1", duty="业扩受理"),
            Node(id=f"{u}-YK-3", process_id=f"{u}-YK", name="结束", kind="end"),
            Node(id=f"{u}-BX-1", process_id=f"{u}-BX", name="审核", post_id=[f"{u}-P3"], duty="报销审核"),
            Node(
                id=f"{u}-BX-2",
                process_id=f"{u}-BX",
                name="付款",
                post_id=f"{u}-P2；{u}-P3",
                duty="出纳",
                min_people=2,
            ),
        ],
        flows=[
            Flow(from_id=f"{u}-YK-1", to_id=f"{u}-YK-2"),
            Flow(from_id=f"{u}-YK-2", to_id=f"{u}-YK-3", condition="资料齐全"),
            Flow(from_id=f"{u}-BX-1", to_id=f"{u}-BX-2"),
        ],
        risks=[
            Risk(id=f"{u}-R1", node_id=f"{u}-YK-2", behavior="违规受理", level="高", prone_post_id=f"{u}-P1"),
            Risk(id=f"{u}-R2", node_id=f"{u}-BX-2", behavior="虚假报销", likelihood=3, impact=4),
        ],
        controls=[
            Control(
                id=f"{u}-C1", risk_id=f"{u}-R1", measure="系统留痕", kind="预防", owner_post_id=f"{u}-P3"
            ),
            Control(id=f"{u}-C2", risk_id=f"{u}-R2", measure="月度抽查"),
        ],
        conflicts=[Conflict(duty_a="出纳", duty_b="报销审核", severity="严重", reason="会计法第三十七条")],
        supervisors=[Supervisor(person_id=f"{u}-E1", process_id=f"{u}-BX", level="二级")],
        mitigations=[
            Mitigation(
                person_id=f"{u}-E3",
                duty_a="出纳",
                duty_b="报销审核",
                measure="所长复核",
                valid_until="2030-12-31",
            )
        ],
    )


def write_csv_dir(directory: Path, tables: dict[str, list[list[str]]], encoding: str = "utf-8") -> Path:
    """One CSV file per table: `tables` maps a file stem to its rows, header first."""
    directory.mkdir(parents=True, exist_ok=True)
    for stem, rows in tables.items():
        with (directory / f"{stem}.csv").open("w", encoding=encoding, newline="") as handle:
            csv.writer(handle).writerows(rows)
    return directory


def counts(db: Driver) -> dict[str, int]:
    """Nodes per label and relationships per type."""
    with db.session() as session:
        nodes = session.run("MATCH (n) RETURN labels(n)[0] AS k, count(*) AS c").data()
        rels = session.run("MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c").data()
    return {row["k"]: row["c"] for row in nodes + rels}


def _key(labels: list[str], props: dict[str, object]) -> str:
    return f"{labels}:{props.get('id') or props.get('name') or props.get('measure')}"


def checksum(db: Driver) -> str:
    """A hash of every node and relationship with all their properties, independent of element ids."""
    with db.session() as session:
        nodes = session.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").data()
        rels = session.run(
            "MATCH (a)-[r]->(b) RETURN labels(a) AS la, properties(a) AS pa, type(r) AS t, "
            "properties(r) AS p, labels(b) AS lb, properties(b) AS pb"
        ).data()
    lines = sorted(f"{_key(n['l'], n['p'])} {sorted(n['p'].items())}" for n in nodes)
    lines += sorted(
        f"{_key(r['la'], r['pa'])} {r['t']} {sorted(r['p'].items())} {_key(r['lb'], r['pb'])}" for r in rels
    )
    return hashlib.sha256("\n".join(map(str, lines)).encode()).hexdigest()


def ids(db: Driver, label: str) -> set[str]:
    with db.session() as session:
        return {r["id"] for r in session.run(f"MATCH (n:{label}) RETURN n.id AS id")}
