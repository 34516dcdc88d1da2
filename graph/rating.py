"""`powermap rate` and the ratings every import keeps fresh: read the graph, run the risk model
(graph.risk_model), write back the numbers analysts sort and colour by in Neo4j Browser.

The work is shaped for province scale (docs/risk-model.md, section 7):
- flat reads of ids and numbers, each row with the rating the graph already holds;
- the model over plain tuples and the small dataclasses of graph.risk_model, no pydantic objects;
- only the values that changed are written, the Red/Yellow/Green label in the same write and only
  when the light changes, and `rated_at` once per unit, not on every node;
- the conflict penalty from one lean query (rating/conflicts), not from the sod_conflict check's
  full findings.

`rate` recomputes the whole graph (or, with a unit, what that unit's ratings depend on, wherever
it sits) in one write transaction that first locks the units it stamps, as imports lock theirs.
An import re-rates what it can change (`rate_units_in`), reading the stored ratings of what it
leaves alone: they are valid, since every import keeps them so.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from math import fsum
from typing import Any, NamedTuple

from neo4j import Driver

from graph import risk_model_flat as flat
from graph.checks.severity import rule, shift
from graph.connection import Row, Tx, in_read, in_write, rows_of, write_batches
from graph.queries import query
from graph.risk_model import (
    light,
    person_exposure,
    post_exposures,
    stars,
)
from graph.settings import RiskModel


class RatedNode(NamedTuple):
    id: str
    exposure: float
    light: str


class RatedRisk(NamedTuple):
    id: str
    residual: float


class RatedProcess(NamedTuple):
    id: str
    exposure: float
    residual: float
    stars: int
    nodes: list[RatedNode]
    risks: list[RatedRisk]
    name: str = ""


class RatedHolder(NamedTuple):
    """A post or a person."""

    id: str
    exposure: float
    light: str
    name: str = ""


@dataclass
class Ratings:
    """Ratings (plain tuples: a province holds 240,000 of them), and the values the graph held
    when they were read, by kind and id (empty for ratings made by hand): what differs is written."""

    processes: list[RatedProcess]
    posts: list[RatedHolder]
    people: list[RatedHolder]
    stored: dict[str, dict[str, tuple[Any, ...]]] = field(default_factory=dict)

    def only(self, processes: set[str], posts: set[str], people: set[str]) -> "Ratings":
        """The ratings of the listed entities alone (a process with its nodes and risks)."""
        return Ratings(
            [p for p in self.processes if p.id in processes],
            [p for p in self.posts if p.id in posts],
            [p for p in self.people if p.id in people],
            self.stored,
        )


# Sums taken in a different order differ in the last bits (33.46346875 vs 33.463468750000004):
# the stored values are rounded, so that importing one workbook twice gives the same graph, and
# compared rounded, so that a rating that changed nothing writes nothing.
DIGITS = 9

KINDS = ("process", "node", "risk", "post", "person")


def _lists(tx: Tx, name: str, **params: Any) -> dict[str, list[list[Any]]]:
    """The one record of a rating read: lists of flat rows, by column. Decoding a record costs the
    driver far more than decoding a list, so each read returns its rows as lists in one record."""
    record = tx.run(query(name), params).single(strict=True)
    return {key: record[key] for key in record.keys()}


def conflict_severities(tx: Tx, people: Sequence[str], today: date | None = None) -> dict[str, list[str]]:
    """Each listed person's unmitigated conflicts on `today`, by severity, as the sod_conflict check
    judges them (graph.checks.severity: one level milder when a duty comes only through a B role)."""
    found: dict[str, list[str]] = {}
    found_rows = _lists(tx, "rating/conflicts", people=list(people), today=today or date.today())["rows"]
    for person, severity, held_as_a in found_rows:
        found.setdefault(person, []).append(shift(rule(severity), 0 if held_as_a else 1))
    return found


# A NamedTuple's own constructor costs microseconds in Python; 240,000 of them add up to a second.
_new = tuple.__new__


@dataclass(slots=True)
class _Process:
    """One process as the flat model takes it (graph.risk_model_flat)."""

    name: str
    ids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    flows: list[tuple[str, str]] = field(default_factory=list)
    risks: list[flat.FlatRisk] = field(default_factory=list)


def rate_in(
    tx: Tx,
    model: RiskModel,
    processes: Sequence[str],
    posts: Sequence[str],
    people: Sequence[str],
    conflicts: Mapping[str, Sequence[str]] | None = None,
    today: date | None = None,
) -> Ratings:
    """Rate the listed processes (their nodes and risks), posts and people in the caller's
    transaction. A post's node outside `processes`, and a person's post outside `posts`, count
    with the exposure the graph holds. `conflicts` maps a person to the severities of their
    unmitigated conflicts; read from the graph (on `today`) when None."""
    stored: dict[str, dict[str, tuple[Any, ...]]] = {k: {} for k in KINDS}
    graphs: dict[str, _Process] = {}
    read = _lists(tx, "rating/processes", processes=list(processes))
    for pid, name, e, r, s in read["processes"]:
        graphs[pid] = _Process(name or "")
        stored["process"][pid] = (e, r, s)
    process_of: dict[str, _Process] = {}
    for pid, nid, kind, e, lt in read["nodes"]:
        graph = process_of[nid] = graphs[pid]
        graph.ids.append(nid)
        graph.kinds.append(kind)
        stored["node"][nid] = (e, lt)
    for a, b in read["flows"]:
        process_of[a].flows.append((a, b))  # one into another process: the model skips it
    terms: dict[tuple[int, int, int], tuple[float, float]] = {}
    for rid, nid, score, r, *controls in read["risks"]:
        key = (controls[0], controls[1], controls[2])
        if key not in terms:
            terms[key] = flat.risk_terms(model, *key)
        factor, share = terms[key]
        process_of[nid].risks.append((nid, rid, float(score or 0) * factor, share))
        stored["risk"][rid] = (r,)

    node_light = model.node_light
    exposure_of_node: dict[str, float] = {}
    rated_processes = []
    for pid, g in graphs.items():
        exposures = flat.node_exposures(g.ids, g.kinds, g.flows, g.risks, model.delta)
        exposure_of_node.update(zip(g.ids, exposures, strict=True))
        pairs = zip(g.ids, exposures, strict=True)
        nodes = [_new(RatedNode, (n, e, light(e, *node_light))) for n, e in pairs]
        risks = [_new(RatedRisk, (rid, residual)) for _, rid, residual, _ in g.risks]
        total = fsum(r.residual for r in risks)
        rated_processes.append(
            RatedProcess(pid, fsum(exposures), total, stars(total, model), nodes, risks, g.name)
        )

    names: dict[str, str] = {}
    read = _lists(tx, "rating/posts", posts=list(posts))
    for x, name, e, lt in read["posts"]:
        names[x] = name or ""
        stored["post"][x] = (e, lt)
    performs = []
    for x, nid, e in read["performs"]:
        performs.append((x, nid))
        if nid not in exposure_of_node:  # a node this rating leaves alone keeps its rating
            exposure_of_node[nid] = float(e or 0.0)
    post_exposure = dict.fromkeys(names, 0.0) | post_exposures(performs, exposure_of_node)
    post_light = model.post_light
    rated_posts = [
        _new(RatedHolder, (x, e, light(e, *post_light), names[x])) for x, e in sorted(post_exposure.items())
    ]

    read = _lists(tx, "rating/people", people=list(people))
    for x, name, e, lt in read["people"]:
        names[x] = name or ""
        stored["person"][x] = (e, lt)
    holds: dict[str, list[tuple[str, str]]] = {x: [] for x in stored["person"]}
    exposure_of_post = dict(post_exposure)
    for x, post, role, e in read["holds"]:
        holds[x].append((post, role))
        exposure_of_post.setdefault(post, float(e or 0.0))  # a post left alone keeps its rating
    if conflicts is None:
        conflicts = conflict_severities(tx, list(holds), today)
    rated_people = []
    for x in sorted(holds):
        e = person_exposure(holds[x], exposure_of_post, conflicts.get(x, []), model)
        rated_people.append(_new(RatedHolder, (x, e, light(e, *model.person_light), names[x])))
    return Ratings(rated_processes, rated_posts, rated_people, stored)


def changed_rows(ratings: Ratings) -> list[tuple[str, list[Row]]]:
    """The rows to write, per write query: those whose rounded values differ from the stored ones
    (all of them for ratings made by hand, which carry no stored values)."""
    stored = ratings.stored
    was = {kind: stored.get(kind, {}) for kind in KINDS}
    processes, nodes, risks = [], [], []
    for p in ratings.processes:
        e, r = round(p.exposure, DIGITS), round(p.residual, DIGITS)
        if was["process"].get(p.id) != (e, r, p.stars):
            processes.append({"id": p.id, "exposure": e, "residual": r, "stars": p.stars})
        for n in p.nodes:
            e = round(n.exposure, DIGITS)
            if was["node"].get(n.id) != (e, n.light):
                nodes.append({"id": n.id, "exposure": e, "light": n.light})
        for k in p.risks:
            r = round(k.residual, DIGITS)
            if was["risk"].get(k.id) != (r,):
                risks.append({"id": k.id, "residual": r})

    def holders(kind: str, items: list[RatedHolder]) -> list[Row]:
        rows = ((x.id, round(x.exposure, DIGITS), x.light) for x in items)
        return [{"id": i, "exposure": e, "light": lt} for i, e, lt in rows if was[kind].get(i) != (e, lt)]

    return [
        ("rating/write_processes", processes),
        ("rating/write_nodes", nodes),
        ("rating/write_risks", risks),
        ("rating/write_posts", holders("post", ratings.posts)),
        ("rating/write_people", holders("person", ratings.people)),
    ]


def stamp_units(tx: Tx, units: Sequence[str], rated_at: datetime) -> None:
    """Stamp the units `rated_at`, taking their write locks until the transaction ends."""
    tx.run(query("rating/stamp_units"), units=list(units), rated_at=rated_at).consume()


def write_rows(tx: Tx, ratings: Ratings, units: Sequence[str]) -> int:
    """Write what changed of `ratings`, then the totals of `units`. Returns how many rows were sent."""
    todo = changed_rows(ratings)
    # Bounded batches keep each message small; the caller's transaction keeps the write atomic.
    for name, rows in todo:
        write_batches(tx, query(name), rows)
    tx.run(query("rating/write_units"), units=list(units)).consume()
    return sum(len(rows) for _, rows in todo)


def write_in(tx: Tx, ratings: Ratings, rated_at: datetime, units: Sequence[str]) -> None:
    """Stamp `units` with `rated_at`, write what changed of `ratings`, and the units' totals."""
    stamp_units(tx, units, rated_at)
    write_rows(tx, ratings, units)


def scope_in(tx: Tx, unit: str | None) -> Row:
    """The ids of `unit` and its sub-units, and of their processes, posts and people (all when None)."""
    return rows_of(tx, query("rating/scope"), {"unit": unit})[0]


def compute_in(tx: Tx, model: RiskModel, conflicts: Mapping[str, Sequence[str]]) -> Ratings:
    """Every rating of the graph, read in the caller's transaction (a what-if's rolled-back one).
    `conflicts` maps a person to the severities of their unmitigated conflicts."""
    s = scope_in(tx, None)
    return rate_in(tx, model, s["processes"], s["posts"], s["people"], conflicts)


def compute(
    driver: Driver,
    database: str,
    model: RiskModel,
    conflicts: Mapping[str, Sequence[str]],
) -> Ratings:
    """Every rating of the graph, read in one transaction (one consistent snapshot)."""
    return in_read(driver, database, lambda tx: compute_in(tx, model, conflicts))


def affected_in(tx: Tx, units: Sequence[str]) -> Row:
    """What an import of `units` can change the ratings of (cypher/rating/affected.cypher): lists
    of process, post and person ids."""
    return rows_of(tx, query("rating/affected"), {"units": list(units)})[0]


def rules_in(tx: Tx) -> list[list[Any]]:
    """Every conflict rule, in a stable order: compared before and after an import."""
    rules: list[list[Any]] = rows_of(tx, query("rating/rules"), {})[0]["rules"]
    return rules


def rate_units_in(
    tx: Tx,
    units: Sequence[str],
    model: RiskModel,
    today: date | None = None,
    *,
    before: Row | None = None,
    people: Sequence[str] = (),
) -> Ratings:
    """The ratings an import of `units` can change, computed in the import's own transaction: the
    units' processes (nodes, risks, stars) and those whose risks the units' posts control, the
    posts performing their nodes or sitting in them, and the people holding those posts or
    sitting in them; with `before` (`affected_in` before the import wrote) also those the import
    took away from the units, and the listed `people` (a mitigation's person, everyone when the
    rules changed). Everything else keeps its stored values, which stay valid: a rating depends on
    nothing the import left alone. The values equal those of a full `rate`
    (tests/graph/test_rating_fresh.py)."""
    scope = affected_in(tx, units)
    earlier = before or {}

    def ids(kind: str, *more: Sequence[str]) -> list[str]:
        return sorted(set(scope[kind]).union(earlier.get(kind, ()), *more))

    return rate_in(tx, model, ids("processes"), ids("posts"), ids("people", people), today=today)


def write(driver: Driver, database: str, ratings: Ratings, unit: str | None) -> datetime:
    """Write the ratings of `unit`'s processes, posts and people (all when None) in one
    transaction, and stamp the units with one `rated_at`."""
    rated_at = datetime.now(UTC)

    def work(tx: Tx) -> None:
        scope = scope_in(tx, unit)
        stamp_units(tx, scope["units"], rated_at)
        own = ratings.only(set(scope["processes"]), set(scope["posts"]), set(scope["people"]))
        write_rows(tx, own, scope["units"])

    in_write(driver, database, work)
    return rated_at


def refresh_in(
    tx: Tx, model: RiskModel, unit: str | None, rated_at: datetime, today: date | None = None
) -> tuple[Ratings, int]:
    """`rate` in the caller's write transaction: stamp (and so lock) the units, rate, write what
    changed; returns the ratings and how many rows were written. With a unit, what its ratings
    depend on is rated with it (the posts its people hold, the processes whose nodes those posts
    perform), and only the unit's own are returned and written."""
    scope = scope_in(tx, unit)
    stamp_units(tx, scope["units"], rated_at)
    processes, posts, people = scope["processes"], scope["posts"], scope["people"]
    if unit is not None:
        reach = rows_of(tx, query("rating/reach"), {"people": people, "posts": posts})[0]
        processes, posts = sorted(set(processes) | set(reach["processes"])), reach["posts"]
    ratings = rate_in(tx, model, processes, posts, people, today=today)
    if unit is not None:
        ratings = ratings.only(set(scope["processes"]), set(scope["posts"]), set(people))
    return ratings, write_rows(tx, ratings, scope["units"])


def rate(
    driver: Driver, database: str, model: RiskModel, unit: str | None = None, today: date | None = None
) -> tuple[Ratings, datetime]:
    """Rate the whole graph, or `unit` and its sub-units, people penalised for their unmitigated
    conflicts on `today`, and write what changed, in one transaction. Returns the ratings (the
    unit's own with a unit) and the `rated_at` the units were stamped with."""
    rated_at = datetime.now(UTC)
    ratings, _ = in_write(driver, database, lambda tx: refresh_in(tx, model, unit, rated_at, today))
    return ratings, rated_at
