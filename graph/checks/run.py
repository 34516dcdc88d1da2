"""Run the checks of contract section 3 (and two more) in read transactions; rows become findings."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, LiteralString, TypeVar

from neo4j import Driver, ManagedTransaction, NotificationMinimumSeverity
from pydantic import BaseModel

from graph.checks import messages, severity
from graph.checks import models as m
from graph.queries import query
from graph.settings import CONCENTRATION_THRESHOLD

R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True)
class Check(Generic[R]):
    """A check: its query, the row it returns, and how a row is judged into a finding."""

    title: str
    cypher: LiteralString
    row: type[R]
    finding: type[BaseModel]
    severity: Callable[[R], m.Severity]
    message: Callable[[R], str]

    def judge(self, record: dict[str, Any]) -> Any:
        row = self.row.model_validate(record)
        # The row is validated; the finding only adds two computed strings: no second validation.
        return self.finding.model_construct(
            **dict(row), severity=self.severity(row), message=self.message(row)
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
    unit: str | None = None,
    today: date | None = None,
    threshold: int = CONCENTRATION_THRESHOLD,
    person_id: str | None = None,
    extra_post_id: str | None = None,
    extra_role: str | None = None,
) -> dict[str, Any]:
    """Every check's parameters; a query ignores those it does not use."""
    return {
        "unit": unit,
        "today": today or date.today(),
        "threshold": threshold,
        "person_id": person_id,
        "extra_post_id": extra_post_id,
        "extra_role": extra_role,
    }


def fetch(
    driver: Driver, database: str, cypher: LiteralString, params: dict[str, Any]
) -> list[dict[str, Any]]:
    """The rows of one read query, in a read transaction."""

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        result = tx.run(cypher, params)
        keys = result.keys()
        # Rows hold plain values and maps (no graph objects): zip beats Record.data() and dict(record)
        # several times over on tens of thousands of rows.
        return [dict(zip(keys, record, strict=True)) for record in result]

    # The checks name relationship types an empty or partial graph may not have yet: no warnings.
    with driver.session(
        database=database, notifications_min_severity=NotificationMinimumSeverity.OFF
    ) as session:
        return session.execute_read(work)


def ensure_unit(driver: Driver, database: str, unit: str) -> None:
    rows = fetch(driver, database, query("db/unit_exists"), {"unit": unit})
    if not rows[0]["exists"]:
        raise UnknownUnitError(f"没有这个单位 / no such unit: {unit}")


def run_checks(
    driver: Driver,
    database: str,
    unit: str | None = None,
    checks: list[str] | None = None,
    today: date | None = None,
    threshold: int = CONCENTRATION_THRESHOLD,
) -> m.FindingsReport:
    """The findings of the named checks (all when None) for one unit (all when None).

    Unknown check names or an unknown unit raise before anything runs.
    """
    names = select(checks)
    if threshold < 1:
        raise ValueError(
            f"一人多职的阈值至少为 1 / the concentration threshold must be >= 1, not {threshold}"
        )
    if unit is not None:
        ensure_unit(driver, database, unit)
    params = parameters(unit=unit, today=today, threshold=threshold)
    findings: list[Any] = []
    summary: dict[str, int] = {}
    for name in names:
        check = CHECKS[name]
        found = [check.judge(r) for r in fetch(driver, database, check.cypher, params)]
        # Worst first within a check; the query's order (by id) breaks ties.
        found.sort(key=lambda f: severity.rank(f.severity))
        summary[name] = len(found)
        findings.extend(found)
    return m.FindingsReport(summary=summary, findings=findings)


def sod_what_if(
    driver: Driver,
    database: str,
    person_id: str,
    post_id: str,
    role: str,
    today: date | None = None,
) -> tuple[list[m.SodConflictFinding], list[m.SodConflictFinding]]:
    """The person's conflicts if they also held `post_id` as `role`: (new ones, existing ones).

    A conflict is new when one of its duties reaches the person only through the assumed post.
    """
    if role not in ("A", "B"):
        raise ValueError(f"角色只能是 A 或 B / role must be 'A' or 'B', not {role!r}")
    check = CHECKS["sod_conflict"]
    params = parameters(today=today, person_id=person_id, extra_post_id=post_id, extra_role=role)
    found: list[m.SodConflictFinding] = [
        check.judge(r) for r in fetch(driver, database, check.cypher, params)
    ]
    new = [f for f in found if any(all(p.assumed for p in f.via if p.duty == d) for d in f.duties)]
    return new, [f for f in found if f not in new]


def unmitigated_conflicts(
    driver: Driver, database: str, today: date | None = None
) -> dict[str, list[m.Severity]]:
    """Each person's unmitigated conflicts, by severity, over the whole graph: what the risk
    model penalises and what the flowcharts mark."""
    report = run_checks(driver, database, checks=["sod_conflict"], today=today)
    found: dict[str, list[m.Severity]] = {}
    for finding in report.findings:
        if isinstance(finding, m.SodConflictFinding) and not finding.mitigated:
            found.setdefault(finding.person_id, []).append(finding.severity)
    return found
