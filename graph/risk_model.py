"""The risk model: residual risk, propagation along a process, exposure of posts and people,
stars and traffic lights. Pure functions over plain data, so every formula of
docs/risk-model.md can be tested by hand; `graph.rating` feeds them from the graph.

Sums are exact (math.fsum): the graph returns flows, performers and posts in no set order, and a
sum must not depend on it, or the same graph would rate differently from one read to the next.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from math import fsum, prod

from graph.settings import RiskModel

Edge = tuple[str, str]


@dataclass(frozen=True)
class Control:
    kind: str | None  # 'preventive' | 'detective' | None (not given)
    independent: bool


@dataclass(frozen=True)
class Risk:
    id: str
    node_id: str
    score: float
    controls: tuple[Control, ...] = ()


@dataclass(frozen=True)
class Flow:
    source: str
    target: str


@dataclass
class ProcessGraph:
    """One process: its nodes (id -> kind), its flows and the risks sitting on its nodes."""

    id: str
    nodes: dict[str, str]
    flows: list[Flow] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    name: str = ""


def effectiveness(control: Control, model: RiskModel) -> float:
    """How much of a risk one control removes; self-run and unowned controls remove nothing."""
    if not control.independent:
        return 0.0
    if control.kind == "preventive":
        return model.preventive_effectiveness
    if control.kind == "detective":
        return model.detective_effectiveness
    return model.unknown_kind_effectiveness


def residual(risk: Risk, model: RiskModel) -> float:
    """Inherent score x the product over its controls of (1 - effectiveness)."""
    return risk.score * prod(1.0 - effectiveness(c, model) for c in risk.controls)


def passed_on(risks: Iterable[Risk], arriving: float, model: RiskModel) -> float:
    """What a node sends on of the exposure arriving at it.

    A risk whose independent detective controls make it a checkpoint stops (1 - the product of
    their (1 - effectiveness)) of what reaches it, but never more than its own residual risk:
    a risk point together with its controls must never make the process look safer than it
    would be without that risk point (docs/risk-model.md shows the case that needs the cap).
    Checkpoints apply one after another, in risk id order.
    """
    remaining = arriving
    for risk in sorted(risks, key=lambda r: r.id):
        share = 1.0 - prod(
            1.0 - model.detective_effectiveness
            for c in risk.controls
            if c.independent and c.kind == "detective"
        )
        remaining -= min(residual(risk, model), remaining * share)
    return remaining


def back_edges(nodes: Mapping[str, str], flows: Iterable[Flow]) -> set[Edge]:
    """Flows that close a loop (退回 rework): the back edges of a depth-first walk.

    The walk starts at the start nodes, then at nodes nothing flows into, then at whatever is
    left, each in id order, so the answer is the same on every run. Ignoring these edges
    leaves a DAG, which is why propagation always terminates.
    """
    successors: dict[str, list[str]] = defaultdict(list)
    has_incoming: set[str] = set()
    for f in flows:
        if f.source in nodes and f.target in nodes:
            successors[f.source].append(f.target)
            has_incoming.add(f.target)
    for targets in successors.values():
        targets.sort()
    roots = (
        sorted(n for n, kind in nodes.items() if kind == "start")
        + sorted(n for n in nodes if n not in has_incoming)
        + sorted(nodes)
    )
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    found: set[Edge] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                found.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(successors[child])))
    return found


def node_exposures(process: ProcessGraph, model: RiskModel) -> dict[str, float]:
    """exposure(n) = own residual + delta x what arrives over n's forward incoming flows,
    where a predecessor p sends on own(p) + passed_on(p, arriving(p))."""
    risks_at: dict[str, list[Risk]] = defaultdict(list)
    for r in process.risks:
        if r.node_id in process.nodes:
            risks_at[r.node_id].append(r)
    own = {n: fsum(residual(r, model) for r in risks_at[n]) for n in process.nodes}

    skip = back_edges(process.nodes, process.flows)
    forward = [
        f for f in process.flows if f.source in own and f.target in own and (f.source, f.target) not in skip
    ]
    predecessors: dict[str, list[str]] = defaultdict(list)
    indegree: dict[str, int] = dict.fromkeys(own, 0)
    successors: dict[str, list[str]] = defaultdict(list)
    for f in forward:
        predecessors[f.target].append(f.source)
        successors[f.source].append(f.target)
        indegree[f.target] += 1

    arriving: dict[str, float] = dict.fromkeys(own, 0.0)
    sent: dict[str, float] = {}
    ready = sorted(n for n, d in indegree.items() if d == 0)
    while ready:
        node = ready.pop()
        arriving[node] = model.delta * fsum(sent[p] for p in predecessors[node])
        sent[node] = own[node] + passed_on(risks_at[node], arriving[node], model)
        for nxt in successors[node]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return {n: own[n] + arriving[n] for n in own}


def stars(total_residual: float, model: RiskModel) -> int:
    """3 / 2 / 1 stars by how much residual risk gathers in a process; 0 when none."""
    if total_residual >= model.three_star_residual:
        return 3
    if total_residual >= model.two_star_residual:
        return 2
    return 1 if total_residual > 0 else 0


def light(exposure: float, red_at: float, yellow_at: float) -> str:
    if exposure >= red_at:
        return "red"
    return "yellow" if exposure >= yellow_at else "green"


def post_exposures(
    performs: Iterable[tuple[str, str]], node_exposure: Mapping[str, float]
) -> dict[str, float]:
    """A post's exposure: the sum over the nodes it performs. `performs` holds (post, node)."""
    terms: dict[str, list[float]] = defaultdict(list)
    for post, node in set(performs):
        terms[post].append(node_exposure.get(node, 0.0))
    return {post: fsum(t) for post, t in terms.items()}


def person_exposure(
    holds: Iterable[tuple[str, str]],
    post_exposure: Mapping[str, float],
    conflict_severities: Iterable[str],
    model: RiskModel,
) -> float:
    """Sum over posts held of role weight x post exposure, plus a penalty per unmitigated
    conflict by its severity. `holds` holds (post, role); holding a post as both A and B
    counts once, at the heavier weight."""
    weight: dict[str, float] = {}
    for post, role in holds:
        w = model.a_weight if role == "A" else model.b_weight
        weight[post] = max(w, weight.get(post, 0.0))
    held = [w * post_exposure.get(post, 0.0) for post, w in weight.items()]
    return fsum(held + [model.conflict_penalty[s] for s in conflict_severities])
