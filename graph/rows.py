"""The graph's own rows: one model per workbook table, and the `Workbook` holding a list of each:
what graph/writer.py writes. importers/ turns files into these.

Enum values are normalised to the contract's English values, booleans to bool and node
`post_id` to a list, so rows validated from a workbook's spellings equal rows built in code:

    Post.model_validate({"id": "P1", "name": "出纳", "unit_id": "CG", "key": "是"})
    == Post(id="P1", name="出纳", unit_id="CG", key=True)
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, computed_field, model_validator

from graph import vocab as v
from graph.vocab import to_bool, to_date, to_enum, to_list


def _enum(choices: dict[str, tuple[str, ...]]) -> BeforeValidator:
    return BeforeValidator(lambda v: v if v is None else to_enum(v, choices))


Id = Annotated[str, Field(min_length=1)]
Text = Annotated[str, Field(min_length=1)]
Bool = Annotated[bool, BeforeValidator(to_bool)]
UnitKind = Annotated[Literal["company", "station", "team"], _enum(v.UNIT_KINDS)]
Status = Annotated[Literal["active", "leave", "left"], _enum(v.STATUSES)]
Role = Annotated[Literal["A", "B"], _enum(v.ROLES)]
NodeKind = Annotated[Literal["start", "task", "decision", "event", "subprocess", "end"], _enum(v.NODE_KINDS)]
Level = Annotated[v.Level, _enum(v.LEVELS)]
ControlKind = Annotated[Literal["preventive", "detective"], _enum(v.CONTROL_KINDS)]
Severity = Annotated[v.Severity, _enum(v.SEVERITIES)]
SupervisorLevel = Annotated[Literal[1, 2, 3], BeforeValidator(lambda x: int(to_enum(x, v.SUPERVISOR_LEVELS)))]
Score = Annotated[int, Field(ge=1, le=5)]


class Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Entity(Row):
    """A row with a global id."""

    id: Id


class Unit(Entity):
    name: Text
    parent_id: str | None = None
    kind: UnitKind = "station"


class Post(Entity):
    name: Text
    unit_id: Id
    key: Bool = False


class Person(Entity):
    name: Text
    unit_id: Id
    status: Status = "active"


class Assignment(Row):
    person_id: Id
    post_id: Id
    role: Role


class Process(Entity):
    name: Text
    unit_id: Id
    domain: str | None = None


class Node(Entity):
    process_id: Id
    name: Text
    kind: NodeKind = "task"
    post_id: Annotated[list[str], BeforeValidator(to_list)] = Field(default_factory=list)
    duty: str | None = None
    discretion: Bool = False
    min_people: Annotated[int, Field(ge=1)] = 1


class Flow(Row):
    from_id: Id
    to_id: Id
    condition: str | None = None


class Risk(Entity):
    node_id: Id
    behavior: Text
    level: Level | None = None
    likelihood: Score | None = None
    impact: Score | None = None
    prone_post_id: str | None = None

    @model_validator(mode="after")
    def _level_or_both_scores(self) -> "Risk":
        if self.level is None and (self.likelihood is None or self.impact is None):
            raise ValueError("须填等级，或同时填可能性与影响 / needs level, or both likelihood and impact")
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def score(self) -> int:
        """Inherent risk: likelihood x impact when both are given, else by level."""
        score = v.inherent_score(self.level, self.likelihood, self.impact)
        assert score is not None  # the validator above guarantees it
        return score


class Control(Entity):
    risk_id: Id
    measure: Text
    kind: ControlKind | None = None
    owner_post_id: str | None = None


class Conflict(Row):
    duty_a: Text
    duty_b: Text
    severity: Severity = "high"
    reason: str | None = None


class Supervisor(Row):
    person_id: Id
    process_id: Id
    level: SupervisorLevel


class Mitigation(Row):
    person_id: Id
    duty_a: Text
    duty_b: Text
    measure: Text
    monitor_id: str | None = None
    valid_until: Annotated[dt.date | None, BeforeValidator(lambda v: v if v is None else to_date(v))] = None


ROW_MODELS: dict[str, type[Row]] = {
    "units": Unit,
    "posts": Post,
    "people": Person,
    "assignments": Assignment,
    "processes": Process,
    "nodes": Node,
    "flows": Flow,
    "risks": Risk,
    "controls": Control,
    "conflicts": Conflict,
    "supervisors": Supervisor,
    "mitigations": Mitigation,
}

# The tables whose rows carry a global id.
ENTITY_TABLES = ("units", "posts", "people", "processes", "nodes", "risks", "controls")


class Workbook(BaseModel):
    """Everything one import writes: a list of rows per table, in the order of contract section 1."""

    model_config = ConfigDict(extra="forbid")

    units: list[Unit] = Field(default_factory=list)
    posts: list[Post] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    processes: list[Process] = Field(default_factory=list)
    nodes: list[Node] = Field(default_factory=list)
    flows: list[Flow] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    controls: list[Control] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    supervisors: list[Supervisor] = Field(default_factory=list)
    mitigations: list[Mitigation] = Field(default_factory=list)

    def rows(self, table: str) -> list[Row]:
        rows: list[Row] = getattr(self, table)
        return rows

    def entities(self, table: str) -> list[Entity]:
        """The rows of a table with ids: units, posts, people, processes, nodes, risks, controls."""
        rows: list[Entity] = getattr(self, table)
        return rows

    def owning_units(self) -> set[str]:
        """The units that posts, people and processes say they belong to."""
        return (
            {p.unit_id for p in self.posts}
            | {p.unit_id for p in self.people}
            | {p.unit_id for p in self.processes}
        )

    def referenced_ids(self) -> dict[str, list[str]]:
        """Every id this workbook defines or names, per table with ids: what to look up in the graph."""
        ids: dict[str, set[str]] = {name: set() for name in ENTITY_TABLES}
        for name in ENTITY_TABLES:
            ids[name].update(r.id for r in self.entities(name))
        ids["units"].update(u.parent_id for u in self.units if u.parent_id)
        ids["units"].update(self.owning_units())
        ids["posts"].update(a.post_id for a in self.assignments)
        ids["posts"].update(p for n in self.nodes for p in n.post_id)
        ids["posts"].update(r.prone_post_id for r in self.risks if r.prone_post_id)
        ids["posts"].update(c.owner_post_id for c in self.controls if c.owner_post_id)
        ids["people"].update(a.person_id for a in self.assignments)
        ids["people"].update(s.person_id for s in self.supervisors)
        ids["people"].update(m.monitor_id for m in self.mitigations if m.monitor_id)
        return {name: sorted(v) for name, v in ids.items()}

    def counts(self) -> dict[str, int]:
        return {name: len(self.rows(name)) for name in ROW_MODELS}

    def merged(self, other: "Workbook") -> "Workbook":
        """Both workbooks' rows, e.g. several stations imported as one."""
        return Workbook.model_validate({name: [*self.rows(name), *other.rows(name)] for name in ROW_MODELS})
