"""`POST /api/v1/imports` (admin): upload a workbook (.xlsx, .zip of CSV files) or a .bpmn file.

The same function as `powermap import` does the work: 200 with what was imported, 422 with every
problem, or 413 when the file (or what it unpacks to) exceeds a bound on reading; then nothing is
written. The route is a plain `def`: FastAPI runs it in its thread pool, so an import never holds
up the event loop and `/health` and every other request keep answering during an upload. Imports
touching the same units run one at a time: each locks its units in its own transaction
(graph/writer.py), across API workers and the command line alike.
"""

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, File, UploadFile, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import Admin, DatabaseDep, DriverDep, SettingsDep
from api.ids import OptionalIdForm
from api.ingest import import_bytes
from api.openapi import ValidationFailed

router = APIRouter(tags=["imports"])


class ProblemOut(BaseModel):
    table: str
    row: int | None
    column: str | None
    value: str | None
    message: str


class Rejected(BaseModel):
    detail: str
    # Empty when the upload was refused before it was read (api/guard.py: a body too large).
    problems: list[ProblemOut] = []


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
    responses={
        422: {
            "model": Rejected | ValidationFailed,
            "description": "有问题，未导入 / problems: nothing imported (or a bad form field)",
        },
        413: {
            "model": Rejected,
            "description": "文件或其解压内容过大 / the file, or what it unpacks to, is too large",
        },
    },
)
def create_import(
    driver: DriverDep,
    database: DatabaseDep,
    settings: SettingsDep,
    _: Admin,
    file: Annotated[UploadFile, File(description=".xlsx、CSV 的 .zip 或 .bpmn")],
    unit: OptionalIdForm = None,
    prefix: OptionalIdForm = None,
) -> Imported | JSONResponse:
    limit = settings.powermap_max_upload_bytes
    data = file.file.read(limit + 1)  # the spooled upload, read in this worker thread
    filename = file.filename or "upload"
    if len(data) > limit:
        message = f"文件超过 {limit // 1_000_000} MB / the file is larger than {limit} bytes"
        too_large = Rejected(
            detail=message,
            problems=[ProblemOut(table=filename, row=None, column=None, value=None, message=message)],
        )
        return JSONResponse(status_code=status.HTTP_413_CONTENT_TOO_LARGE, content=too_large.model_dump())
    result = import_bytes(
        driver,
        database,
        filename,
        data,
        unit,
        prefix,
        model=settings.powermap_risk,
        limits=settings.powermap_import_limits,
    )
    if not result.ok or result.counts is None:
        rejected = Rejected(
            detail=f"{len(result.problems)} 个问题，未导入任何内容 / problems: nothing was imported",
            problems=[ProblemOut.model_validate(p.as_dict()) for p in result.problems],
        )
        code = status.HTTP_413_CONTENT_TOO_LARGE if result.too_large else 422
        return JSONResponse(status_code=code, content=rejected.model_dump())
    return Imported(filename=filename, warnings=result.warnings, **asdict(result.counts))
