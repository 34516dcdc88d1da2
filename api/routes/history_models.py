"""Response models of the history routes (contract section 6): findings stay plain JSON objects,
as scans snapshot them."""

from typing import Annotated, Any

from fastapi import Path
from pydantic import BaseModel, Field

FINDING_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
FindingIdPath = Annotated[
    str, Path(pattern=FINDING_ID_PATTERN, description="问题编号 finding_id（契约第 6 节）")
]
SCAN_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


class ScanLedgerOut(BaseModel):
    opened: int
    closed: int
    reopened: int
    lapsed: int


class ScanOut(BaseModel):
    scan_id: str
    at: str
    scope: str = Field(description="'*' = 全部单位 / all units, else the unit id")
    previous_scan_id: str | None
    summary: dict[str, int]
    new: list[dict[str, Any]]
    resolved: list[dict[str, Any]]
    ledger: ScanLedgerOut


class ScanRef(BaseModel):
    scan_id: str
    at: str


class DriftOut(BaseModel):
    from_: ScanRef | None = Field(alias="from", serialization_alias="from")
    to: ScanRef
    new: list[dict[str, Any]]
    resolved: list[dict[str, Any]]
    changed: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    links: list[dict[str, Any]]


class LedgerItemOut(BaseModel):
    finding_id: str
    check: str
    status: str
    opened_at: str | None
    closed_at: str | None
    reopened: int
    owner_id: str | None
    due: str | None
    overdue: bool
    unit_id: str | None
    origin: str | None
    accepted_until: str | None
    reason: str | None
    note: str | None
    history: list[dict[str, Any]]
    finding: dict[str, Any]


class LedgerOut(BaseModel):
    items: list[LedgerItemOut]
