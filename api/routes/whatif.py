"""People move over HTTP (contract section 7): what-if, stand-ins, choke points, fixes.

Nothing here writes: every answer is computed in a transaction that is rolled back."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel, Field

from api.deps import Analyst, DatabaseDep, DriverDep, SettingsDep, Viewer
from api.ids import OptionalQueryId, PathId
from graph.checks.run import UnknownUnitError
from graph.settings import Settings
from graph.whatif import (
    ChokePoint,
    Event,
    Fixes,
    Lens,
    StandIns,
    UnknownFindingError,
    UnknownIdsError,
    WhatIf,
    choke_points,
    fixes,
    stand_ins,
    what_if,
)

router = APIRouter(tags=["people move"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "编号不存在（详情列出这些编号）/ unknown ids, named in the detail"}
}


def lens(settings: Settings) -> Lens:
    return Lens(threshold=settings.powermap_concentration_threshold, model=settings.powermap_risk)


def _not_found(exc: LookupError) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc))


class WhatIfRequest(BaseModel):
    events: list[Event] = Field(
        min_length=1,
        max_length=200,
        description="依次应用的事件 / events, applied in order",
        examples=[[{"type": "leave", "person_id": "CG-PER-01"}]],
    )


@router.post(
    "/whatif",
    response_model=WhatIf,
    summary="人员变动假设分析：休假、离岗、返岗、任岗、卸岗、调岗（不写入任何数据）/ what-if",
    responses=NOT_FOUND,
)
def whatif(
    body: WhatIfRequest, driver: DriverDep, database: DatabaseDep, settings: SettingsDep, _: Analyst
) -> WhatIf:
    try:
        return what_if(driver, database, body.events, lens(settings))
    except UnknownIdsError as exc:
        raise _not_found(exc) from None


@router.get(
    "/posts/{post_id}/stand-ins",
    response_model=StandIns,
    summary="岗位的顶岗候选人，按新增不相容职责、新增问题、暴露度排序 / stand-ins for a post",
    responses=NOT_FOUND,
)
def post_stand_ins(
    post_id: PathId,
    driver: DriverDep,
    database: DatabaseDep,
    settings: SettingsDep,
    _: Analyst,
    role: Annotated[Literal["A", "B"], Query(description="A角或B角 / role")] = "B",
    limit: Annotated[int, Query(ge=1, le=500, description="最多返回几人 / at most N")] = 10,
) -> StandIns:
    try:
        return stand_ins(driver, database, post_id, role, limit, lens(settings))
    except UnknownIdsError as exc:
        raise _not_found(exc) from None


@router.get(
    "/chokepoints",
    response_model=list[ChokePoint],
    summary="关键人员：谁一休假就出问题，按得分排序 / choke points",
    responses={404: {"description": "没有这个单位 / no such unit"}},
)
def chokepoints(
    driver: DriverDep,
    database: DatabaseDep,
    settings: SettingsDep,
    _: Viewer,
    unit: OptionalQueryId = None,
    limit: Annotated[int, Query(ge=1, le=5000, description="最多返回几人 / at most N")] = 20,
) -> list[ChokePoint]:
    try:
        return choke_points(driver, database, unit, limit, lens(settings))
    except UnknownUnitError as exc:
        raise _not_found(exc) from None


@router.get(
    "/findings/{finding_id}/fixes",
    response_model=Fixes,
    summary="整改建议：能单独消除该问题的调整及其副作用 / fixes for a finding",
    responses={404: {"description": "没有这个问题 / no such finding"}},
)
def finding_fixes(
    finding_id: PathId,
    driver: DriverDep,
    database: DatabaseDep,
    settings: SettingsDep,
    _: Analyst,
) -> Fixes:
    try:
        return fixes(driver, database, finding_id, lens(settings))
    except (UnknownFindingError, UnknownIdsError) as exc:
        raise _not_found(exc) from None
