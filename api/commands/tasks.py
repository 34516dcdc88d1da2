"""`powermap tasks --month YYYY-MM [--unit U] --format pdf|xlsx|json -o FILE`: the monthly
supervision task lists (监督任务单), one section per level-3 supervisor (docs/history.md)."""

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from openpyxl import Workbook
from rich.console import Console

from api.commands.connect import connect
from api.exports import excel_safe, sheet_name
from graph.history.pages import Document
from graph.history.tasks import task_lists

TASK_HEADER = ("任务编号", "流程", "星级", "环节", "风险点", "防控措施（核查是否落实）", "暴露度", "结果")
ITEM_HEADER = ("问题编号", "状态", "说明", "期限")


class Format(StrEnum):
    pdf = "pdf"
    xlsx = "xlsx"
    json = "json"


def _task_cells(t: dict[str, Any]) -> list[Any]:
    stars = "★" * int(t["stars"] or 0)
    return [
        t["task_id"],
        t["process_name"],
        stars,
        t["node_name"],
        t["behavior"],
        t["measure"],
        round(t["exposure"], 1),
        {"ok": "已落实", "problem": "有问题"}.get(t["result"] or "", ""),
    ]


def _item_cells(i: dict[str, Any]) -> list[Any]:
    return [i["finding_id"], "已逾期" if i["overdue"] else "待整改", i["finding"].get("message"), i["due"]]


def write_pdf(lists: dict[str, Any], path: Path, font: str) -> None:
    doc = Document(path, font, f"监督任务单 {lists['month']}")
    if not lists["sections"]:
        doc.text(f"{lists['month']} 监督任务单", 16, bold=True)
        doc.text("范围内没有在岗的三级监督员 / no active level-3 supervisor in scope")
    for section in lists["sections"]:
        doc.text(f"监督任务单 · {lists['month']}", 16, bold=True)
        doc.text(
            f"三级监督员：{section['name']}（{section['supervisor_id']}）    "
            f"签发：二级监督员 {'、'.join(section['issued_by']) or '（未设）'}",
            10,
        )
        doc.text(
            "请逐条核查下列防控措施是否真正落实，发现问题在系统中登记"
            "（POST /api/v1/tasks/{任务编号}/result）。",
            9,
        )
        doc.gap()
        doc.text(f"一、本月核查的防控措施（{len(section['tasks'])} 条，按暴露度从高到低）", 11, bold=True)
        doc.table(TASK_HEADER, [_task_cells(t) for t in section["tasks"]], (16, 10, 7, 10, 22, 30, 6, 6))
        doc.text(f"二、逾期未整改（{len(section['overdue_items'])} 条）", 11, bold=True, color="#b00020")
        doc.table(ITEM_HEADER, [_item_cells(i) for i in section["overdue_items"]], (22, 8, 56, 14))
        doc.text(f"三、待整改（{len(section['open_items'])} 条）", 11, bold=True)
        doc.table(ITEM_HEADER, [_item_cells(i) for i in section["open_items"]], (22, 8, 56, 14))
        doc.gap(0.03)
        doc.text("核查人（签字）：______________    日期：__________    签发人（签字）：______________", 10)
        doc.new_page()
    doc.close()


def write_xlsx(lists: dict[str, Any], path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for section in lists["sections"] or [
        {
            "name": "无",
            "supervisor_id": "-",
            "tasks": [],
            "open_items": [],
            "overdue_items": [],
            "issued_by": [],
        }
    ]:
        sheet = book.create_sheet(sheet_name(f"{section['name']}-{section['supervisor_id']}"))
        sheet.append(
            [
                f"监督任务单 {lists['month']}",
                f"三级监督员 {section['name']}",
                f"签发 {'、'.join(section['issued_by'])}",
            ]
        )
        sheet.append(list(TASK_HEADER))
        for t in section["tasks"]:
            sheet.append([excel_safe(c) for c in _task_cells(t)])
        sheet.append([])
        sheet.append(["逾期与待整改", *ITEM_HEADER])
        for i in section["overdue_items"] + section["open_items"]:
            sheet.append(["", *(excel_safe(c) for c in _item_cells(i))])
        sheet.append([])
        sheet.append(["核查人（签字）：", "", "日期：", "", "签发人（签字）："])
    book.save(path)


def tasks(
    month: Annotated[str, typer.Option("--month", help="YYYY-MM")],
    out: Annotated[Path, typer.Option("-o", "--out", help="输出文件 / the file to write")],
    unit: Annotated[
        str | None, typer.Option("--unit", help="单位及其下级 / one unit and its sub-units")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="pdf | xlsx | json")] = Format.pdf,
) -> None:
    """月度监督任务单：每位三级监督员本月要核查的防控措施（十二个月轮换全覆盖），及其待整改、逾期问题。"""
    with connect() as g:
        driver, settings = g.driver, g.settings
        lists = task_lists(driver, settings.neo4j_database, month=month, unit=unit)
    if fmt is Format.json:
        out.write_text(json.dumps(lists, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif fmt is Format.xlsx:
        write_xlsx(lists, out)
    else:
        write_pdf(lists, out, settings.powermap_font)
    count = sum(len(s["tasks"]) for s in lists["sections"])
    Console(stderr=True).print(
        f"已写入 / written: {out}（{len(lists['sections'])} 位三级监督员，{count} 项任务）"
    )
