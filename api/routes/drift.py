"""`GET /api/v1/drift?from=&to=&unit=` (viewer): what changed between two scans (contract section 6)."""

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import JSONResponse

from api.deps import DatabaseDep, DriverDep, Viewer
from api.ids import OptionalQueryId
from api.routes.history_models import SCAN_ID_PATTERN, DriftOut
from graph.history.drift import drift as compute

router = APIRouter(tags=["history"])

ScanQuery = Annotated[str | None, Query(pattern=SCAN_ID_PATTERN, description="扫描编号 / scan id")]


@router.get(
    "/drift",
    response_model=DriftOut,
    summary="两次扫描之间的变化（默认最近两次）/ drift between two scans",
    responses={
        404: {"description": "没有这次扫描或单位，或还没有扫描 / unknown scan or unit, or no scans yet"}
    },
)
def drift(
    driver: DriverDep,
    database: DatabaseDep,
    _: Viewer,
    from_: Annotated[str | None, Query(alias="from", pattern=SCAN_ID_PATTERN)] = None,
    to: ScanQuery = None,
    unit: OptionalQueryId = None,
) -> JSONResponse:
    try:
        result: dict[str, Any] = compute(driver, database, from_id=from_, to_id=to, unit=unit)
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    return JSONResponse(DriftOut.model_validate(result).model_dump(mode="json", by_alias=True))
