"""Monthly supervision task lists (监督任务单, contract section 6), as at 南山: the level-2
supervisors (二级监督员, 支部书记) issue a list each month to each level-3 supervisor (三级监督员,
业务专责), who checks that control measures are really carried out.

Rotation: within each (supervisor, process), the controls are taken in id order and split into
twelve monthly slices of ceil(n / 12); month m of the year (1..12) lists slice (m - 1 + o) mod 12,
o a fixed offset per process (from a hash of its id) that spreads the processes over the year. Over any
twelve consecutive months every control of every supervised process, ★★★ ones included, is
listed at least once. The month's tasks are ranked by exposure, highest first.

A task's id is determined by (month, supervisor, control); generating the list again keeps the
results already reported. A problem reported on a task opens a ledger item of check `inspection`.
"""

import hashlib
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.checks.identity import finding_id
from graph.connection import BATCH_SIZE, Row, in_write, rows_of
from graph.history import ledger
from graph.history.common import now_iso
from graph.queries import query

MONTHS = 12


class UnknownTaskError(LookupError):
    pass


def parse_month(month: str) -> tuple[int, int]:
    """`YYYY-MM` -> (year, month)."""
    try:
        year, number = (int(x) for x in month.split("-"))
        date(year, number, 1)
    except ValueError:
        raise ValueError(f"月份须为 YYYY-MM / the month must be YYYY-MM, not {month!r}") from None
    return year, number


def task_id(month: str, supervisor_id: str, control_id: str) -> str:
    digest = hashlib.sha256(f"{month}|{supervisor_id}|{control_id}".encode()).hexdigest()[:16]
    return f"task-{month.replace('-', '')}-{digest}"


def offset(process_id: str) -> int:
    """Where a process's rotation starts: spread over the year so that each month's list has a
    similar length (a process with few controls would otherwise leave the last months empty)."""
    return int(hashlib.sha256(process_id.encode()).hexdigest(), 16) % MONTHS


def rotation(control_ids: list[str], month_number: int, start: int = 0) -> list[str]:
    """The controls of one process listed in month `month_number` (1..12), the rotation starting
    at slice `start`."""
    ordered = sorted(control_ids)
    size = -(-len(ordered) // MONTHS)  # ceil
    if size == 0:
        return []
    slot = (month_number - 1 + start) % MONTHS
    return ordered[slot * size : (slot + 1) * size]


def task_lists(
    driver: Driver,
    database: str,
    *,
    month: str,
    unit: str | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """The month's lists, one section per level-3 supervisor; remembers the tasks (Task nodes)."""
    year, number = parse_month(month)
    today = today or date.today()

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        units = ledger.scope_units(tx, unit)
        if unit is not None and not units:
            raise LookupError(f"没有这个单位 / no such unit: {unit}")
        rows = rows_of(tx, query("history/task_controls"), {"units": units})
        by_pair: dict[tuple[str, str], list[Row]] = defaultdict(list)
        names: dict[str, str] = {}
        for r in rows:
            by_pair[(r["supervisor_id"], r["process_id"])].append(r)
            names[r["supervisor_id"]] = r["supervisor_name"]
        issuers: dict[str, list[str]] = defaultdict(list)
        for r in rows_of(tx, query("history/issuers"), {"processes": sorted({p for _, p in by_pair})}):
            issuers[r["process_id"]].append(r["name"])
        tasks: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for (supervisor, process), controls in by_pair.items():
            chosen = set(rotation([c["control_id"] for c in controls], number, offset(process)))
            for c in controls:
                if c["control_id"] in chosen:
                    tasks[supervisor].append({"task_id": task_id(month, supervisor, c["control_id"]), **c})
        writes = [
            {
                "id": t["task_id"],
                "props": {
                    "month": month,
                    "supervisor_id": s,
                    "control_id": t["control_id"],
                    "process_id": t["process_id"],
                    "risk_id": t["risk_id"],
                    "unit_id": t["unit_id"],
                    "measure": t["measure"],
                },
            }
            for s, found in tasks.items()
            for t in found
        ]
        results: dict[str, str | None] = {}
        for start in range(0, len(writes), BATCH_SIZE):
            for r in rows_of(tx, query("history/upsert_tasks"), {"rows": writes[start : start + BATCH_SIZE]}):
                results[r["id"]] = r["result"]
        items = [
            ledger.item_json(r["item"], today)
            for r in rows_of(
                tx,
                query("history/ledger_items"),
                {"status": "open", "units": units, "check": None, "ids": None},
            )
        ]
        sections = []
        for supervisor in sorted(set(tasks) | {s for s, _ in by_pair}):
            found = sorted(tasks.get(supervisor, []), key=lambda t: (-t["exposure"], t["control_id"]))
            processes = sorted({p for s, p in by_pair if s == supervisor})
            mine = [i for i in items if i["owner_id"] == supervisor]
            sections.append(
                {
                    "supervisor_id": supervisor,
                    "name": names.get(supervisor),
                    "issued_by": sorted({n for p in processes for n in issuers.get(p, [])}),
                    "processes": processes,
                    "tasks": [
                        {
                            "task_id": t["task_id"],
                            "control_id": t["control_id"],
                            "measure": t["measure"],
                            "risk_id": t["risk_id"],
                            "behavior": t["behavior"],
                            "node_id": t["node_id"],
                            "node_name": t["node_name"],
                            "process_id": t["process_id"],
                            "process_name": t["process_name"],
                            "stars": t["stars"],
                            "exposure": t["exposure"],
                            "result": results.get(t["task_id"]),
                        }
                        for t in found
                    ],
                    "open_items": [i for i in mine if not i["overdue"]],
                    "overdue_items": [i for i in mine if i["overdue"]],
                }
            )
        return {"month": month, "unit": unit, "year": year, "sections": sections}

    return in_write(driver, database, work)


def record_result(
    driver: Driver,
    database: str,
    tid: str,
    *,
    result: str,
    note: str | None,
    who: str,
    due_days: int,
) -> dict[str, Any]:
    """A task's result (analyst). `problem` opens (or reopens) a ledger item of check `inspection`."""
    if result not in ("ok", "problem"):
        raise ValueError(f"结果只能是 ok 或 problem / result must be 'ok' or 'problem', not {result!r}")
    if result == "problem" and not note:
        raise ValueError("发现问题须写明情况 / a problem needs a note")
    at = now_iso()

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        found = rows_of(tx, query("history/task"), {"id": tid})
        if not found:
            raise UnknownTaskError(f"没有这项监督任务 / no such task: {tid}")
        task = rows_of(
            tx,
            query("history/task_result"),
            {"id": tid, "result": result, "note": note, "who": who, "at": at},
        )[0]["task"]
        item = None
        if result == "problem":
            fields = {"task_id": tid}
            finding = {
                "check": "inspection",
                "task_id": tid,
                "control_id": task.get("control_id"),
                "risk_id": task.get("risk_id"),
                "process_id": task.get("process_id"),
                "supervisor_id": task.get("supervisor_id"),
                "unit_id": task.get("unit_id"),
                "finding_id": finding_id("inspection", fields),
                "severity": "high",
                "message": f"监督检查发现防控措施“{task.get('measure')}”未落实：{note}",
            }
            item = ledger.open_inspection_item(
                tx,
                finding=finding,
                at=at,
                who=who,
                owner_id=task.get("supervisor_id"),
                due_days=due_days,
                note=note,
            )
        return {"task": task, "ledger_item": item}

    return in_write(driver, database, work)


def month_after(month: str, k: int) -> str:
    year, number = parse_month(month)
    first = date(year, number, 1)
    for _ in range(k):
        first = (first + timedelta(days=32)).replace(day=1)
    return f"{first.year:04d}-{first.month:02d}"
