"""The risk model's formulas, by hand-computed numbers and by invariants (docs/risk-model.md)."""

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.risk_model import (
    Control,
    Flow,
    ProcessGraph,
    Risk,
    back_edges,
    light,
    node_exposures,
    person_exposure,
    post_exposures,
    residual,
    stars,
)
from graph.settings import RiskModel

MODEL = RiskModel()
PREVENT = Control("preventive", independent=True)
DETECT = Control("detective", independent=True)
SELF_RUN = Control("preventive", independent=False)


def chain(*ids: str) -> list[Flow]:
    return [Flow(a, b) for a, b in pairwise(ids)]


def test_residual_multiplies_by_one_minus_effectiveness_of_independent_controls() -> None:
    assert residual(Risk("r", "n", 16), MODEL) == 16
    assert residual(Risk("r", "n", 16, (PREVENT,)), MODEL) == 8
    assert residual(Risk("r", "n", 16, (PREVENT, DETECT)), MODEL) == pytest.approx(16 * 0.5 * 0.7)
    assert residual(Risk("r", "n", 16, (SELF_RUN,)), MODEL) == 16, "self-run counts zero"
    assert residual(Risk("r", "n", 10, (Control(None, True),)), MODEL) == pytest.approx(7)


def test_chain() -> None:
    p = ProcessGraph(
        "p",
        {"s": "start", "a": "task", "b": "task", "e": "end"},
        chain("s", "a", "b", "e"),
        [Risk("r1", "a", 16), Risk("r2", "b", 9, (PREVENT,))],
    )
    assert node_exposures(p, MODEL) == {"s": 0, "a": 16, "b": 12.5, "e": 6.25}


def test_branch_and_join() -> None:
    flows = [Flow("s", "d"), Flow("d", "x"), Flow("d", "y"), Flow("x", "e"), Flow("y", "e")]
    p = ProcessGraph(
        "p",
        {"s": "start", "d": "decision", "x": "task", "y": "task", "e": "end"},
        flows,
        [Risk("r", "d", 10)],
    )
    assert node_exposures(p, MODEL) == {"s": 0, "d": 10, "x": 5, "y": 5, "e": 5}


def test_rework_loop_is_cut_at_its_back_edge() -> None:
    nodes = {"s": "start", "a": "task", "b": "decision", "e": "end"}
    flows = [*chain("s", "a", "b", "e"), Flow("b", "a")]  # b -> a: 退回
    assert back_edges(nodes, flows) == {("b", "a")}
    p = ProcessGraph("p", nodes, flows, [Risk("r1", "a", 8), Risk("r2", "b", 4)])
    assert node_exposures(p, MODEL) == {"s": 0, "a": 8, "b": 8, "e": 4}


def test_checkpoint_passes_on_only_part_of_what_reaches_it() -> None:
    p = ProcessGraph(
        "p",
        {"s": "start", "a": "task", "c": "task", "e": "end"},
        chain("s", "a", "c", "e"),
        [Risk("r1", "a", 20), Risk("r2", "c", 10, (DETECT,))],
    )
    got = node_exposures(p, MODEL)
    assert got["c"] == pytest.approx(7 + 0.5 * 20)
    assert got["e"] == pytest.approx(0.5 * (7 + 0.7 * 10))


def test_a_checkpoint_stops_no_more_than_its_own_residual() -> None:
    """Without the cap, deleting c's small risk (and so its checkpoint) would raise e."""
    p = ProcessGraph(
        "p",
        {"s": "start", "a": "task", "c": "task", "e": "end"},
        chain("s", "a", "c", "e"),
        [Risk("r1", "a", 100), Risk("r2", "c", 1, (DETECT,))],
    )
    got = node_exposures(p, MODEL)
    # 50 arrives at c; the checkpoint would stop 15 but its risk's residual is only 0.7.
    assert got["e"] == pytest.approx(0.5 * (0.7 + 50 - 0.7))
    without = ProcessGraph("p", p.nodes, p.flows, p.risks[:1])
    assert node_exposures(without, MODEL)["e"] <= got["e"]


def test_person_with_a_and_b_roles_and_a_conflict() -> None:
    posts = post_exposures([("P1", "a"), ("P1", "b"), ("P2", "c")], {"a": 10, "b": 20, "c": 20})
    assert posts == {"P1": 30, "P2": 20}
    got = person_exposure([("P1", "A"), ("P2", "B")], posts, ["critical"], MODEL)
    assert got == 30 * 1.0 + 20 * 0.5 + 30
    assert person_exposure([("P1", "A"), ("P1", "B")], posts, [], MODEL) == 30


def test_stars_and_lights_thresholds() -> None:
    assert [stars(x, MODEL) for x in (0, 0.1, 40, 99.9, 100)] == [0, 1, 2, 2, 3]
    assert [light(x, 25, 10) for x in (0, 10, 24.9, 25)] == ["green", "yellow", "yellow", "red"]


# --- invariants over random processes ---------------------------------------------------

NODE_IDS = [f"n{i}" for i in range(7)]


@st.composite
def processes(draw: st.DrawFn) -> ProcessGraph:
    count = draw(st.integers(2, len(NODE_IDS)))
    ids = NODE_IDS[:count]
    nodes = {i: ("start" if i == "n0" else "task") for i in ids}
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda e: e[0] != e[1])
    flows = [Flow(a, b) for a, b in draw(st.lists(pairs, max_size=12, unique=True))]
    controls = st.lists(
        st.builds(Control, st.sampled_from(["preventive", "detective", None]), st.booleans()),
        max_size=2,
    ).map(tuple)
    risks = [
        Risk(f"r{k}", draw(st.sampled_from(ids)), draw(st.integers(1, 25)), draw(controls))
        for k in range(draw(st.integers(0, 6)))
    ]
    return ProcessGraph("p", nodes, flows, risks)


@given(processes(), st.data())
def test_an_independent_control_never_raises_exposure_and_lowers_its_node(
    process: ProcessGraph, data: st.DataObject
) -> None:
    if not process.risks:
        return
    k = data.draw(st.integers(0, len(process.risks) - 1))
    kind = data.draw(st.sampled_from(["preventive", "detective", None]))
    guarded = process.risks[k]
    risks = list(process.risks)
    risks[k] = Risk(guarded.id, guarded.node_id, guarded.score, (*guarded.controls, Control(kind, True)))
    before = node_exposures(process, MODEL)
    after = node_exposures(ProcessGraph("p", process.nodes, process.flows, risks), MODEL)
    assert all(after[n] <= before[n] + 1e-9 for n in before)
    assert after[guarded.node_id] < before[guarded.node_id]


@given(processes(), st.data())
def test_removing_a_risk_never_raises_exposure(process: ProcessGraph, data: st.DataObject) -> None:
    if not process.risks:
        return
    k = data.draw(st.integers(0, len(process.risks) - 1))
    fewer = ProcessGraph("p", process.nodes, process.flows, process.risks[:k] + process.risks[k + 1 :])
    before, after = node_exposures(process, MODEL), node_exposures(fewer, MODEL)
    assert all(after[n] <= before[n] + 1e-9 for n in before)


@given(
    st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3"]), st.sampled_from(["A", "B"]))),
    st.lists(st.sampled_from(["critical", "high", "medium", "low"])),
    st.sampled_from(["critical", "high", "medium", "low"]),
)
def test_a_conflict_never_lowers_a_persons_exposure(
    holds: list[tuple[str, str]], conflicts: list[str], extra: str
) -> None:
    posts = {"P1": 10.0, "P2": 0.0, "P3": 33.0}
    before = person_exposure(holds, posts, conflicts, MODEL)
    assert person_exposure(holds, posts, [*conflicts, extra], MODEL) > before


@given(processes())
def test_every_loop_is_cut_so_propagation_terminates(process: ProcessGraph) -> None:
    skip = back_edges(process.nodes, process.flows)
    assert skip <= {(f.source, f.target) for f in process.flows}
    exposures = node_exposures(process, MODEL)
    assert set(exposures) == set(process.nodes)
    assert all(v >= 0 for v in exposures.values())
