"""The checks over HTTP: `GET /api/v1/findings` and the what-if `POST /api/v1/sod/check` an HR or
workflow system calls before it assigns a person to a post. Nothing here writes."""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel, Field

from api.deps import Analyst, DatabaseDep, DriverDep, SettingsDep, Viewer
from api.ids import ID_PATTERN, OptionalQueryId
from api.openapi import not_found
from api.pagination import BadCursorError, Cursor, FindingsLimit, decode_cursor, encode_cursor
from graph.checks import models as m
from graph.checks.identity import IDENTITY
from graph.checks.run import CHECKS, UnknownCheckError, UnknownUnitError, order_key, run_checks, sod_what_if
from graph.connection import read

router = APIRouter(tags=["checks"])


class FindingsPage(m.FindingsReport):
    """The findings JSON of contract section 4, one page of it: `summary` counts every finding
    in scope; `next` is the cursor of the following page, null on the last."""

    next: str | None


# For each check in report order: which of its identity fields is a list (a duty pair).
_CURSOR_SHAPES = [tuple(name == "duties" for name in IDENTITY[check]) for check in CHECKS]


@router.get(
    "/findings",
    summary="检查结果（契约第 4 节的 JSON，分页）/ the findings JSON, paged",
    response_model=FindingsPage,
    responses=not_found("没有这个单位 / no such unit"),
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
    limit: FindingsLimit = 500,
    cursor: Cursor = None,
) -> FindingsPage:
    names = [n.strip() for value in check or [] for n in value.split(",") if n.strip()]
    try:
        after = decode_cursor(cursor, _CURSOR_SHAPES) if cursor else None
        report = run_checks(
            driver,
            database,
            threshold=settings.powermap_concentration_threshold,
            unit=unit,
            checks=names or None,
        )
    except (UnknownCheckError, BadCursorError) as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    except UnknownUnitError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    rest = [f for f in report.findings if after is None or order_key(f) > after]
    page = rest[:limit]
    following = encode_cursor(order_key(page[-1])) if len(rest) > limit else None
    return FindingsPage(summary=report.summary, findings=page, next=following)


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
    responses=not_found("人员或岗位不存在 / unknown person or post"),
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
