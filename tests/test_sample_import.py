"""The sample station imports into the real database with no problem and lands row for row."""

from pathlib import Path

import pytest
from neo4j import Driver

from api.ingest import import_path
from graph.settings import Settings
from tests.build import LIMITS, RISK
from tests.db import counts, read_rows, read_value
from tests.test_sample import BPMN, CSV_DIR, XLSX, split_posts, station


def graph_counts(db: Driver, database: str) -> dict[str, int]:
    return counts(db, database)


def expected_counts() -> dict[str, int]:
    t = station().tables
    duties = {n["职责"] for n in t["节点"] if n["职责"]} | {
        r[c] for r in t["不相容职责"] for c in ("职责A", "职责B")
    }
    return {
        "Unit": len(t["单位"]),
        "Post": len(t["岗位"]),
        "Person": len(t["人员"]),
        "Process": len(t["流程"]),
        "Node": len(t["节点"]),
        "Risk": len(t["风险点"]),
        "Control": len(t["防控措施"]),
        "Mitigation": len(t["补偿措施"]),
        "Duty": len(duties),
        "PART_OF": sum(bool(u["上级单位"]) for u in t["单位"]),
        "IN_UNIT": len(t["岗位"]) + len(t["人员"]) + len(t["流程"]),
        "HOLDS": len(t["人岗"]),
        "IN_PROCESS": len(t["节点"]),
        "NEXT": len(t["流转"]),
        "PERFORMS": sum(len(split_posts(n["执行岗位"])) for n in t["节点"]),
        "HAS_DUTY": sum(bool(n["职责"]) for n in t["节点"]),
        "CONFLICTS_WITH": len(t["不相容职责"]),
        "AT": len(t["风险点"]),
        "PRONE_POST": sum(bool(r["易发岗位"]) for r in t["风险点"]),
        "MITIGATES": len(t["防控措施"]),
        "OWNED_BY": sum(bool(c["责任岗位"]) for c in t["防控措施"]),
        "SUPERVISES": len(t["监督员"]),
        "FOR": len(t["补偿措施"]),
        "COVERS": 2 * len(t["补偿措施"]),
        "MONITORED_BY": sum(bool(m["监督人"]) for m in t["补偿措施"]),
    }


@pytest.mark.parametrize("path", [CSV_DIR, XLSX], ids=["csv", "xlsx"])
def test_the_sample_workbook_imports_with_no_problem_and_lands_exactly(
    db: Driver, neo4j_settings: Settings, path: Path
) -> None:
    database = neo4j_settings.neo4j_database
    result = import_path(db, database, path, model=RISK, limits=LIMITS)
    assert result.problems == []
    assert result.ok
    assert graph_counts(db, database) == expected_counts()
    roles = read_value(
        db,
        database,
        "MATCH (:Person {id: $person})-[h:HOLDS]->(:Post {id: $post}) RETURN collect(h.role)",
        person="CG-PER-19",
        post="CG-POST-13",
    )
    assert sorted(roles) == ["A", "B"], "the planted self_backup: B角 is the A角 himself"


def test_the_sample_bpmn_imports_into_the_station(
    db: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    database = neo4j_settings.neo4j_database
    # The station must exist first; a workbook of the unit alone is enough for that.
    (tmp_path / "单位.csv").write_text("编号,名称,类型\nCG,城关供电所,供电所\n", encoding="utf-8-sig")
    assert import_path(db, database, tmp_path, model=RISK, limits=LIMITS).ok
    result = import_path(db, database, BPMN, unit="CG", model=RISK, limits=LIMITS)
    assert result.problems == []
    performed = read_rows(
        db,
        database,
        "MATCH (q:Post)-[:PERFORMS]->(n:Node)-[:IN_PROCESS]->(p:Process {id: $p}) "
        "RETURN n.name AS node, n.kind AS kind, collect(q.name) AS posts",
        p="低压居民报装:Process_DYJMBZ",
    )
    conditions = read_value(
        db,
        database,
        "MATCH (:Node {id: $g})-[f:NEXT]->() RETURN collect(f.condition)",
        g="低压居民报装:Gateway_TJ",
    )
    by_node = {row["node"]: (row["kind"], row["posts"]) for row in performed}
    assert by_node["装表接电"] == ("task", ["计量装接工"]), "the nested lane wins over its parent"
    assert by_node["配套电网工程建设"] == ("task", ["配电运维班"])
    assert by_node["是否具备装表条件"][0] == "decision"
    assert len(by_node) == 9
    assert sorted(conditions) == sorted(["具备装表条件", "不具备，需配套电网工程"])
