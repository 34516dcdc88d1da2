"""`POST /api/v1/tasks/{task_id}/result` (analyst): a level-3 supervisor's result on a monthly task;
a problem opens a ledger item of check `inspection` (contract section 6)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, status
from pydantic import BaseModel, ConfigDict, Field

from api.deps import Analyst, DatabaseDep, DriverDep, SettingsDep
from graph.history.tasks import UnknownTaskError, record_result

router = APIRouter(tags=["history"])


class TaskResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    result: Literal["ok", "problem"] = Field(description="ok = 已落实；problem = 发现问题（须写 note）")
    note: str | None = Field(default=None, min_length=1, max_length=2000)


@router.post(
    "/tasks/{task_id}/result",
    summary="监督任务结果 / a supervision task's result",
    responses={
        404: {"description": "没有这项任务 / no such task"},
        422: {"description": "problem 须写 note"},
    },
)
def task_result(
    task_id: Annotated[str, Path(pattern=r"^task-[0-9]{6}-[0-9a-f]{16}$")],
    body: TaskResult,
    driver: DriverDep,
    database: DatabaseDep,
    settings: SettingsDep,
    who: Analyst,
) -> dict[str, Any]:
    try:
        return record_result(
            driver,
            database,
            task_id,
            result=body.result,
            note=body.note,
            who=who.name,
            due_days=settings.powermap_ledger_due_days,
        )
    except UnknownTaskError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
