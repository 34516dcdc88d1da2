"""The what-if of `POST /api/v1/sod/check` (contract section 5) at the cost of one round trip.

One statement in one read transaction answers it whole (cypher/whatif/sod_check.cypher): do the
person and the post exist, which rule set is current, and the person's conflicts with the post
assumed. The conflict rules are kept between calls (`RuleCache`) and sent with the statement;
when an import (by any process: the command line too) made them stale, the statement reads them
itself and returns them to be kept. The findings are built from the rows as plain dicts in the
JSON's field order, with the same id, severity and message as the checks' pydantic findings
(tests/api/test_sod_check_floor.py compares the two), and no validation.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from neo4j import Driver

from graph.checks import messages, severity
from graph.checks import models as m
from graph.checks.identity import finding_id
from graph.connection import Row, read_once

Finding = dict[str, Any]

_ROW = tuple(m.SodConflictRow.model_fields)
_PATH = tuple(m.SodPath.model_fields)
_MITIGATION = tuple(m.MitigationRef.model_fields)


@dataclass(frozen=True)
class Rules:
    """The conflict rule set as of `version` (the latest import's id; None before any import)."""

    version: str | None
    rules: list[Row]


class RuleCache:
    """The rule set last read, shared by the API's threads (one reference, swapped whole)."""

    def __init__(self) -> None:
        self.kept: Rules | None = None


@dataclass
class AssignmentCheck:
    """The answer: whether the person and the post exist, and the conflicts (new, existing)."""

    person: bool
    post: bool
    new: list[Finding] = field(default_factory=list)
    existing: list[Finding] = field(default_factory=list)


def check_assignment(
    driver: Driver,
    database: str,
    rules: RuleCache,
    person_id: str,
    post_id: str,
    role: str,
    today: date | None = None,
) -> AssignmentCheck:
    """The person's conflicts if they also held `post_id` as `role`, in one read transaction.

    A conflict is new when one of its duties reaches the person only through the assumed post.
    No findings when the person or the post is unknown.
    """
    if role not in ("A", "B"):
        raise ValueError(f"角色只能是 A 或 B / role must be 'A' or 'B', not {role!r}")
    kept = rules.kept
    row = read_once(
        driver,
        database,
        "whatif/sod_check",
        person_id=person_id,
        post_id=post_id,
        role=role,
        today=today,
        rules=None if kept is None else kept.rules,
        rules_version=None if kept is None else kept.version,
    )[0]
    if row["rules"] is not None:  # read by the statement: the kept ones were stale or none
        rules.kept = Rules(row["rules_version"], row["rules"])
    found = [judged(f) for f in row["findings"]]
    # The order of the checks' reports (graph/checks/run.py worst_first): worst first, then by duties.
    found.sort(key=lambda f: (severity.rank(f["severity"]), f["duties"]))
    answer = AssignmentCheck(person=row["person"], post=row["post"])
    for finding in found:
        via = finding["via"]
        is_new = any(all(p["assumed"] for p in via if p["duty"] == d) for d in finding["duties"])
        (answer.new if is_new else answer.existing).append(finding)
    return answer


def judged(row: Row) -> Finding:
    """One sod_conflict row as its finding: the row's fields in the model's order, then finding_id,
    severity and message, computed by the checks' own functions over unvalidated models."""
    via = [{name: path[name] for name in _PATH} for path in row["via"]]
    given = row["mitigation"]
    mitigation = None if given is None else {name: given[name] for name in _MITIGATION}
    finding = {name: row[name] for name in _ROW} | {"via": via, "mitigation": mitigation}
    facts = m.SodConflictRow.model_construct(
        **(
            finding
            | {
                "duties": tuple(row["duties"]),
                "via": [m.SodPath.model_construct(**path) for path in via],
                "mitigation": None
                if mitigation is None
                else m.MitigationRef.model_construct(
                    **(mitigation | {"valid_until": _date(mitigation["valid_until"])})
                ),
                "expired_until": _date(row["expired_until"]),
            }
        )
    )
    finding["finding_id"] = finding_id("sod_conflict", finding)
    finding["severity"] = severity.sod_conflict(facts)
    finding["message"] = messages.sod_conflict(facts)
    return finding


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
