"""`POST /api/v1/scans` (analyst): run every check, remember the scan, update the ledger;
`GET /api/v1/scans` (viewer): the scans, newest first (contract section 6)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from api.deps import Analyst, DatabaseDep, DriverDep, SettingsDep, Viewer
from api.ids import OptionalQueryId
from api.routes.history_models import ScanOut
from graph.checks.run import UnknownUnitError
from graph.history.scans import list_scans, run_scan

router = APIRouter(tags=["history"])


@router.post(
    "/scans",
    response_model=ScanOut,
    summary="扫描：运行全部检查并记录，更新整改台账 / scan: run every check, remember it, update the ledger",
    responses={404: {"description": "没有这个单位 / no such unit"}},
)
def create_scan(
    driver: DriverDep, database: DatabaseDep, settings: SettingsDep, _: Analyst, unit: OptionalQueryId = None
) -> ScanOut:
    try:
        result = run_scan(
            driver,
            database,
            threshold=settings.powermap_concentration_threshold,
            due_days=settings.powermap_ledger_due_days,
            unit=unit,
        )
    except UnknownUnitError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    return ScanOut.model_validate(result)


@router.get("/scans", summary="扫描记录 / the scans, newest first")
def scans(
    driver: DriverDep,
    database: DatabaseDep,
    _: Viewer,
    unit: OptionalQueryId = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, list[dict[str, object]]]:
    rows = list_scans(driver, database, scope=unit, limit=limit)
    return {
        "scans": [
            {"scan_id": r["id"], "at": r["at"], "scope": r["scope"], "summary": r["summary"]} for r in rows
        ]
    }
