"""The risk model's propagation over flat tuples, for rating a province: the same arithmetic as
graph/risk_model.py (the readable statement, which tests/graph/test_rating_flat.py holds it equal
to on random graphs), without building a dataclass per risk, control and flow, and with each
risk's residual computed once.

A process arrives as node ids with their kinds, flows as (source, target), and risks as
(node, risk id, residual, checkpoint share); controls only as how many independent ones of each
kind a risk has, which is all the model reads of them.
"""

from collections.abc import Sequence
from math import fsum

from graph.settings import RiskModel

# (node id, risk id, residual, share of what arrives that the risk's checkpoint stops)
FlatRisk = tuple[str, str, float, float]


def risk_terms(model: RiskModel, preventive: int, detective: int, other: int) -> tuple[float, float]:
    """(residual factor, checkpoint share) of a risk with that many independent controls of each
    kind, multiplied in the order graph.risk_model.residual would (preventive, detective, other)."""
    factor = 1.0
    for effectiveness, count in (
        (model.preventive_effectiveness, preventive),
        (model.detective_effectiveness, detective),
        (model.unknown_kind_effectiveness, other),
    ):
        for _ in range(count):
            factor *= 1.0 - effectiveness
    passed = 1.0
    for _ in range(detective):
        passed *= 1.0 - model.detective_effectiveness
    return factor, 1.0 - passed


def node_exposures(
    ids: Sequence[str],
    kinds: Sequence[str],
    flows: Sequence[tuple[str, str]],
    risks: Sequence[FlatRisk],
    delta: float,
) -> list[float]:
    """Each node's exposure, in the order of `ids`: graph.risk_model.node_exposures."""
    count = len(ids)
    index = {n: i for i, n in enumerate(ids)}
    own_terms: list[list[float]] = [[] for _ in range(count)]
    checkpoints: list[list[tuple[str, float, float]]] = [[] for _ in range(count)]
    for at, risk_id, residual, share in risks:
        i = index.get(at)
        if i is not None:
            own_terms[i].append(residual)
            checkpoints[i].append((risk_id, residual, share))
    own = [fsum(t) for t in own_terms]

    edges: list[tuple[int, int]] = []
    successors: list[list[int]] = [[] for _ in range(count)]
    has_incoming = [False] * count
    for a, b in flows:
        i, j = index.get(a), index.get(b)
        if i is not None and j is not None:
            edges.append((i, j))
            successors[i].append(j)
            has_incoming[j] = True
    # The back edges of the same depth-first walk as graph.risk_model.back_edges: by id order.
    order = sorted(range(count), key=ids.__getitem__)
    rank = [0] * count
    for r, i in enumerate(order):
        rank[i] = r
    for targets in successors:
        if len(targets) > 1:
            targets.sort(key=rank.__getitem__)
    roots = [i for i in order if kinds[i] == "start"] + [i for i in order if not has_incoming[i]] + order
    state = [0] * count  # 1 = on the current path, 2 = done
    back: set[tuple[int, int]] = set()
    for root in roots:
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state[child] == 1:
                back.add((node, child))
            elif not state[child]:
                state[child] = 1
                stack.append((child, iter(successors[child])))

    predecessors: list[list[int]] = [[] for _ in range(count)]
    forward: list[list[int]] = [[] for _ in range(count)]
    indegree = [0] * count
    for i, j in edges:
        if (i, j) not in back:
            predecessors[j].append(i)
            forward[i].append(j)
            indegree[j] += 1
    arriving = [0.0] * count
    sent = [0.0] * count
    ready = [i for i in order if indegree[i] == 0]
    while ready:
        node = ready.pop()
        before = predecessors[node]
        remaining = arriving[node] = delta * fsum([sent[p] for p in before]) if before else 0.0
        if checkpoints[node]:
            for _, residual, share in sorted(checkpoints[node]):
                if share:
                    remaining -= min(residual, remaining * share)
        sent[node] = own[node] + remaining
        for nxt in forward[node]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return [own[i] + arriving[i] for i in range(count)]
