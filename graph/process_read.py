"""Read one process for drawing: nodes, flows, performing posts and holders, risks and controls.

Ratings written back by the risk rating (`light`/`exposure` on Node, `stars` on Process,
`residual` on Risk) come along when present and are None before.
"""

from neo4j import Driver, ManagedTransaction
from pydantic import BaseModel

from graph.connection import in_read, read, rows_of
from graph.queries import query


class ProcessNotFoundError(LookupError):
    """No process with that id (the API answers 404)."""


class Holder(BaseModel):
    id: str
    name: str
    role: str
    status: str | None = None


class PerformingPost(BaseModel):
    id: str
    name: str
    key: bool | None = None
    holders: list[Holder] = []


class ControlView(BaseModel):
    id: str
    measure: str
    kind: str | None = None
    owner_post_id: str | None = None
    owner_post_name: str | None = None
    independent: bool


class RiskView(BaseModel):
    id: str
    behavior: str
    level: str | None = None
    score: float | None = None
    residual: float | None = None
    controls: list[ControlView] = []

    @property
    def current_score(self) -> float | None:
        """The residual score once rated, the inherent score before."""
        return self.residual if self.residual is not None else self.score

    @property
    def uncontrolled(self) -> bool:
        return not any(c.independent for c in self.controls)


class NodeView(BaseModel):
    id: str
    name: str
    kind: str | None = None
    min_people: int | None = None
    discretion: bool | None = None
    light: str | None = None
    exposure: float | None = None
    posts: list[PerformingPost] = []
    risks: list[RiskView] = []


class FlowView(BaseModel):
    from_id: str
    to_id: str
    condition: str | None = None


class ProcessView(BaseModel):
    id: str
    name: str
    domain: str | None = None
    stars: int | None = None
    unit_id: str | None = None
    unit_name: str | None = None
    nodes: list[NodeView] = []
    flows: list[FlowView] = []


class ProcessSummary(BaseModel):
    id: str
    name: str
    domain: str | None = None
    unit_id: str
    unit_name: str
    nodes: int


def read_process(driver: Driver, database: str, process_id: str) -> ProcessView:
    """The process as one consistent snapshot (one read transaction)."""

    def work(tx: ManagedTransaction) -> ProcessView:
        params = {"process_id": process_id}
        header = rows_of(tx, query("viz/process_header"), params)
        if not header:
            raise ProcessNotFoundError(f"没有这个流程 / no such process: {process_id}")
        nodes = [NodeView(**r) for r in rows_of(tx, query("viz/process_nodes"), params)]
        flows = [FlowView(**r) for r in rows_of(tx, query("viz/process_flows"), params)]
        return ProcessView(**header[0], nodes=nodes, flows=flows)

    return in_read(driver, database, work)


def list_processes(driver: Driver, database: str, unit: str | None = None) -> list[ProcessSummary]:
    """Every process of the unit and its sub-units, or of all units when `unit` is None."""
    return [ProcessSummary(**r) for r in read(driver, database, "viz/processes", unit=unit)]


class ProcessesPage(BaseModel):
    """`total` counts every process in scope; `more` says whether any follows the last one."""

    items: list[ProcessSummary]
    total: int
    more: bool


def processes_page(
    driver: Driver,
    database: str,
    *,
    limit: int,
    after: str | None = None,
    skip: int = 0,
    unit: str | None = None,
) -> ProcessesPage:
    """At most `limit` processes in id order after the id `after` (from the first when None),
    `skip` more skipped first, and the count of all, in one read transaction."""

    def work(tx: ManagedTransaction) -> ProcessesPage:
        params = {"unit": unit, "after": after, "skip": skip, "limit": limit + 1}
        rows = [ProcessSummary(**r) for r in rows_of(tx, query("viz/processes_page"), params)]
        total = rows_of(tx, query("viz/processes_count"), {"unit": unit})[0]["processes"]
        return ProcessesPage(items=rows[:limit], total=total, more=len(rows) > limit)

    return in_read(driver, database, work)
