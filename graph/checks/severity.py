"""Severity rules: how bad each finding is. docs/checks.md explains them to users.

Four levels, worst first: critical 严重, high 高, medium 中, low 低.
- ab_gap: vacant (no active A) critical; no_backup high; self_backup medium.
- sod_conflict: the rule's severity when both duties come in through A roles; one level lower
  when a duty comes in only through a B role (B acts only when A is away); one level lower
  again when a valid mitigation covers it.
- sod_post: the rule's severity.
- uncontrolled: from the risk's inherent score (likelihood x impact, else high 16 / medium 9 /
  low 4): >= 15 high, >= 8 medium, else low; no_control one level worse than that,
  self_control and unowned as is.
- two_person: nobody at all to do the node critical; some but too few high.
- concentration: high when one of the posts is a key post, else medium.
- unsupervised_discretion: high.
"""

from graph import vocab
from graph.checks.models import (
    AbGapRow,
    ConcentrationRow,
    SodConflictRow,
    SodPostRow,
    TwoPersonRow,
    UncontrolledRow,
    UnsupervisedDiscretionRow,
)
from graph.vocab import RULE_DEFAULT_SEVERITY, SEVERITY_ORDER, Severity, score_tier

LEVELS = SEVERITY_ORDER
AB_GAP: dict[str, Severity] = {"vacant": "critical", "no_backup": "high", "self_backup": "medium"}


def rank(severity: Severity) -> int:
    """0 for critical ... 3 for low: sorts worst first."""
    return LEVELS.index(severity)


def shift(severity: Severity, steps: int) -> Severity:
    """`steps` levels milder (positive) or worse (negative), within critical..low."""
    return LEVELS[min(max(rank(severity) + steps, 0), len(LEVELS) - 1)]


def rule(severity: str | None) -> Severity:
    """A conflict rule's severity; an unknown or missing one counts as the default."""
    for level in LEVELS:
        if severity == level:
            return level
    return RULE_DEFAULT_SEVERITY


def inherent_score(row: UncontrolledRow) -> int | None:
    """Contract §1: likelihood x impact when both are given, else by level."""
    if row.score is not None:
        return row.score
    return vocab.inherent_score(row.level, row.likelihood, row.impact)


def risk_tier(row: UncontrolledRow) -> Severity:
    score = inherent_score(row)
    return "medium" if score is None else score_tier(score)


def held_as_a(row: SodConflictRow) -> bool:
    """Both duties reach the person through at least one A role."""
    return all(any(p.duty == duty and p.role == "A" for p in row.via) for duty in row.duties)


def ab_gap(row: AbGapRow) -> Severity:
    return AB_GAP[row.kind]


def sod_conflict(row: SodConflictRow) -> Severity:
    steps = (0 if held_as_a(row) else 1) + (1 if row.mitigated else 0)
    return shift(rule(row.rule_severity), steps)


def sod_post(row: SodPostRow) -> Severity:
    return rule(row.rule_severity)


def uncontrolled(row: UncontrolledRow) -> Severity:
    tier = risk_tier(row)
    return shift(tier, -1) if row.reason == "no_control" else tier


def two_person(row: TwoPersonRow) -> Severity:
    return "critical" if row.holders == 0 else "high"


def concentration(row: ConcentrationRow) -> Severity:
    return "high" if any(p.key for p in row.posts) else "medium"


def unsupervised_discretion(row: UnsupervisedDiscretionRow) -> Severity:
    return "high"
