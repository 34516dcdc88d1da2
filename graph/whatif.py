"""People move (contract section 7): what-if, who acts (顶岗), stand-ins, choke points, fixes.

Everything here runs the real check queries and the real rating code inside a write transaction
that is always rolled back (`graph.connection.rolled_back`): the events are applied with the
parameterised queries of cypher/whatif/, the checks run before and after, and the answer is the
difference by `finding_id`. Nothing is ever committed.

Exactness and speed:
- Only the checks an event can change are run (a status change cannot change sod_post or
  uncontrolled; an assignment cannot change uncontrolled or unsupervised_discretion; a new
  control changes only uncontrolled). The others give the same findings before and after.
- They run only over the stations the events touch (cypher/whatif/scope.cypher: the units of the
  people, of their posts, of the processes those posts perform nodes of, of the processes the
  people supervise, of the risks), each widened to its station-level ancestor. Every finding an
  event can change has its `unit_id` in one of them, so the difference equals the whole graph's.
- Exposure: people events change neither node nor post exposures (those depend on who performs
  what and on controls), only the exposure of the people in the events: their posts' exposures
  are rated from the processes those posts perform nodes of, with the rating code. An
  `add_control` event changes node, post and person exposures: the whole graph is rated before
  and after.
- Stand-ins and choke points try many single events in one rolled-back transaction: the
  findings before are computed once per scope, each trial is applied, checked, then undone by
  its exact inverse (unassign a post the candidate did not hold; return a person who was active).
"""

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from neo4j import Driver
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from graph.checks import models as m
from graph.checks.run import (
    CHECKS,
    UnknownUnitError,
    ensure_unit,
    fetch,
    parameters,
    run_checks,
    run_checks_in,
    unmitigated_by_person,
)
from graph.checks.severity import rank
from graph.connection import Tx, read, rolled_back, rows_of
from graph.queries import query
from graph.rating import compute_in, rate_in
from graph.risk_model import person_exposure
from graph.settings import RiskModel
from graph.vocab import SEVERITIES, SEVERITY_WEIGHT, Severity, word

# --- events (contract section 7) ---------------------------------------------------------------

EventId = Annotated[str, Field(min_length=1, max_length=128)]


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StatusEvent(_Event):
    """leave: 休假; depart: 离岗; return: 返岗 (status active)."""

    type: Literal["leave", "depart", "return"]
    person_id: EventId


class AssignEvent(_Event):
    type: Literal["assign"] = "assign"
    person_id: EventId
    post_id: EventId
    role: Literal["A", "B"]


class UnassignEvent(_Event):
    """Every role the person holds on the post."""

    type: Literal["unassign"] = "unassign"
    person_id: EventId
    post_id: EventId


class TransferEvent(_Event):
    """Unassign from every post, then assign."""

    type: Literal["transfer"] = "transfer"
    person_id: EventId
    post_id: EventId
    role: Literal["A", "B"]


class AddControlEvent(_Event):
    """A new control of the risk, owned by the post (independent when the post does not perform
    the risk's node)."""

    type: Literal["add_control"] = "add_control"
    risk_id: EventId
    owner_post_id: EventId


Event = Annotated[
    StatusEvent | AssignEvent | UnassignEvent | TransferEvent | AddControlEvent,
    Field(discriminator="type"),
]
EVENTS: TypeAdapter[list[Event]] = TypeAdapter(list[Event])

STATUS_OF = {"leave": "leave", "depart": "left", "return": "active"}
STATUS_WORD = {"active": "在岗", "leave": "休假", "left": "离岗"}

# Which checks each kind of event can change (module docstring).
_STATUS_CHECKS = ("ab_gap", "sod_conflict", "two_person", "concentration", "unsupervised_discretion")
_HOLD_CHECKS = ("ab_gap", "sod_conflict", "two_person", "concentration")
AFFECTS: dict[str, tuple[str, ...]] = {
    "leave": _STATUS_CHECKS,
    "depart": _STATUS_CHECKS,
    "return": _STATUS_CHECKS,
    "assign": _HOLD_CHECKS,
    "unassign": _HOLD_CHECKS,
    "transfer": _HOLD_CHECKS,
    "add_control": ("uncontrolled",),
}


def parse_events(data: Any) -> list[Event]:
    """Events from JSON data: a list, or `{"events": [...]}`. Raises ValueError when malformed."""
    if isinstance(data, dict) and "events" in data:
        data = data["events"]
    try:
        return EVENTS.validate_python(data)
    except Exception as exc:  # pydantic's ValidationError is a ValueError; say it in both languages
        raise ValueError(f"事件格式不对 / bad events: {exc}") from None


class UnknownIdsError(LookupError):
    """Ids the events name that the graph does not have."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.ids = list(dict.fromkeys(ids))
        super().__init__(f"没有这些编号 / unknown ids: {', '.join(self.ids)}")


class UnknownFindingError(LookupError):
    pass


# --- answers -----------------------------------------------------------------------------------


class _Answer(BaseModel):
    model_config = ConfigDict(frozen=True)


class ExposureChange(_Answer):
    kind: Literal["node", "post", "person"]
    id: str
    before: float
    after: float


class PersonName(_Answer):
    person_id: str
    name: str | None


class Acting(_Answer):
    """A key post whose A holders are all away after the events: who acts (顶岗)."""

    post_id: str
    post_name: str | None
    away: list[PersonName]
    acting: list[PersonName]
    message: str


class WhatIf(_Answer):
    new: list[m.Finding]
    resolved: list[m.Finding]
    exposure: list[ExposureChange]
    acting: list[Acting]
    message: str


class StandIn(_Answer):
    person_id: str
    name: str | None
    new: list[m.Finding]
    exposure_after: float
    message: str


class StandIns(_Answer):
    post_id: str
    post_name: str | None
    role: Literal["A", "B"]
    candidates: list[StandIn]
    message: str


class ChokePoint(_Answer):
    person_id: str
    name: str | None
    score: int
    new: list[m.Finding]
    message: str


class Fix(_Answer):
    events: list[Event]
    new: list[m.Finding]
    message: str
    worse: bool


class Fixes(_Answer):
    finding: m.Finding
    fixes: list[Fix]
    message: str


# --- the engine --------------------------------------------------------------------------------


@dataclass
class Lens:
    """How to look: the settings and the day the checks judge mitigations by."""

    threshold: int
    model: RiskModel
    today: date = field(default_factory=date.today)


def _missing(tx: Tx, name: str, params: dict[str, Any]) -> list[str]:
    rows = rows_of(tx, query(name), params)
    return [str(x) for x in rows[0]["missing"]] if rows else []


def apply_event(tx: Tx, event: Event, n: int = 0) -> list[str]:
    """Apply one event in the caller's (rolled-back) transaction; returns the ids not found."""
    if isinstance(event, StatusEvent):
        return _missing(
            tx, "whatif/set_status", {"person_id": event.person_id, "status": STATUS_OF[event.type]}
        )
    if isinstance(event, AssignEvent):
        return _missing(tx, "whatif/assign", event.model_dump(exclude={"type"}))
    if isinstance(event, UnassignEvent):
        return _missing(tx, "whatif/unassign", event.model_dump(exclude={"type"}))
    if isinstance(event, TransferEvent):
        return _missing(tx, "whatif/transfer", event.model_dump(exclude={"type"}))
    return _missing(
        tx,
        "whatif/add_control",
        {
            "risk_id": event.risk_id,
            "owner_post_id": event.owner_post_id,
            "control_id": f"whatif-{n}-{uuid.uuid4().hex[:12]}",
            "measure": "假设新增的防控措施 / what-if control",
        },
    )


def _people(events: Iterable[Event]) -> list[str]:
    return list(dict.fromkeys(e.person_id for e in events if not isinstance(e, AddControlEvent)))


def _posts(events: Iterable[Event]) -> list[str]:
    return list(
        dict.fromkeys(e.post_id for e in events if isinstance(e, AssignEvent | UnassignEvent | TransferEvent))
    )


def _risks(events: Iterable[Event]) -> list[str]:
    return list(dict.fromkeys(e.risk_id for e in events if isinstance(e, AddControlEvent)))


@dataclass(frozen=True)
class Scope:
    """Where and what to re-check: the station-level units whose findings the events can change,
    the checks that can change at all, and the names of the events' posts."""

    units: list[str]
    checks: list[str]
    post_names: dict[str, str]
    person_names: dict[str, str]


def scope_in(tx: Tx, events: Sequence[Event], threshold: int) -> Scope:
    """The scope of the events (cypher/whatif/scope.cypher). A check is left out only when it
    cannot change: ab_gap when no touched post is key; two_person when no touched post performs a
    node needing two people; concentration when nobody can reach `threshold` A posts;
    unsupervised_discretion when nobody whose status changes supervises at level 3."""
    rows = rows_of(
        tx,
        query("whatif/scope"),
        {
            "people": _people(events),
            "posts": _posts(events),
            "risks": _risks(events),
            "named": _posts(events) + [e.owner_post_id for e in events if isinstance(e, AddControlEvent)],
        },
    )
    row = rows[0]
    wanted = {name for e in events for name in AFFECTS[e.type]}
    if not row["key_posts"]:
        wanted.discard("ab_gap")
    if not row["two_person_posts"]:
        wanted.discard("two_person")
    people = {p["person_id"]: p for p in row["people"]}
    a_events = Counter(
        e.person_id for e in events if isinstance(e, AssignEvent | TransferEvent) and e.role == "A"
    )
    if not any(p["a_posts"] + a_events[pid] >= threshold for pid, p in people.items()):
        wanted.discard("concentration")
    moved = {e.person_id for e in events if isinstance(e, StatusEvent)}
    if not any(people[pid]["supervises"] for pid in moved if pid in people):
        wanted.discard("unsupervised_discretion")
    return Scope(
        units=sorted(row["units"]),
        checks=[name for name in CHECKS if name in wanted],
        post_names={p: str(n or p) for p, n in row["post_names"]},
        person_names={pid: str(p["name"] or pid) for pid, p in people.items()},
    )


def scope_of(tx: Tx, events: Sequence[Event]) -> list[str]:
    """The station-level units whose findings the events can change."""
    return scope_in(tx, events, threshold=1).units


def findings_in(tx: Tx, names: list[str], scope: Sequence[str], lens: Lens) -> dict[str, Any]:
    """finding_id -> finding of the named checks over the scope units, in the caller's transaction."""
    found: dict[str, Any] = {}
    if not names:
        return found
    for unit in scope:
        for f in run_checks_in(tx, names, lens.threshold, unit, lens.today).findings:
            found[f.finding_id] = f
    return found


def _holds(tx: Tx, people: Sequence[str]) -> dict[str, dict[str, Any]]:
    return {r["person_id"]: r for r in rows_of(tx, query("whatif/holds"), {"ids": list(people)})}


def _post_exposures(tx: Tx, posts: Iterable[str], model: RiskModel) -> dict[str, float]:
    """The exposure of the given posts, by the rating code over the processes they perform in."""
    ids = sorted(set(posts))
    if not ids:
        return {}
    reach = rows_of(tx, query("rating/reach"), {"posts": ids, "people": []})[0]
    return {p.id: p.exposure for p in rate_in(tx, model, reach["processes"], ids, [], conflicts={}).posts}


def _person_exposure(
    held: Sequence[Sequence[str]],
    post_exposure: Mapping[str, float],
    conflicts: Sequence[str],
    model: RiskModel,
) -> float:
    return person_exposure([(p, r) for p, r in held], post_exposure, conflicts, model)


def _sorted(findings: Iterable[Any]) -> list[Any]:
    return sorted(findings, key=lambda f: (rank(f.severity), list(CHECKS).index(f.check), f.finding_id))


def _ratings_flat(
    tx: Tx, model: RiskModel, conflicts: Mapping[str, Sequence[str]]
) -> dict[tuple[str, str], float]:
    r = compute_in(tx, model, conflicts)
    flat = {("node", n.id): n.exposure for p in r.processes for n in p.nodes}
    flat |= {("post", p.id): p.exposure for p in r.posts}
    flat |= {("person", p.id): p.exposure for p in r.people}
    return flat


def what_if_in(tx: Tx, events: Sequence[Event], lens: Lens) -> WhatIf:
    """The what-if in the caller's transaction, which the caller must roll back: it is left
    holding the events' changes."""
    people = _people(events)
    scope = scope_in(tx, events, lens.threshold)
    before = findings_in(tx, scope.checks, scope.units, lens)
    # Status changes leave everyone's posts as they are: their holds are read only when needed.
    moves_posts = any(isinstance(e, AssignEvent | UnassignEvent | TransferEvent) for e in events)
    holds_before = _holds(tx, people) if moves_posts else {}
    full_rating = any(isinstance(e, AddControlEvent) for e in events)
    base_conflicts: dict[str, list[Severity]] = {}
    flat_before: dict[tuple[str, str], float] = {}
    if full_rating:
        everyone = fetch(tx, CHECKS["sod_conflict"], parameters(threshold=None, today=lens.today))
        base_conflicts = unmitigated_by_person(everyone)
        flat_before = _ratings_flat(tx, lens.model, base_conflicts)

    missing: list[str] = []
    for n, event in enumerate(events):
        missing += apply_event(tx, event, n)
    if missing:
        raise UnknownIdsError(missing)

    after = findings_in(tx, scope.checks, scope.units, lens)
    new = _sorted(f for k, f in after.items() if k not in before)
    resolved = _sorted(f for k, f in before.items() if k not in after)

    conflicts_before, conflicts_after = (
        unmitigated_by_person(before.values()),
        unmitigated_by_person(after.values()),
    )
    exposure: list[ExposureChange] = []
    if full_rating:
        conflicts = dict(base_conflicts)
        for p in people:
            conflicts[p] = conflicts_after.get(p, [])
        flat_after = _ratings_flat(tx, lens.model, conflicts)
        order = {"node": 0, "post": 1, "person": 2}
        for key in sorted(set(flat_before) | set(flat_after), key=lambda k: (order[k[0]], k[1])):
            b, a = flat_before.get(key, 0.0), flat_after.get(key, 0.0)
            if abs(a - b) > 1e-9:
                exposure.append(ExposureChange(kind=key[0], id=key[1], before=b, after=a))  # type: ignore[arg-type]
    elif moves_posts or any(
        sorted(conflicts_before.get(p, [])) != sorted(conflicts_after.get(p, [])) for p in people
    ):
        holds_after = _holds(tx, people)
        if not moves_posts:
            holds_before = holds_after
        posts = {p for h in (*holds_before.values(), *holds_after.values()) for p, _ in h["holds"]}
        post_exposure = _post_exposures(tx, posts, lens.model)
        for p in sorted(set(holds_before) | set(holds_after)):
            b = _person_exposure(
                holds_before[p]["holds"], post_exposure, conflicts_before.get(p, []), lens.model
            )
            a = _person_exposure(
                holds_after[p]["holds"], post_exposure, conflicts_after.get(p, []), lens.model
            )
            if abs(a - b) > 1e-9:
                exposure.append(ExposureChange(kind="person", id=p, before=b, after=a))

    acting = _acting(new, after)
    return WhatIf(
        new=new,
        resolved=resolved,
        exposure=exposure,
        acting=acting,
        message=_what_if_message(events, scope.person_names, scope.post_names, new, resolved, acting),
    )


def what_if(driver: Driver, database: str, events: Sequence[Event], lens: Lens) -> WhatIf:
    """Contract section 7's what-if: nothing is written, ever."""
    with rolled_back(driver, database) as tx:
        return what_if_in(tx, events, lens)


# --- who acts (顶岗) ----------------------------------------------------------------------------


def _names(people: Iterable[PersonName]) -> str:
    return "、".join(p.name or p.person_id for p in people)


def _acting(new: Sequence[Any], after: Mapping[str, Any]) -> list[Acting]:
    """Each key post that became vacant (no active A holder): who is away, and its active B
    holders, who act (顶岗), with the conflicts they carry through this post."""
    out: list[Acting] = []
    for f in new:
        if not (isinstance(f, m.AbGapFinding) and f.kind == "vacant"):
            continue
        away = list(
            {
                h.person_id: PersonName(person_id=h.person_id, name=h.person_name)
                for h in f.holders
                if h.role == "A" and h.status != "active"
            }.values()
        )
        acting = list(
            {
                h.person_id: PersonName(person_id=h.person_id, name=h.person_name)
                for h in f.holders
                if h.role == "B" and h.status == "active"
            }.values()
        )
        status = {h.person_id: h.status for h in f.holders}
        post = f"「{f.post_name or f.post_id}」"
        if away:
            words = sorted({STATUS_WORD.get(status[p.person_id] or "", "不在岗") for p in away})
            who = f"{_names(away)}{'/'.join(words)}期间"
        else:
            who = f"{post}无A角期间"
        if acting:
            loads = []
            for person in acting:
                for c in after.values():
                    if (
                        isinstance(c, m.SodConflictFinding)
                        and c.person_id == person.person_id
                        and any(v.post_id == f.post_id for v in c.via)
                    ):
                        loads.append(
                            f"{person.name or person.person_id}将同时承担「{c.duties[0]}」与「{c.duties[1]}」"
                            + ("（已有补偿措施）" if c.mitigated else "")
                        )
            message = f"{who}由{_names(acting)}顶岗{post}" + (f"：{'；'.join(loads)}" if loads else "")
        else:
            message = f"{who}{post}无人顶岗：没有在岗的B角"
        out.append(
            Acting(post_id=f.post_id, post_name=f.post_name, away=away, acting=acting, message=message)
        )
    return out


def _count_words(findings: Sequence[Any]) -> str:
    by: dict[str, int] = {}
    for f in findings:
        by[f.severity] = by.get(f.severity, 0) + 1
    parts = [f"{word(SEVERITIES, s)}{by[s]}" for s in ("critical", "high", "medium", "low") if s in by]
    return f"{len(findings)} 项" + (f"（{'、'.join(parts)}）" if parts else "")


def _event_words(event: Event, names: Mapping[str, str], post_names: Mapping[str, str] | None = None) -> str:
    posts = post_names or {}
    if isinstance(event, AddControlEvent):
        owner = posts.get(event.owner_post_id, event.owner_post_id)
        return f"为风险点 {event.risk_id} 增加由「{owner}」负责的独立防控措施"
    who = names.get(event.person_id) or event.person_id
    if isinstance(event, StatusEvent):
        return {"leave": f"{who}休假", "depart": f"{who}离岗", "return": f"{who}返岗"}[event.type]
    post = f"「{posts.get(event.post_id, event.post_id)}」"
    if isinstance(event, AssignEvent):
        return f"{who}任{post}{event.role}角"
    if isinstance(event, UnassignEvent):
        return f"{who}不再任{post}"
    return f"{who}调任{post}{event.role}角"


def _what_if_message(
    events: Sequence[Event],
    names: Mapping[str, str],
    post_names: Mapping[str, str],
    new: Sequence[Any],
    resolved: Sequence[Any],
    acting: Sequence[Acting],
) -> str:
    what = "，".join(_event_words(e, names, post_names) for e in events) or "无事件"
    text = f"{what}：新增问题{_count_words(new)}，消除{_count_words(resolved)}"
    if acting:
        text += "；" + "；".join(a.message for a in acting)
    else:
        text += "；没有关键岗位因此A角全部不在岗"
    return text


# --- trials: many single events in one transaction ----------------------------------------------


class _Trials:
    """Try single events one after another in one rolled-back transaction, each undone by its
    exact inverse; the findings before are computed once per scope."""

    def __init__(self, tx: Tx, lens: Lens) -> None:
        self.tx = tx
        self.lens = lens
        self._before: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, Any]] = {}

    def new(self, event: Event, undo: Event) -> tuple[list[Any], dict[str, Any]]:
        """The findings the event creates, and every finding after it (in its scope)."""
        scope = scope_in(self.tx, [event], self.lens.threshold)
        key = (tuple(scope.units), tuple(scope.checks))
        if key not in self._before:
            self._before[key] = findings_in(self.tx, scope.checks, scope.units, self.lens)
        before = self._before[key]
        missing = apply_event(self.tx, event)
        if missing:
            raise UnknownIdsError(missing)
        after = findings_in(self.tx, scope.checks, scope.units, self.lens)
        apply_event(self.tx, undo)
        return _sorted(f for k, f in after.items() if k not in before), after


def stand_ins(
    driver: Driver, database: str, post_id: str, role: Literal["A", "B"], limit: int, lens: Lens
) -> StandIns:
    """Who could take the post in `role`: the active people of its unit and sub-units who do not
    hold it, each with what the assignment would create, best first."""
    with rolled_back(driver, database) as tx:
        rows = rows_of(tx, query("whatif/stand_in_candidates"), {"post_id": post_id})
        if not rows:
            raise UnknownIdsError([post_id])
        post = rows[0]
        candidates = post["candidates"]
        holds = _holds(tx, [c["person_id"] for c in candidates])
        post_exposure = _post_exposures(
            tx, {p for h in holds.values() for p, _ in h["holds"]} | {post_id}, lens.model
        )
        trials = _Trials(tx, lens)
        found: list[StandIn] = []
        for c in candidates:
            person = c["person_id"]
            new, after = trials.new(
                AssignEvent(person_id=person, post_id=post_id, role=role),
                UnassignEvent(person_id=person, post_id=post_id),
            )
            held = [*holds[person]["holds"], [post_id, role]]
            exposure = _person_exposure(
                held, post_exposure, unmitigated_by_person(after.values()).get(person, []), lens.model
            )
            found.append(
                StandIn(
                    person_id=person,
                    name=c["name"],
                    new=new,
                    exposure_after=exposure,
                    message=_stand_in_message(c["name"] or person, post["post_name"] or post_id, role, new),
                )
            )
    found.sort(
        key=lambda s: (
            sum(1 for f in s.new if f.check == "sod_conflict"),
            len(s.new),
            s.exposure_after,
            s.person_id,
        )
    )
    chosen = found[:limit]
    name = post["post_name"] or post_id
    if chosen:
        best = chosen[0]
        message = f"「{name}」{role}角候选 {len(found)} 人，首选{best.name or best.person_id}：{best.message}"
    else:
        message = f"「{name}」所在单位及下级单位没有可顶岗的在岗人员"
    return StandIns(
        post_id=post_id, post_name=post["post_name"], role=role, candidates=chosen, message=message
    )


def _stand_in_message(name: str, post: str, role: str, new: Sequence[Any]) -> str:
    conflicts = [f for f in new if isinstance(f, m.SodConflictFinding)]
    if conflicts:
        pairs = "；".join(f"「{c.duties[0]}」与「{c.duties[1]}」" for c in conflicts)
        return f"{name}任「{post}」{role}角将同时承担{pairs}"
    if new:
        return f"{name}任「{post}」{role}角不新增不相容职责，但新增问题{_count_words(new)}"
    return f"{name}任「{post}」{role}角不新增任何问题"


def choke_points(
    driver: Driver,
    database: str,
    unit: str | None,
    limit: int | None,
    lens: Lens,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[ChokePoint]:
    """Active people ranked by what their leave alone would create (score: Σ severity weight)."""
    if unit is not None:
        ensure_unit(driver, database, unit)
    found: list[ChokePoint] = []
    with rolled_back(driver, database) as tx:
        people = rows_of(tx, query("whatif/active_people"), {"unit": unit})
        trials = _Trials(tx, lens)
        for i, p in enumerate(people):
            person = p["person_id"]
            new, _ = trials.new(
                StatusEvent(type="leave", person_id=person), StatusEvent(type="return", person_id=person)
            )
            score = sum(SEVERITY_WEIGHT[f.severity] for f in new)
            name = p["name"] or person
            if new:
                more = f"等 {len(new)} 项" if len(new) > 1 else ""
                message = f"{name}休假将新增问题{_count_words(new)}，得分 {score}：{new[0].message}{more}"
            else:
                message = f"{name}休假不新增任何问题"
            found.append(ChokePoint(person_id=person, name=p["name"], score=score, new=new, message=message))
            if on_progress:
                on_progress(i + 1, len(people))
    found.sort(key=lambda c: (-c.score, -len(c.new), c.person_id))
    return found[:limit] if limit is not None else found


# --- fixes -------------------------------------------------------------------------------------


def find_finding(driver: Driver, database: str, finding_id: str, lens: Lens) -> Any:
    report = run_checks(driver, database, threshold=lens.threshold, today=lens.today)
    for f in report.findings:
        if f.finding_id == finding_id:
            return f
    raise UnknownFindingError(f"没有这个问题（或它已不存在）/ no such finding: {finding_id}")


def _candidates(driver: Driver, database: str, finding: Any, lens: Lens) -> list[list[Event]]:
    """Single changes that might remove the finding; each is verified through the what-if."""
    out: list[list[Event]] = []
    if isinstance(finding, m.SodConflictFinding):
        for post in dict.fromkeys(v.post_id for v in finding.via):
            out.append([UnassignEvent(person_id=finding.person_id, post_id=post)])
    elif isinstance(finding, m.AbGapFinding):
        role: Literal["A", "B"] = "A" if finding.kind == "vacant" else "B"
        if finding.kind != "self_backup":
            for h in finding.holders:
                if h.role == role and h.status != "active":
                    out.append([StatusEvent(type="return", person_id=h.person_id)])
        for s in stand_ins(driver, database, finding.post_id, role, 3, lens).candidates:
            out.append([AssignEvent(person_id=s.person_id, post_id=finding.post_id, role=role)])
    elif isinstance(finding, m.TwoPersonFinding):
        if finding.required - finding.holders == 1:
            for ref in finding.posts:
                for s in stand_ins(driver, database, ref.post_id, "B", 2, lens).candidates:
                    out.append([AssignEvent(person_id=s.person_id, post_id=ref.post_id, role="B")])
    elif isinstance(finding, m.UncontrolledFinding):
        rows = read(driver, database, "whatif/control_owners", risk_id=finding.risk_id)
        for r in rows[:5]:
            out.append([AddControlEvent(risk_id=finding.risk_id, owner_post_id=r["post_id"])])
    return out


def fixes(driver: Driver, database: str, finding_id: str, lens: Lens) -> Fixes:
    """Single changes that each remove the finding, with their side effects, cheapest first."""
    finding = find_finding(driver, database, finding_id, lens)
    found: list[Fix] = []
    for events in _candidates(driver, database, finding, lens):
        answer = what_if(driver, database, events, lens)
        if finding_id not in {f.finding_id for f in answer.resolved}:
            continue
        worse = any(rank(f.severity) < rank(finding.severity) for f in answer.new)
        what = answer.message.split("：", 1)[0]  # the events in words, with names
        side = f"，但新增问题{_count_words(answer.new)}" if answer.new else "，不新增任何问题"
        found.append(
            Fix(
                events=list(events),
                new=answer.new,
                worse=worse,
                message=f"{what}即可消除此问题{side}" + ("（新增问题比原问题更严重）" if worse else ""),
            )
        )
    found.sort(
        key=lambda x: (
            x.worse,
            len(x.events),
            sum(SEVERITY_WEIGHT[f.severity] for f in x.new),
            len(x.new),
            json.dumps([e.model_dump() for e in x.events], ensure_ascii=False),
        )
    )
    if found:
        message = f"{finding.message}：有 {len(found)} 个单项整改办法，首选：{found[0].message}"
    elif isinstance(
        finding, m.SodConflictFinding | m.AbGapFinding | m.TwoPersonFinding | m.UncontrolledFinding
    ):
        message = f"{finding.message}：没有找到能单独消除它的一项调整"
    else:
        message = f"{finding.message}：此类问题（{finding.check}）暂不提供自动整改建议"
    return Fixes(finding=finding, fixes=found, message=message)


__all__ = [
    "EVENTS",
    "Acting",
    "AddControlEvent",
    "AssignEvent",
    "ChokePoint",
    "Event",
    "ExposureChange",
    "Fix",
    "Fixes",
    "Lens",
    "StandIn",
    "StandIns",
    "StatusEvent",
    "TransferEvent",
    "UnassignEvent",
    "UnknownFindingError",
    "UnknownIdsError",
    "UnknownUnitError",
    "WhatIf",
    "choke_points",
    "fixes",
    "parse_events",
    "stand_ins",
    "what_if",
    "what_if_in",
]
