"""`POST /api/v1/imports` (admin): upload a workbook (.xlsx, .zip of CSV files) or a .bpmn file.

The same function as `powermap import` does the work: 200 with what was imported, or 422 with
every problem, and then nothing is written.
"""

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, UploadFile, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import Admin, DatabaseDep, DriverDep, SettingsDep
from api.ids import OptionalIdForm
from api.ingest import import_bytes

router = APIRouter(tags=["imports"])


class ProblemOut(BaseModel):
    table: str
    row: int | None
    column: str | None
    value: str | None
    message: str


class Rejected(BaseModel):
    detail: str
    problems: list[ProblemOut]


class Imported(BaseModel):
    filename: str
    rows: dict[str, int]
    nodes_created: int
    nodes_deleted: int
    relationships_created: int
    relationships_deleted: int
    stale: dict[str, int]
    warnings: list[str]
    # Contract section 6: the Import recorded with it, and its changes per kind.
    import_id: str | None = None
    changes: dict[str, int] = {}


@router.post(
    "/imports",
    response_model=Imported,
    summary=(
        "导入供电所台账（工作簿或 BPMN 流程图），先校验、全部通过才写入 / "
        "import a station's workbook or a BPMN file"
    ),
    responses={422: {"model": Rejected}, 413: {"description": "文件过大 / file too large"}},
)
async def create_import(
    driver: DriverDep,
    database: DatabaseDep,
    settings: SettingsDep,
    _: Admin,
    file: Annotated[UploadFile, File(description=".xlsx、CSV 的 .zip 或 .bpmn")],
    unit: OptionalIdForm = None,
    prefix: OptionalIdForm = None,
) -> Imported | JSONResponse:
    limit = settings.powermap_max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            detail=f"文件超过 {limit // 1_000_000} MB / the file is larger than {limit} bytes",
        )
    filename = file.filename or "upload"
    result = import_bytes(driver, database, filename, data, unit, prefix, model=settings.powermap_risk)
    if not result.ok or result.counts is None:
        rejected = Rejected(
            detail=f"{len(result.problems)} 个问题，未导入任何内容 / problems: nothing was imported",
            problems=[ProblemOut.model_validate(p.as_dict()) for p in result.problems],
        )
        return JSONResponse(status_code=422, content=rejected.model_dump())
    return Imported(filename=filename, warnings=result.warnings, **asdict(result.counts))
