"""People and posts as the API shows them: who holds what, which duties that brings, and
what the checks say about them."""

from neo4j import Driver
from pydantic import BaseModel

from graph.checks import models as m
from graph.checks.run import CHECKS, fetch, parameters
from graph.connection import in_read, read


class HeldPost(BaseModel):
    id: str
    name: str
    role: str
    key: bool
    unit_id: str | None


class DutyPath(BaseModel):
    """How a duty reaches a person: through a post they hold, at a node it performs."""

    duty: str
    post_id: str
    node_id: str
    node_name: str
    process_id: str | None


class PersonView(BaseModel):
    id: str
    name: str
    status: str
    unit_id: str | None
    unit_name: str | None
    exposure: float | None
    light: str | None
    posts: list[HeldPost]
    duties: list[DutyPath]
    conflicts: list[m.SodConflictFinding]


class PostHolder(BaseModel):
    id: str
    name: str
    role: str
    status: str


class PerformedNode(BaseModel):
    id: str
    name: str
    kind: str | None
    duty: str | None
    process_id: str
    process_name: str


class PostView(BaseModel):
    id: str
    name: str
    key: bool
    unit_id: str | None
    unit_name: str | None
    exposure: float | None
    light: str | None
    holders: list[PostHolder]
    nodes: list[PerformedNode]
    gaps: list[m.AbGapFinding]


def read_person(driver: Driver, database: str, person_id: str) -> PersonView | None:
    rows = read(driver, database, "people/person", id=person_id)
    if not rows:
        return None
    params = parameters(threshold=None, person_id=person_id)
    conflicts = in_read(driver, database, lambda tx: fetch(tx, CHECKS["sod_conflict"], params))
    return PersonView(**rows[0], conflicts=conflicts)


def read_post(driver: Driver, database: str, post_id: str) -> PostView | None:
    rows = read(driver, database, "people/post", id=post_id)
    if not rows:
        return None
    row = rows[0]
    gaps: list[m.AbGapFinding] = []
    if row["key"] and row["unit_id"]:
        params = parameters(threshold=None, unit=row["unit_id"])
        found = in_read(driver, database, lambda tx: fetch(tx, CHECKS["ab_gap"], params))
        gaps = [f for f in found if isinstance(f, m.AbGapFinding) and f.post_id == post_id]
    return PostView(**row, gaps=gaps)
