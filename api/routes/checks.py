"""The checks over HTTP: `GET /api/v1/findings` and the what-if `POST /api/v1/sod/check` an HR or
workflow system calls before it assigns a person to a post. Nothing here writes."""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel, Field

from api.deps import Analyst, DatabaseDep, DriverDep, SettingsDep, Viewer
from api.ids import ID_PATTERN, OptionalQueryId
from graph.checks import models as m
from graph.checks.run import CHECKS, UnknownCheckError, UnknownUnitError, run_checks, sod_what_if
from graph.connection import read

router = APIRouter(tags=["checks"])


@router.get(
    "/findings",
    summary="检查结果（契约第 4 节的 JSON）/ the findings JSON",
    response_model=m.FindingsReport,
    responses={404: {"description": "没有这个单位 / no such unit"}},
)
def findings(
    driver: DriverDep,
    database: DatabaseDep,
    settings: SettingsDep,
    _: Viewer,
    check: Annotated[
        list[str] | None, Query(description=f"检查名，可重复或用逗号分隔：{', '.join(CHECKS)}")
    ] = None,
    unit: OptionalQueryId = None,
) -> m.FindingsReport:
    names = [n.strip() for value in check or [] for n in value.split(",") if n.strip()]
    try:
        return run_checks(
            driver,
            database,
            threshold=settings.powermap_concentration_threshold,
            unit=unit,
            checks=names or None,
        )
    except UnknownCheckError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    except UnknownUnitError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None


class Assignment(BaseModel):
    """The assignment about to be made."""

    person_id: str = Field(pattern=ID_PATTERN, examples=["CG-PER-12"])
    post_id: str = Field(pattern=ID_PATTERN, examples=["CG-POST-09"])
    role: Literal["A", "B"]


class SodCheck(BaseModel):
    allowed: bool = Field(
        description="没有新增不相容职责时为 true / true exactly when new_conflicts is empty"
    )
    new_conflicts: list[m.SodConflictFinding]
    existing_conflicts: list[m.SodConflictFinding]


@router.post(
    "/sod/check",
    response_model=SodCheck,
    summary="任职前的不相容职责检查（不写入任何数据）/ what-if separation-of-duties check",
    responses={404: {"description": "人员或岗位不存在 / unknown person or post"}},
)
def sod_check(body: Assignment, driver: DriverDep, database: DatabaseDep, _: Analyst) -> SodCheck:
    found = read(
        driver, database, "people/assignment_targets", person_id=body.person_id, post_id=body.post_id
    )
    if not found[0]["person"]:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, detail=f"没有这个人员 / no such person: {body.person_id}"
        )
    if not found[0]["post"]:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"没有这个岗位 / no such post: {body.post_id}")
    new, existing = sod_what_if(driver, database, body.person_id, body.post_id, body.role)
    return SodCheck(allowed=not new, new_conflicts=new, existing_conflicts=existing)
