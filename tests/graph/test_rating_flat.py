"""The fast rating equals the readable model: graph/risk_model_flat.py against graph/risk_model.py
on random processes, and `rate` on random stations in the database against graph/risk_model.py
applied in plain Python to the workbook; a second `rate` with nothing changed writes nothing."""

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph import risk_model as model
from graph import risk_model_flat as flat
from graph.connection import in_write
from graph.rating import DIGITS, compute, rate, refresh_in
from graph.rows import (
    Assignment,
    Control,
    ControlKind,
    Flow,
    Node,
    Person,
    Post,
    Process,
    Risk,
    Role,
    Unit,
    Workbook,
)
from graph.schema import wipe
from graph.settings import RiskModel, Settings
from tests.build import load
from tests.db import read_rows
from tests.workbooks import chain_station

MODEL = RiskModel()
KINDS: tuple[ControlKind | None, ...] = ("preventive", "detective", None)
ROLES: tuple[Role, ...] = ("A", "B")


@st.composite
def processes(draw: st.DrawFn) -> model.ProcessGraph:
    """A process of up to 8 nodes, any flows among them (loops, self-loops, joins), risks with
    independent and self-run controls of every kind."""
    count = draw(st.integers(1, 8))
    ids = [f"n{i}" for i in draw(st.permutations(range(count)))]
    nodes = {n: draw(st.sampled_from(("task", "start", "end", "decision"))) for n in ids}
    flows = [
        model.Flow(a, b) for a, b in draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids))))
    ]
    risks = []
    for k in range(draw(st.integers(0, 6))):
        controls = draw(st.lists(st.builds(model.Control, st.sampled_from(KINDS), st.booleans()), max_size=3))
        score = draw(st.sampled_from((0.0, 1.0, 4.0, 9.0, 16.0, 25.0)))
        risks.append(model.Risk(f"r{k}", draw(st.sampled_from(ids)), score, tuple(controls)))
    return model.ProcessGraph("p", nodes, flows, risks)


def flat_risks(process: model.ProcessGraph) -> list[flat.FlatRisk]:
    out = []
    for r in process.risks:
        independent = [c.kind for c in r.controls if c.independent]
        counts = (independent.count("preventive"), independent.count("detective"))
        factor, share = flat.risk_terms(MODEL, *counts, len(independent) - sum(counts))
        out.append((r.node_id, r.id, r.score * factor, share))
    return out


@given(processes())
@settings(max_examples=400, deadline=None)
def test_flat_propagation_equals_the_model(process: model.ProcessGraph) -> None:
    expected = model.node_exposures(process, MODEL)
    ids = list(process.nodes)
    flows = [(f.source, f.target) for f in process.flows]
    got = flat.node_exposures(ids, list(process.nodes.values()), flows, flat_risks(process), MODEL.delta)
    assert dict(zip(ids, got, strict=True)) == pytest.approx(expected, abs=1e-9)
    for r, (_, _, residual, _) in zip(process.risks, flat_risks(process), strict=True):
        assert residual == pytest.approx(model.residual(r, MODEL), abs=1e-12)


# --- random stations, through the database --------------------------------------------------------

U = "RND"


@st.composite
def stations(draw: st.DrawFn) -> Workbook:
    """One station: 4 posts, 4 people holding them as A or B, two processes with random flows,
    risks, and controls owned by any post (independent or not by who performs the node)."""
    posts = [f"{U}-Q{i}" for i in range(4)]
    people = [f"{U}-E{i}" for i in range(4)]
    wb = Workbook(units=[Unit(id=U, name="随机所")])
    wb.posts = [Post(id=q, name=q, unit_id=U) for q in posts]
    wb.people = [Person(id=e, name=e, unit_id=U) for e in people]
    held = draw(st.sets(st.tuples(st.sampled_from(people), st.sampled_from(posts), st.sampled_from(ROLES))))
    wb.assignments = [Assignment(person_id=e, post_id=q, role=r) for e, q, r in sorted(held)]
    for p in range(2):
        pid = f"{U}-P{p}"
        wb.processes.append(Process(id=pid, name=pid, unit_id=U))
        ids = [f"{pid}-N{i}" for i in range(draw(st.integers(2, 6)))]
        for i, n in enumerate(ids):
            performers = draw(st.sets(st.sampled_from(posts), max_size=2))
            wb.nodes.append(
                Node(
                    id=n,
                    process_id=pid,
                    name=n,
                    kind="start" if i == 0 else "task",
                    post_id=sorted(performers),
                )
            )
        pairs = draw(
            st.sets(st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda t: t[0] != t[1]))
        )
        wb.flows += [Flow(from_id=a, to_id=b) for a, b in sorted(pairs)]
        for k in range(draw(st.integers(0, 4))):
            rid = f"{pid}-R{k}"
            at = draw(st.sampled_from(ids))
            wb.risks.append(
                Risk(
                    id=rid,
                    node_id=at,
                    behavior="风险",
                    likelihood=draw(st.integers(1, 5)),
                    impact=draw(st.integers(1, 5)),
                )
            )
            for c in range(draw(st.integers(0, 2))):
                owner = draw(st.sampled_from([None, *posts]))
                kind = draw(st.sampled_from(KINDS))
                wb.controls.append(
                    Control(id=f"{rid}-C{c}", risk_id=rid, measure="措施", kind=kind, owner_post_id=owner)
                )
    return wb


def by_hand(wb: Workbook) -> dict[str, float]:
    """Every exposure and residual of the station by graph.risk_model, in plain Python."""
    performers = {n.id: set(n.post_id) for n in wb.nodes}
    node_of = {r.id: r.node_id for r in wb.risks}
    out: dict[str, float] = {}
    exposure: dict[str, float] = {}
    for p in wb.processes:
        nodes: dict[str, str] = {n.id: n.kind for n in wb.nodes if n.process_id == p.id}
        risks = [
            model.Risk(
                r.id,
                r.node_id,
                float(r.score or 0),
                tuple(
                    model.Control(
                        c.kind,
                        c.owner_post_id is not None and c.owner_post_id not in performers[node_of[r.id]],
                    )
                    for c in wb.controls
                    if c.risk_id == r.id
                ),
            )
            for r in wb.risks
            if r.node_id in nodes
        ]
        graph = model.ProcessGraph(p.id, nodes, [model.Flow(f.from_id, f.to_id) for f in wb.flows], risks)
        exposure |= model.node_exposures(graph, MODEL)
        out |= {r.id: model.residual(r, MODEL) for r in risks}
    out |= exposure
    posts = model.post_exposures([(q, n.id) for n in wb.nodes for q in n.post_id], exposure)
    out |= {q.id: posts.get(q.id, 0.0) for q in wb.posts}
    for e in wb.people:
        holds = [(a.post_id, a.role) for a in wb.assignments if a.person_id == e.id]
        out[e.id] = model.person_exposure(holds, posts, [], MODEL)
    return out


STORED = (
    "MATCH (n) WHERE n:Node OR n:Post OR n:Person OR n:Risk "
    "RETURN n.id AS id, coalesce(n.exposure, n.residual) AS value"
)


@given(stations())
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_rate_writes_what_the_model_computes(db: Driver, neo4j_settings: Settings, wb: Workbook) -> None:
    database = neo4j_settings.neo4j_database
    wipe(db, database)  # hypothesis runs many examples within one test
    load(db, database, wb)  # the import rates the station (graph.rating.rate_units_in) ...
    expected = {k: round(v, DIGITS) for k, v in by_hand(wb).items()}
    imported = {r["id"]: r["value"] for r in read_rows(db, database, STORED)}
    assert imported == pytest.approx(expected, abs=1e-9)
    rate(db, database, MODEL)  # ... and so does a full rate
    assert {r["id"]: r["value"] for r in read_rows(db, database, STORED)} == pytest.approx(expected, abs=1e-9)


class CountingTx:
    """A transaction that remembers every result it gave, to sum their write counters."""

    def __init__(self, tx: Any) -> None:
        self.tx = tx
        self.results: list[Any] = []

    def run(self, *args: Any, **kwargs: Any) -> Any:
        result = self.tx.run(*args, **kwargs)
        self.results.append(result)
        return result

    def counters(self) -> dict[str, int]:
        summaries = [r.consume().counters for r in self.results]
        names = ("properties_set", "labels_added", "labels_removed", "nodes_created", "nodes_deleted")
        return {k: sum(getattr(c, k) for c in summaries) for k in names}


def test_a_second_rate_with_nothing_changed_writes_nothing(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, chain_station())
    rate(db, database, MODEL)

    def again(tx: Any) -> tuple[int, dict[str, int]]:
        counting = CountingTx(tx)
        _, written = refresh_in(counting, MODEL, None, datetime.now(UTC))  # type: ignore[arg-type]
        return written, counting.counters()

    written, counters = in_write(db, database, again)
    assert written == 0
    assert counters == {
        "properties_set": 1,  # the unit's rated_at, once per unit
        "labels_added": 0,
        "labels_removed": 0,
        "nodes_created": 0,
        "nodes_deleted": 0,
    }
    values = {r["id"]: r["value"] for r in read_rows(db, database, STORED)}
    expected = compute(db, database, MODEL, {})
    assert values == {
        **{n.id: round(n.exposure, DIGITS) for p in expected.processes for n in p.nodes},
        **{r.id: round(r.residual, DIGITS) for p in expected.processes for r in p.risks},
        **{x.id: round(x.exposure, DIGITS) for x in expected.posts + expected.people},
    }
