"""Processes: the list, one process with its nodes, flows, risks and controls, its flowchart,
and the 双关键 matrix (key posts x processes)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, status
from fastapi.responses import Response

from api.deps import DatabaseDep, DriverDep, SettingsDep, Viewer
from api.ids import ID_PATTERN, OptionalQueryId, PathId
from api.openapi import ValidationFailed, not_found
from api.pagination import BadCursorError, Cursor, Limit, Offset, Page, decode_id_cursor, encode_cursor
from graph.checks.run import UnknownUnitError, ensure_unit
from graph.matrix import RiskMatrix, read_matrix
from graph.process_read import ProcessNotFoundError, ProcessSummary, ProcessView, processes_page, read_process
from viz.flowchart import EmptyProcessError
from viz.render import MEDIA_TYPES, Format, render_process

router = APIRouter(tags=["processes"])

NOT_FOUND = not_found("没有这个流程 / no such process")


def _not_found(exc: ProcessNotFoundError) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc))


@router.get(
    "/processes",
    response_model=Page[ProcessSummary],
    summary="流程清单：单位（含下级）的权力运行流程及环节数 / the processes of a unit",
    description=(
        "按流程编号排序，分页在数据库中完成：total 为范围内全部流程数；"
        "next 为下一页的 cursor（最后一页为 null），"
        "跟随 next 取完全部流程，每个恰好一次；offset 在 cursor 之后（或从头）再跳过若干条。"
        "/ In process id order, paged in the database: `total` counts every process in scope; follow "
        "`next` to get each exactly once; `offset` skips that many more after the cursor (or the start)."
    ),
)
def processes(
    driver: DriverDep,
    database: DatabaseDep,
    _: Viewer,
    unit: OptionalQueryId = None,
    limit: Limit = 100,
    offset: Offset = 0,
    cursor: Cursor = None,
) -> Page[ProcessSummary]:
    try:
        after = decode_id_cursor(cursor) if cursor else None
    except BadCursorError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    found = processes_page(driver, database, limit=limit, after=after, skip=offset, unit=unit)
    following = encode_cursor([found.items[-1].id]) if found.more else None
    return Page[ProcessSummary](
        items=found.items, total=found.total, limit=limit, offset=offset, next=following
    )


@router.get(
    "/processes/{process_id}",
    response_model=ProcessView,
    responses=NOT_FOUND,
    summary=("流程详情：环节、流转、执行岗位、风险点、防控措施与风险星级 / one process in full"),
)
def process(process_id: PathId, driver: DriverDep, database: DatabaseDep, _: Viewer) -> ProcessView:
    try:
        return read_process(driver, database, process_id)
    except ProcessNotFoundError as exc:
        raise _not_found(exc) from None


@router.get(
    "/processes/{process_id}/flowchart.{fmt}",
    response_class=Response,
    responses={
        200: {"content": {media: {} for media in MEDIA_TYPES.values()}},
        **NOT_FOUND,
        422: {
            "model": ValidationFailed,
            "description": "流程没有环节，或参数不对 / the process has no nodes, or a bad parameter",
        },
    },
    summary=(
        "权力运行流程图：按岗位分泳道，标出风险点、防控措施与不相容职责，用于培训与公示 / "
        "the flowchart (svg, png, pdf)"
    ),
)
def flowchart(
    process_id: Annotated[str, Path(pattern=ID_PATTERN)],
    fmt: Format,
    driver: DriverDep,
    database: DatabaseDep,
    settings: SettingsDep,
    _: Viewer,
) -> Response:
    try:
        drawn = render_process(driver, database, process_id, fmt, font=settings.powermap_font)
    except ProcessNotFoundError as exc:
        raise _not_found(exc) from None
    except EmptyProcessError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    return Response(drawn, media_type=MEDIA_TYPES[fmt])


@router.get(
    "/matrix",
    response_model=RiskMatrix,
    summary=("双关键矩阵：关键岗位在各流程中承担的风险，找出重点监督对象 / key posts x processes"),
    responses=not_found("没有这个单位 / no such unit"),
)
def matrix(driver: DriverDep, database: DatabaseDep, _: Viewer, unit: OptionalQueryId = None) -> RiskMatrix:
    if unit:
        try:
            ensure_unit(driver, database, unit)
        except UnknownUnitError as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    return read_matrix(driver, database, unit)
