"""Run the checks of contract section 3 (and two more) in read transactions; rows become findings."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Generic, LiteralString, TypeVar

from neo4j import Driver
from pydantic import BaseModel

from graph.checks import messages, severity
from graph.checks import models as m
from graph.checks.identity import IDENTITY, finding_id
from graph.checks.sod_check import RuleCache, check_assignment
from graph.connection import Tx, in_read, read, rows_of
from graph.queries import query
from graph.vocab import Severity

R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True)
class Check(Generic[R]):
    """A check: its query, the row it returns, and how a row is judged into a finding."""

    title: str
    cypher: LiteralString
    row: type[R]
    finding: type[BaseModel]
    severity: Callable[[R], Severity]
    message: Callable[[R], str]

    def judge(self, record: dict[str, Any]) -> Any:
        row = self.row.model_validate(record)
        fields = dict(row)
        # The row is validated; the finding only adds computed strings: no second validation.
        return self.finding.model_construct(
            finding_id=finding_id(fields["check"], fields),
            **fields,
            severity=self.severity(row),
            message=self.message(row),
        )


# In the order of the findings JSON; the names are those of the JSON's `check` field.
CHECKS: dict[str, Check[Any]] = {
    "ab_gap": Check(
        "关键岗位A/B角缺口",
        query("checks/ab_gap"),
        m.AbGapRow,
        m.AbGapFinding,
        severity.ab_gap,
        messages.ab_gap,
    ),
    "sod_conflict": Check(
        "一人兼任不相容职责",
        query("checks/sod_conflict"),
        m.SodConflictRow,
        m.SodConflictFinding,
        severity.sod_conflict,
        messages.sod_conflict,
    ),
    "sod_post": Check(
        "岗位设计含不相容职责",
        query("checks/sod_post"),
        m.SodPostRow,
        m.SodPostFinding,
        severity.sod_post,
        messages.sod_post,
    ),
    "uncontrolled": Check(
        "风险点无独立防控",
        query("checks/uncontrolled"),
        m.UncontrolledRow,
        m.UncontrolledFinding,
        severity.uncontrolled,
        messages.uncontrolled,
    ),
    "two_person": Check(
        "双人环节人手不足",
        query("checks/two_person"),
        m.TwoPersonRow,
        m.TwoPersonFinding,
        severity.two_person,
        messages.two_person,
    ),
    "concentration": Check(
        "一人多职",
        query("checks/concentration"),
        m.ConcentrationRow,
        m.ConcentrationFinding,
        severity.concentration,
        messages.concentration,
    ),
    "unsupervised_discretion": Check(
        "自由裁量无三级监督",
        query("checks/unsupervised_discretion"),
        m.UnsupervisedDiscretionRow,
        m.UnsupervisedDiscretionFinding,
        severity.unsupervised_discretion,
        messages.unsupervised_discretion,
    ),
}


CHECK_ORDER = {name: i for i, name in enumerate(CHECKS)}


class UnknownCheckError(ValueError):
    pass


class UnknownUnitError(LookupError):
    pass


def select(names: list[str] | None) -> list[str]:
    """The checks to run, in report order; all when `names` is empty or None."""
    if not names:
        return list(CHECKS)
    unknown = sorted(set(names) - set(CHECKS))
    if unknown:
        raise UnknownCheckError(
            f"没有这项检查 / unknown check: {', '.join(unknown)}；可选 / known: {', '.join(CHECKS)}"
        )
    return [name for name in CHECKS if name in names]


def parameters(
    *,
    threshold: int | None,
    unit: str | None = None,
    today: date | None = None,
    person_id: str | None = None,
    extra_post_id: str | None = None,
    extra_role: str | None = None,
    people: Collection[str] | None = None,
) -> dict[str, Any]:
    """Every check's parameters; a query ignores those it does not use. `threshold` is None only
    for a caller that runs no concentration check; `people` narrows sod_conflict to those persons."""
    return {
        "unit": unit,
        "today": today or date.today(),
        "threshold": threshold,
        "person_id": person_id,
        "extra_post_id": extra_post_id,
        "extra_role": extra_role,
        "people": None if people is None else sorted(people),
    }


def identity(finding: Any) -> list[Any]:
    """The finding's identity fields (contract section 6), as JSON and Cypher compare them."""
    return [_plain(getattr(finding, name)) for name in IDENTITY[finding.check]]


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def worst_first(finding: Any) -> tuple[int, list[Any]]:
    """A finding's place within its check in reports: worst first, then by identity."""
    return severity.rank(finding.severity), identity(finding)


def fetch(tx: Tx, check: "Check[Any]", params: dict[str, Any]) -> list[Any]:
    """The findings of one check in the caller's transaction, worst first."""
    found = [check.judge(r) for r in rows_of(tx, check.cypher, params)]
    found.sort(key=worst_first)
    return found


def ensure_unit(driver: Driver, database: str, unit: str) -> None:
    if not read(driver, database, "db/unit_exists", unit=unit)[0]["exists"]:
        raise UnknownUnitError(f"没有这个单位 / no such unit: {unit}")


def run_checks_in(
    tx: Tx, names: list[str], threshold: int, unit: str | None = None, today: date | None = None
) -> m.FindingsReport:
    """The findings of the named checks, in the caller's transaction (a what-if's rolled-back one)."""
    params = parameters(unit=unit, today=today, threshold=threshold)
    findings: list[Any] = []
    summary: dict[str, int] = {}
    for name in names:
        found = fetch(tx, CHECKS[name], params)
        summary[name] = len(found)
        findings.extend(found)
    return m.FindingsReport(summary=summary, findings=findings)


def run_checks(
    driver: Driver,
    database: str,
    *,
    threshold: int,
    unit: str | None = None,
    checks: list[str] | None = None,
    today: date | None = None,
) -> m.FindingsReport:
    """The findings of the named checks (all when None) for a unit and its sub-units (all when
    None), in one read transaction (one consistent snapshot).

    Unknown check names or an unknown unit raise before anything runs.
    """
    names = _prepare(driver, database, threshold, unit, checks)
    return in_read(driver, database, lambda tx: run_checks_in(tx, names, threshold, unit, today))


def _prepare(
    driver: Driver, database: str, threshold: int, unit: str | None, checks: list[str] | None
) -> list[str]:
    """The checks to run; raises on unknown check names, a threshold below 1 or an unknown unit."""
    names = select(checks)
    if threshold < 1:
        raise ValueError(
            f"一人多职的阈值至少为 1 / the concentration threshold must be >= 1, not {threshold}"
        )
    if unit is not None:
        ensure_unit(driver, database, unit)
    return names


# -- One page of findings (GET /api/v1/findings), paged in the database -------------------------
# Pages go by check (report order), then by identity: a finding's place never moves while it
# exists (its severity may change, its identity cannot), so a cursor, the key of the last
# finding sent, resumes without repeating or skipping any finding that exists throughout. Each
# check's query is wrapped as it is, one way for every check: paged (identity after $after, at
# most $limit, in the database) or counted.


def page_key(finding: Any) -> list[Any]:
    """Where a finding stands in the pages: [its check's index in report order, its identity]."""
    return [CHECK_ORDER[finding.check], identity(finding)]


def _key(name: str) -> str:
    return "[" + ", ".join(IDENTITY[name]) + "]"


@cache
def paged_cypher(name: str) -> LiteralString:
    """The check's findings whose identity comes after `$after` (all when null), in identity
    order, at most `$limit` of them."""
    key = _key(name)
    wrapped = "CALL () {\n" + CHECKS[name].cypher + "\n}\n"
    return wrapped + f"WITH * WHERE $after IS NULL OR {key} > $after\nRETURN * ORDER BY {key} LIMIT $limit"


@cache
def counted_cypher(name: str) -> LiteralString:
    """How many findings the check has: its query counted in the database."""
    return "CALL () {\n" + CHECKS[name].cypher + "\n}\nRETURN count(*) AS found"


@dataclass(frozen=True)
class PagedFindings:
    """`summary` counts every finding in scope; `last` is the page key of the last finding when
    more follow, else None."""

    summary: dict[str, int]
    findings: list[Any]
    last: list[Any] | None


def findings_page(
    driver: Driver,
    database: str,
    *,
    threshold: int,
    limit: int,
    after: list[Any] | None = None,
    unit: str | None = None,
    checks: list[str] | None = None,
    today: date | None = None,
) -> PagedFindings:
    """At most `limit` findings after the page key `after` (from the first when None), and the
    count of every finding of the named checks in scope, in one read transaction."""
    if limit < 1:
        raise ValueError(f"每页至少一条 / limit must be >= 1, not {limit}")
    names = _prepare(driver, database, threshold, unit, checks)
    params = parameters(unit=unit, today=today, threshold=threshold)
    start, since = after if after is not None else (-1, None)

    def count(tx: Tx, name: str) -> int:
        found: int = rows_of(tx, counted_cypher(name), params)[0]["found"]
        return found

    def work(tx: Tx) -> PagedFindings:
        summary: dict[str, int] = {}
        found: list[Any] = []
        more = False
        for name in names:
            index, room = CHECK_ORDER[name], limit - len(found)
            if index < start or room == 0:
                summary[name] = count(tx, name)
                more = more or (index > start and summary[name] > 0)
                continue
            after_here = since if index == start else None
            page_params = {**params, "after": after_here, "limit": room + 1}
            rows = [CHECKS[name].judge(r) for r in rows_of(tx, paged_cypher(name), page_params)]
            found += rows[:room]
            more = more or len(rows) > room
            # All of the check fitted in this page: its rows are its count.
            summary[name] = len(rows) if after_here is None and len(rows) <= room else count(tx, name)
        return PagedFindings(summary, found, page_key(found[-1]) if more else None)

    return in_read(driver, database, work)


def sod_what_if(
    driver: Driver,
    database: str,
    person_id: str,
    post_id: str,
    role: str,
    today: date | None = None,
) -> tuple[list[m.SodConflictFinding], list[m.SodConflictFinding]]:
    """The person's conflicts if they also held `post_id` as `role`: (new ones, existing ones),
    as findings (graph/checks/sod_check.py; the API answers its plain dicts)."""
    answer = check_assignment(driver, database, RuleCache(), person_id, post_id, role, today)
    as_models = m.SodConflictFinding.model_validate
    return [as_models(f) for f in answer.new], [as_models(f) for f in answer.existing]


def unmitigated_conflicts(
    driver: Driver, database: str, today: date | None = None
) -> dict[str, list[Severity]]:
    """Each person's unmitigated conflicts, by severity, over the whole graph, from the full
    check: the reference the rating's lean query (rating/conflicts) is tested against."""
    params = parameters(threshold=None, today=today)
    return unmitigated_by_person(
        in_read(driver, database, lambda tx: fetch(tx, CHECKS["sod_conflict"], params))
    )


def unmitigated_by_person(findings: Iterable[Any]) -> dict[str, list[Severity]]:
    """Each person's unmitigated sod_conflict findings among `findings`, by severity: what the
    risk model penalises."""
    found: dict[str, list[Severity]] = {}
    for finding in findings:
        if isinstance(finding, m.SodConflictFinding) and not finding.mitigated:
            found.setdefault(finding.person_id, []).append(finding.severity)
    return found
