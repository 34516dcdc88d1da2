"""The rectification ledger over HTTP (contract section 6): `GET /api/v1/ledger` (viewer),
`PATCH /api/v1/ledger/{finding_id}` (analyst: owner_id, due, note; status `closed` only for an
`inspection` item, with a note), `POST /api/v1/ledger/{finding_id}/accept` (admin: reason, until)."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel, ConfigDict, Field

from api.deps import Admin, Analyst, DatabaseDep, DriverDep, Viewer
from api.ids import ID_PATTERN, OptionalQueryId
from api.routes.history_models import FindingIdPath, LedgerItemOut, LedgerOut
from graph.history.ledger import LedgerError, NotInLedgerError, accept_item, list_items, update_item

router = APIRouter(tags=["history"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "台账中没有这个问题 / no ledger item for this finding"}
}
REFUSED: dict[int | str, dict[str, Any]] = {
    422: {"description": "不允许的修改 / a change the ledger refuses"}
}


@router.get("/ledger", response_model=LedgerOut, summary="整改台账 / the rectification ledger")
def ledger(
    driver: DriverDep,
    database: DatabaseDep,
    _: Viewer,
    status_: Annotated[Literal["open", "closed", "accepted", "overdue"] | None, Query(alias="status")] = None,
    unit: OptionalQueryId = None,
    check: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$")] = None,
) -> LedgerOut:
    items = list_items(driver, database, status=status_, unit=unit, check=check)
    return LedgerOut.model_validate({"items": items})


class LedgerPatch(BaseModel):
    """What an analyst may change. `status: "closed"` closes an `inspection` item (needs a note);
    a scan-born item is closed only by a scan (422)."""

    model_config = ConfigDict(extra="forbid")

    owner_id: str | None = Field(default=None, pattern=ID_PATTERN)
    due: date | None = None
    note: str | None = Field(default=None, min_length=1, max_length=2000)
    status: Literal["open", "closed", "accepted"] | None = None


def _refused(exc: Exception) -> HTTPException:
    if isinstance(exc, NotInLedgerError):
        return HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc))
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc))


@router.patch(
    "/ledger/{finding_id}",
    response_model=LedgerItemOut,
    summary="修改台账条目：责任人、期限、备注 / change an item's owner, due date or note",
    responses={**NOT_FOUND, **REFUSED},
)
def patch_item(
    finding_id: FindingIdPath, body: LedgerPatch, driver: DriverDep, database: DatabaseDep, who: Analyst
) -> LedgerItemOut:
    try:
        item = update_item(
            driver,
            database,
            finding_id,
            who=who.name,
            owner_id=body.owner_id,
            due=body.due,
            note=body.note,
            status=body.status,
        )
    except (LedgerError, NotInLedgerError) as exc:
        raise _refused(exc) from None
    return LedgerItemOut.model_validate(item)


class Acceptance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(
        min_length=1, max_length=2000, description="接受风险的理由 / why the risk is accepted"
    )
    until: date = Field(description="截止日期：此后第一次扫描时恢复为待整改 / the end date")


@router.post(
    "/ledger/{finding_id}/accept",
    response_model=LedgerItemOut,
    summary="接受风险（到期后恢复为待整改）/ accept the risk until a date",
    responses={**NOT_FOUND, **REFUSED},
)
def accept(
    finding_id: FindingIdPath, body: Acceptance, driver: DriverDep, database: DatabaseDep, who: Admin
) -> LedgerItemOut:
    try:
        item = accept_item(driver, database, finding_id, who=who.name, reason=body.reason, until=body.until)
    except (LedgerError, NotInLedgerError) as exc:
        raise _refused(exc) from None
    return LedgerItemOut.model_validate(item)
