"""Ratings are never stale (contract section 2): every import re-rates, in its own transaction,
everything it can affect, and the result equals a full `powermap rate` done afterwards."""

from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from api.ingest import import_path, import_workbook
from graph.rating import rate
from graph.rows import Assignment, Control, Node, Person, Post, Process, Risk, Unit, Workbook
from graph.settings import Settings
from importers.validate import parse
from importers.workbook import read_path
from tests.build import LIMITS, RISK
from tests.db import read_rows
from tests.workbooks import station

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "城关供电所"
RATED = (
    "MATCH (n) WHERE n:Process OR n:Node OR n:Risk OR n:Post OR n:Person "
    "RETURN n.id AS id, [k IN labels(n) WHERE k IN ['Red', 'Yellow', 'Green']] AS label, "
    "n.exposure AS exposure, n.light AS light, n.stars AS stars, n.residual AS residual"
)


def ratings(db: Driver, database: str) -> dict[str, tuple[Any, ...]]:
    def rounded(x: float | None) -> float | None:
        return None if x is None else round(x, 6)

    return {
        r["id"]: (rounded(r["exposure"]), r["light"], r["stars"], rounded(r["residual"]), r["label"])
        for r in read_rows(db, database, RATED)
    }


def edited(wb: Workbook) -> Workbook:
    """A clerk's next month: a B role dropped, a person on leave, a post given to someone else,
    a control added."""
    dropped = next(a for a in wb.assignments if a.role == "B")
    away = next(p for p in wb.people if p.status == "active")
    given = Assignment(person_id=wb.people[-1].id, post_id=wb.posts[0].id, role="A")
    control = Control(
        id="CG-FRESH-C1", risk_id=wb.risks[0].id, measure="新增复核", owner_post_id=wb.posts[-1].id
    )
    return wb.model_copy(
        update={
            "assignments": [a for a in wb.assignments if a != dropped] + [given],
            "people": [p.model_copy(update={"status": "leave"}) if p == away else p for p in wb.people],
            "controls": [*wb.controls, control],
        }
    )


def test_an_import_leaves_the_ratings_a_full_rate_would_give(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    assert import_path(db, database, SAMPLE, model=RISK, limits=LIMITS).ok
    after_import = ratings(db, database)
    assert all(v[0] is not None or v[3] is not None for v in after_import.values()), "everything rated"

    parsed, problems = parse(read_path(SAMPLE))
    assert not problems
    assert import_workbook(db, database, edited(parsed.workbook), model=RISK).ok
    after_edit = ratings(db, database)
    assert after_edit != after_import  # the edit moved some exposure

    rate(db, database, RISK, today=date.today())
    assert ratings(db, database) == after_edit


OTHER = (
    "CG-OTHER"  # another station: its person helps at 城关 (holds a 城关 post), its post performs a 城关 node
)


def other_station() -> Workbook:
    return Workbook(
        units=[Unit(id=OTHER, name="邻所")],
        posts=[Post(id=f"{OTHER}-Q1", name="邻所稽查岗", unit_id=OTHER)],
        people=[Person(id=f"{OTHER}-E1", name="邻所张三", unit_id=OTHER)],
    )


def test_an_import_re_rates_posts_and_people_of_other_units(db: Driver, neo4j_settings: Settings) -> None:
    """A 城关 import moves the exposure of a node another station's post performs, and of a 城关
    post another station's person holds: both are re-rated by the import, as a full rate would."""
    database = neo4j_settings.neo4j_database
    assert import_workbook(db, database, other_station(), model=RISK).ok
    parsed, problems = parse(read_path(SAMPLE))
    assert not problems
    wb = parsed.workbook
    risky = wb.risks[0].node_id
    post = next(n for n in wb.nodes if n.id == risky).post_id[0]
    helped = wb.model_copy(
        update={
            "nodes": [
                n.model_copy(update={"post_id": [*n.post_id, f"{OTHER}-Q1"]}) if n.id == risky else n
                for n in wb.nodes
            ],
            "assignments": [*wb.assignments, Assignment(person_id=f"{OTHER}-E1", post_id=post, role="A")],
        }
    )
    assert import_workbook(db, database, helped, model=RISK).ok
    before = ratings(db, database)

    assert import_workbook(db, database, edited(helped), model=RISK).ok
    after = ratings(db, database)
    for outside in (f"{OTHER}-Q1", f"{OTHER}-E1"):
        assert after[outside] != before[outside], f"{outside}: the edit reaches it"

    rate(db, database, RISK, today=date.today())
    assert ratings(db, database) == after


def test_an_import_re_rates_what_it_takes_away_from_other_units(db: Driver, neo4j_settings: Settings) -> None:
    """Re-importing 城关 without the help of the other station: the other station's person loses
    the 城关 post, its post no longer performs the 城关 node, and the other station's risk loses
    the control a deleted 城关 post owned. Each is re-rated by the import, as a full rate would."""
    database = neo4j_settings.neo4j_database
    parsed, problems = parse(read_path(SAMPLE))
    assert not problems
    wb = parsed.workbook
    risky = wb.risks[0].node_id
    post = next(n for n in wb.nodes if n.id == risky).post_id[0]
    gone = Post(id="CG-GONE", name="将撤销的岗位", unit_id=wb.units[0].id)
    other = other_station().model_copy(
        update={
            "processes": [Process(id=f"{OTHER}-P1", name="邻所流程", unit_id=OTHER)],
            "nodes": [
                Node(id=f"{OTHER}-N1", name="邻所环节", process_id=f"{OTHER}-P1", post_id=[f"{OTHER}-Q1"])
            ],
            "risks": [Risk(id=f"{OTHER}-R1", node_id=f"{OTHER}-N1", behavior="邻所风险", level="high")],
        }
    )
    assert import_workbook(db, database, other, model=RISK).ok
    owned = Control(id=f"{OTHER}-C1", risk_id=f"{OTHER}-R1", measure="城关复核", owner_post_id="CG-GONE")
    helped = wb.model_copy(
        update={
            "posts": [*wb.posts, gone],
            "nodes": [
                n.model_copy(update={"post_id": [*n.post_id, f"{OTHER}-Q1"]}) if n.id == risky else n
                for n in wb.nodes
            ],
            "assignments": [*wb.assignments, Assignment(person_id=f"{OTHER}-E1", post_id=post, role="A")],
        }
    )
    assert import_workbook(db, database, helped, model=RISK).ok
    # The other station's risk controlled by CG-GONE; then 城关 again, as its import replaces the
    # holds of its posts (the other station's import dropped E1's).
    assert import_workbook(db, database, other.model_copy(update={"controls": [owned]}), model=RISK).ok
    assert import_workbook(db, database, helped, model=RISK).ok
    before = ratings(db, database)

    assert import_workbook(db, database, wb, model=RISK).ok  # the help, and CG-GONE, taken away
    after = ratings(db, database)
    for outside in (f"{OTHER}-Q1", f"{OTHER}-E1", f"{OTHER}-P1", f"{OTHER}-R1"):
        assert after[outside] != before[outside], f"{outside}: the import reaches it"

    rate(db, database, RISK, today=date.today())
    assert ratings(db, database) == after


def test_an_import_that_changes_the_rules_re_rates_people_everywhere(
    db: Driver, neo4j_settings: Settings
) -> None:
    """The conflict rules are global: a station whose workbook makes a rule milder lowers the
    conflict penalty of people of another station, and its import re-rates them."""
    database = neo4j_settings.neo4j_database
    assert import_workbook(db, database, station("U1"), model=RISK).ok
    unmitigated = station("U2").model_copy(update={"mitigations": []})  # its conflict penalised
    assert import_workbook(db, database, unmitigated, model=RISK).ok
    before = ratings(db, database)

    u1 = station("U1")
    milder = [c.model_copy(update={"severity": "low"}) for c in u1.conflicts]
    assert milder and all(c.severity != "low" for c in u1.conflicts)
    assert import_workbook(db, database, u1.model_copy(update={"conflicts": milder}), model=RISK).ok
    after = ratings(db, database)
    moved = [k for k in after if k.startswith("U2") and after[k] != before[k]]
    assert moved, "a U2 person's conflict penalty follows the rule"

    rate(db, database, RISK, today=date.today())
    assert ratings(db, database) == after
