"""What the checks find: one pydantic model per check, the findings JSON of contract section 4.

A `...Row` is what the check's query returns (its facts and their explanation); the matching
`...Finding` adds the project's judgement, `severity` and a Chinese `message`. Field order is
the JSON's: the contract's fields first, then the explanation; a finding ends with its
`finding_id` (graph/checks/identity.py), `severity` and `message`.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.vocab import Severity


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Holder(_Model):
    person_id: str
    person_name: str | None
    role: str | None
    status: str | None


class PersonRef(_Model):
    person_id: str
    person_name: str | None


class PostRef(_Model):
    post_id: str
    post_name: str | None


# -- ab_gap ------------------------------------------------------------------------------------


class AbGapRow(_Model):
    check: Literal["ab_gap"] = "ab_gap"
    kind: Literal["vacant", "no_backup", "self_backup"]
    post_id: str
    post_name: str | None
    unit_id: str | None
    holders: list[Holder]


class AbGapFinding(AbGapRow):
    finding_id: str = Field(description="contract section 6: stable id of this finding's identity")
    severity: Severity
    message: str


# -- sod_conflict ------------------------------------------------------------------------------


class SodPath(_Model):
    """person -> post (role) -> node -> duty: how one duty reaches the person."""

    duty: str
    post_id: str
    post_name: str | None
    role: str | None
    node_id: str
    node_name: str | None
    assumed: bool = False  # the what-if's hypothetical post, not a real assignment


class MitigationRef(_Model):
    measure: str | None
    monitor_id: str | None
    monitor_name: str | None
    valid_until: date | None


class SodConflictRow(_Model):
    check: Literal["sod_conflict"] = "sod_conflict"
    person_id: str
    duties: tuple[str, str]
    via: list[SodPath]
    mitigated: bool
    person_name: str | None
    unit_id: str | None
    rule_severity: str  # as the rule says; graph.checks.severity reads it
    reason: str | None
    mitigation: MitigationRef | None
    expired_until: date | None


class SodConflictFinding(SodConflictRow):
    finding_id: str = Field(description="contract section 6: stable id of this finding's identity")
    severity: Severity
    message: str


# -- sod_post ----------------------------------------------------------------------------------


class NodeDuty(_Model):
    duty: str
    node_id: str
    node_name: str | None


class SodPostRow(_Model):
    check: Literal["sod_post"] = "sod_post"
    post_id: str
    duties: tuple[str, str]
    post_name: str | None
    unit_id: str | None
    rule_severity: str  # as the rule says; graph.checks.severity reads it
    reason: str | None
    via: list[NodeDuty]


class SodPostFinding(SodPostRow):
    finding_id: str = Field(description="contract section 6: stable id of this finding's identity")
    severity: Severity
    message: str


# -- uncontrolled ------------------------------------------------------------------------------


class ControlRef(_Model):
    control_id: str
    measure: str | None
    owner_post_id: str | None
    owner_post_name: str | None


class UncontrolledRow(_Model):
    check: Literal["uncontrolled"] = "uncontrolled"
    reason: Literal["no_control", "self_control", "unowned"]
    risk_id: str
    node_id: str
    behavior: str | None
    level: str | None
    likelihood: int | None
    impact: int | None
    score: int | None
    node_name: str | None
    process_id: str
    process_name: str | None
    unit_id: str | None
    performers: list[PostRef]
    controls: list[ControlRef]


class UncontrolledFinding(UncontrolledRow):
    finding_id: str = Field(description="contract section 6: stable id of this finding's identity")
    severity: Severity
    message: str


# -- two_person --------------------------------------------------------------------------------


class TwoPersonRow(_Model):
    check: Literal["two_person"] = "two_person"
    node_id: str
    holders: int
    required: int
    node_name: str | None
    process_id: str
    process_name: str | None
    unit_id: str | None
    people: list[PersonRef]
    posts: list[PostRef]


class TwoPersonFinding(TwoPersonRow):
    finding_id: str = Field(description="contract section 6: stable id of this finding's identity")
    severity: Severity
    message: str


# -- concentration -----------------------------------------------------------------------------


class HeldPost(_Model):
    post_id: str
    post_name: str | None
    unit_id: str | None
    key: bool


class ConcentrationRow(_Model):
    check: Literal["concentration"] = "concentration"
    person_id: str
    count: int
    threshold: int
    person_name: str | None
    unit_id: str | None
    posts: list[HeldPost]


class ConcentrationFinding(ConcentrationRow):
    finding_id: str = Field(description="contract section 6: stable id of this finding's identity")
    severity: Severity
    message: str


# -- unsupervised_discretion -------------------------------------------------------------------


class Supervisor(_Model):
    person_id: str
    person_name: str | None
    level: int | None
    status: str | None


class UnsupervisedDiscretionRow(_Model):
    check: Literal["unsupervised_discretion"] = "unsupervised_discretion"
    node_id: str
    process_id: str
    node_name: str | None
    process_name: str | None
    unit_id: str | None
    supervisors: list[Supervisor]


class UnsupervisedDiscretionFinding(UnsupervisedDiscretionRow):
    finding_id: str = Field(description="contract section 6: stable id of this finding's identity")
    severity: Severity
    message: str


Finding = Annotated[
    AbGapFinding
    | SodConflictFinding
    | SodPostFinding
    | UncontrolledFinding
    | TwoPersonFinding
    | ConcentrationFinding
    | UnsupervisedDiscretionFinding,
    Field(discriminator="check"),
]


class FindingsReport(_Model):
    """`model_dump(mode="json")` is the findings JSON of contract section 4."""

    summary: dict[str, int]
    findings: list[Finding]
