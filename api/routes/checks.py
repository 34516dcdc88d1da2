"""The checks over HTTP: `GET /api/v1/findings` and the what-if `POST /api/v1/sod/check` an HR or
workflow system calls before it assigns a person to a post. Nothing here writes."""

from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from api.deps import Analyst, DatabaseDep, DriverDep, RulesDep, SettingsDep, Viewer
from api.ids import ID_PATTERN, OptionalQueryId
from api.openapi import not_found
from api.pagination import BadCursorError, Cursor, FindingsLimit, decode_findings_cursor, encode_cursor
from graph.checks import models as m
from graph.checks.identity import IDENTITY
from graph.checks.run import CHECKS, UnknownCheckError, UnknownUnitError, findings_page
from graph.checks.sod_check import AssignmentCheck, check_assignment

router = APIRouter(tags=["checks"])


class FindingsPage(m.FindingsReport):
    """The findings JSON of contract section 4, one page of it: `summary` counts every finding
    in scope; `next` is the cursor of the following page, null on the last. Pages go by check,
    then by the finding's identity (not by severity: a finding keeps its place while it exists)."""

    next: str | None


# For each check in report order: which of its identity fields is a list (a duty pair).
_CURSOR_SHAPES = [tuple(name == "duties" for name in IDENTITY[check]) for check in CHECKS]


@router.get(
    "/findings",
    summary=(
        "风险检查结果：A/B角缺口、不相容职责、无独立防控的风险点等问题清单（分页） / "
        "integrity findings, paged"
    ),
    description=(
        "对一个单位（含下级）运行全部或指定的检查，列出每个问题：严重程度、中文说明、涉及的岗位、人员、"
        "环节或风险点，以及跨次运行不变的问题编号 finding_id。summary 始终统计范围内的全部问题；"
        "问题多时用 limit 与 next 游标分页，分页在数据库中完成；"
        "各页按检查、再按问题的身份（如岗位编号）排序。"
        "/ Runs the checks on a unit and its sub-units and lists every finding with its severity and "
        "Chinese message; summary always counts every finding in scope. Paged in the database, by check "
        "then by the finding's identity: follow `next` to get every finding exactly once."
    ),
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
        after = decode_findings_cursor(cursor, _CURSOR_SHAPES) if cursor else None
        page = findings_page(
            driver,
            database,
            threshold=settings.powermap_concentration_threshold,
            limit=limit,
            after=after,
            unit=unit,
            checks=names or None,
        )
    except (UnknownCheckError, BadCursorError) as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    except UnknownUnitError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    following = encode_cursor(page.last) if page.last is not None else None
    return FindingsPage(summary=page.summary, findings=page.findings, next=following)


class Assignment(BaseModel):
    """The assignment about to be made."""

    person_id: str = Field(pattern=ID_PATTERN, examples=["CG-PER-12"])
    post_id: str = Field(pattern=ID_PATTERN, examples=["CG-POST-09"])
    role: Literal["A", "B"]


_VIA = [
    {"duty": "抄表", "post_id": "CG-POST-09", "post_name": "抄表员", "role": "A", "node_id": "CG-N-0301",
     "node_name": "抄表", "assumed": True},
    {"duty": "收费", "post_id": "CG-POST-05", "post_name": "收费员", "role": "B", "node_id": "CG-N-0302",
     "node_name": "电费收取", "assumed": False},
]  # fmt: skip
_EXAMPLE: dict[str, Any] = {
    "allowed": False,
    "new_conflicts": [
        {"check": "sod_conflict", "person_id": "CG-PER-12", "person_name": "周强", "unit_id": "CG",
         "duties": ["抄表", "收费"], "via": _VIA, "mitigated": False, "rule_severity": "high",
         "reason": "抄表与收费由同一人办理，易估抄、截留电费", "mitigation": None, "expired_until": None,
         "finding_id": "sod-conflict-0f3c", "severity": "high",
         "message": "周强一人兼任不相容职责“抄表”与“收费”：抄表员（A角）抄表；收费员（B角）电费收取"},
    ],
    "existing_conflicts": [],
}  # fmt: skip


class SodCheck(BaseModel):
    """Each path (person -> post, role -> node -> duty) appears once in `via`."""

    model_config = ConfigDict(json_schema_extra={"examples": [cast(JsonDict, _EXAMPLE)]})

    allowed: bool = Field(
        description="没有新增不相容职责时为 true / true exactly when new_conflicts is empty"
    )
    new_conflicts: list[m.SodConflictFinding]
    existing_conflicts: list[m.SodConflictFinding]


@router.post(
    "/sod/check",
    response_model=SodCheck,
    summary=(
        "任职前预审：某人担任某岗位后是否兼任不相容职责（不写入） / "
        "would this assignment create a conflict of duties?"
    ),
    description=(
        "调岗、补B角之前先问一问：把此人以 A角或B角 安排到此岗位，会新增哪些不相容职责（new_conflicts），"
        "哪些是原本就有的（existing_conflicts）；每项附经由的岗位、角色与环节。allowed 为 false 即不宜安排。"
        "只做推演，不写入任何数据。/ Before an assignment: the conflicts of duties it would create and those "
        "already there, each with the posts, roles and nodes that bring each duty. Nothing is written."
    ),
    responses=not_found("人员或岗位不存在 / unknown person or post"),
)
def sod_check(
    body: Assignment, driver: DriverDep, database: DatabaseDep, rules: RulesDep, _: Analyst
) -> JSONResponse:
    # One read transaction; the answer is built from its rows and not validated again
    # (graph/checks/sod_check.py): response_model above documents it.
    answer = check_assignment(driver, database, rules, body.person_id, body.post_id, body.role)
    if not answer.person:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, detail=f"没有这个人员 / no such person: {body.person_id}"
        )
    if not answer.post:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"没有这个岗位 / no such post: {body.post_id}")
    return sod_check_response(answer)


def sod_check_response(answer: AssignmentCheck) -> JSONResponse:
    """The contract's JSON, `SodCheck`'s fields in its order, from the plain findings."""
    return JSONResponse(
        {"allowed": not answer.new, "new_conflicts": answer.new, "existing_conflicts": answer.existing}
    )
