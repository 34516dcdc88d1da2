"""`powermap rate`: read the graph, run the risk model (graph.risk_model), write the numbers back
as properties analysts can sort and colour by in Neo4j Browser.

Exposure is a property of the whole graph (a person may hold posts in two units, a post may
perform nodes of another unit's process), so the model always runs over the whole graph;
`unit` only limits what is written back.
"""

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from neo4j import Driver
from pydantic import BaseModel

from graph.checks.run import CHECKS, fetch, parameters, unmitigated_conflicts
from graph.connection import Row, Tx, in_read, in_write, read, rows_of, write_batches
from graph.queries import query
from graph.risk_model import (
    Control,
    Flow,
    ProcessGraph,
    Risk,
    light,
    node_exposures,
    person_exposure,
    post_exposures,
    residual,
    stars,
)
from graph.settings import RiskModel


class RatedNode(BaseModel):
    id: str
    exposure: float
    light: str


class RatedRisk(BaseModel):
    id: str
    residual: float


class RatedProcess(BaseModel):
    id: str
    name: str = ""
    exposure: float
    residual: float
    stars: int
    nodes: list[RatedNode]
    risks: list[RatedRisk]


class RatedHolder(BaseModel):
    """A post or a person."""

    id: str
    name: str = ""
    exposure: float
    light: str


class Ratings(BaseModel):
    processes: list[RatedProcess]
    posts: list[RatedHolder]
    people: list[RatedHolder]


def processes_from(rows: list[Row]) -> list[ProcessGraph]:
    """Process graphs from rows shaped as `rating/processes` returns them."""
    graphs = []
    for row in rows:
        risks = [
            Risk(
                risk_id, node_id, float(score or 0), tuple(Control(kind, bool(ind)) for kind, ind in controls)
            )
            for risk_id, node_id, score, controls in row["risks"]
        ]
        graphs.append(
            ProcessGraph(
                row["id"],
                dict(row["nodes"]),
                [Flow(a, b) for a, b in row["flows"]],
                risks,
                name=row["name"] or "",
            )
        )
    return graphs


def load_processes_in(tx: Tx) -> list[ProcessGraph]:
    return processes_from(rows_of(tx, query("rating/processes"), {}))


def load_processes(driver: Driver, database: str) -> list[ProcessGraph]:
    return in_read(driver, database, load_processes_in)


def rate_processes(
    processes: Sequence[ProcessGraph], model: RiskModel
) -> tuple[list[RatedProcess], dict[str, float]]:
    """Each process rated, and the exposure of every node of them."""
    rated: list[RatedProcess] = []
    exposure_of_node: dict[str, float] = {}
    for process in processes:
        exposures = node_exposures(process, model)
        exposure_of_node.update(exposures)
        # model_construct: the values are computed here, not input; validating 200k of them costs seconds.
        risks = [RatedRisk.model_construct(id=r.id, residual=residual(r, model)) for r in process.risks]
        total_residual = sum(r.residual for r in risks)
        rated.append(
            RatedProcess.model_construct(
                id=process.id,
                name=process.name,
                exposure=sum(exposures.values()),
                residual=total_residual,
                stars=stars(total_residual, model),
                nodes=[
                    RatedNode.model_construct(id=n, exposure=e, light=light(e, *model.node_light))
                    for n, e in exposures.items()
                ],
                risks=risks,
            )
        )
    return rated, exposure_of_node


def post_exposure_from(
    performs_rows: list[Row], exposure_of_node: Mapping[str, float]
) -> tuple[dict[str, float], dict[str, str]]:
    """Each post's exposure (rows shaped as `rating/performs` returns them), and the posts' names."""
    names: dict[str, str] = {}
    performs = []
    for r in performs_rows:
        performs += [(r["post_id"], node) for node in r["nodes"]]
        names[r["post_id"]] = r["post_name"]
    return dict.fromkeys(names, 0.0) | post_exposures(performs, exposure_of_node), names


def post_exposure_in(tx: Tx, model: RiskModel) -> dict[str, float]:
    """Every post's exposure, read in the caller's transaction (a what-if's rolled-back one)."""
    _, exposure_of_node = rate_processes(load_processes_in(tx), model)
    return post_exposure_from(rows_of(tx, query("rating/performs"), {}), exposure_of_node)[0]


def compute_in(tx: Tx, model: RiskModel, conflicts: Mapping[str, Sequence[str]]) -> Ratings:
    """Every rating of the graph, read in the caller's transaction. `conflicts` maps a person to
    the severities of their unmitigated conflicts (from the sod_conflict check)."""
    processes, exposure_of_node = rate_processes(load_processes_in(tx), model)
    post_exposure, names = post_exposure_from(rows_of(tx, query("rating/performs"), {}), exposure_of_node)
    holds: dict[str, list[tuple[str, str]]] = {}
    for r in rows_of(tx, query("rating/holds"), {}):
        holds[r["person_id"]] = [(post, role) for post, role in r["holds"]]
        names[r["person_id"]] = r["person_name"]

    people = []
    for person in sorted(set(holds) | set(conflicts)):
        e = person_exposure(holds.get(person, []), post_exposure, conflicts.get(person, []), model)
        people.append(
            RatedHolder(
                id=person, name=names.get(person, ""), exposure=e, light=light(e, *model.person_light)
            )
        )
    posts = [
        RatedHolder(id=p, name=names.get(p, ""), exposure=e, light=light(e, *model.post_light))
        for p, e in sorted(post_exposure.items())
    ]
    return Ratings(processes=processes, posts=posts, people=people)


def compute(
    driver: Driver,
    database: str,
    model: RiskModel,
    conflicts: Mapping[str, Sequence[str]],
) -> Ratings:
    """Every rating of the graph, read in one transaction (one consistent snapshot)."""
    return in_read(driver, database, lambda tx: compute_in(tx, model, conflicts))


def rate_units_in(tx: Tx, units: Sequence[str], model: RiskModel, today: date | None = None) -> Ratings:
    """The ratings an import of `units` can change, computed in the import's own transaction: the
    units' processes (nodes, risks, stars), the posts performing their nodes or sitting in them,
    and the people holding those posts or sitting in them. Everything else keeps its stored
    values, which stay valid: a rating depends on nothing the import left alone. The values equal
    those of a full `rate` (tests/graph/test_rating_fresh.py)."""
    scope = rows_of(tx, query("rating/affected"), {"units": list(units)})[0]
    graphs = processes_from(rows_of(tx, query("rating/processes_of"), {"ids": scope["processes"]}))
    processes, exposure_of_node = rate_processes(graphs, model)

    post_exposure: dict[str, float] = {}
    names: dict[str, str] = {}
    for r in rows_of(tx, query("rating/performs_of"), {"ids": scope["posts"]}):
        stored = {node: float(e or 0.0) for node, e in r["nodes"]}
        post_exposure[r["post_id"]] = sum(exposure_of_node.get(n, e) for n, e in stored.items())
        names[r["post_id"]] = r["post_name"]

    conflict_check = CHECKS["sod_conflict"]
    people = []
    for r in rows_of(tx, query("rating/holds_of"), {"ids": scope["people"]}):
        person = r["person_id"]
        exposure_of_post = {post: post_exposure.get(post, float(e or 0.0)) for post, _, e in r["holds"]}
        found = fetch(tx, conflict_check, parameters(threshold=None, person_id=person, today=today))
        conflicts = [f.severity for f in found if not f.mitigated]
        e = person_exposure(
            [(post, role) for post, role, _ in r["holds"]], exposure_of_post, conflicts, model
        )
        people.append(
            RatedHolder(id=person, name=r["person_name"], exposure=e, light=light(e, *model.person_light))
        )
    posts = [
        RatedHolder(id=p, name=names[p], exposure=e, light=light(e, *model.post_light))
        for p, e in sorted(post_exposure.items())
    ]
    return Ratings(processes=processes, posts=posts, people=people)


# Sums taken in a different order differ in the last bits (33.46346875 vs 33.463468750000004):
# the stored values are rounded, so that importing one workbook twice gives the same graph.
DIGITS = 9


def _rounded(row: Row) -> Row:
    return {k: round(v, DIGITS) if isinstance(v, float) else v for k, v in row.items()}


def write_in(tx: Tx, ratings: Ratings, rated_at: datetime, units: Sequence[str | None]) -> None:
    """Write `ratings` whole, stamped `rated_at`, and the totals of `units` (None: every unit)."""
    processes = ratings.processes
    batches = [
        (
            "rating/write_processes",
            [p.model_dump(exclude={"nodes", "risks", "name"}) for p in ratings.processes],
        ),
        ("rating/write_nodes", [n.model_dump() for p in processes for n in p.nodes]),
        ("rating/write_risks", [r.model_dump() for p in processes for r in p.risks]),
        ("rating/write_posts", [p.model_dump() for p in ratings.posts]),
        ("rating/write_people", [p.model_dump() for p in ratings.people]),
    ]
    # Bounded batches keep each message small; one transaction keeps the write atomic.
    for name, todo in batches:
        write_batches(tx, query(name), [_rounded(row) for row in todo], rated_at=rated_at)
    for unit in units:
        tx.run(query("rating/write_units"), unit=unit, rated_at=rated_at).consume()


def write(driver: Driver, database: str, ratings: Ratings, unit: str | None) -> datetime:
    """Write the ratings of `unit`'s processes, posts and people (all when None) in one
    transaction, stamped with one `rated_at`."""
    rated_at = datetime.now(UTC)
    scope = {kind: set(ids) for kind, ids in read(driver, database, "rating/scope", unit=unit)[0].items()}
    scoped = Ratings(
        processes=[p for p in ratings.processes if p.id in scope["processes"]],
        posts=[p for p in ratings.posts if p.id in scope["posts"]],
        people=[p for p in ratings.people if p.id in scope["people"]],
    )
    in_write(driver, database, lambda tx: write_in(tx, scoped, rated_at, [unit]))
    return rated_at


def rate(
    driver: Driver, database: str, model: RiskModel, unit: str | None = None, today: date | None = None
) -> tuple[Ratings, datetime]:
    """Compute every rating (people penalised for their unmitigated conflicts on `today`) and
    write back those of `unit` (all when None)."""
    ratings = compute(driver, database, model, unmitigated_conflicts(driver, database, today))
    return ratings, write(driver, database, ratings, unit)
