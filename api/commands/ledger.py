"""`powermap ledger [--status S] [--unit U] [--check C] --format json|table|csv|xlsx [-o FILE]`:
the rectification ledger (整改台账). `--status overdue` lists open items past due."""

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.commands.connect import connect
from api.commands.history_io import write_csv, write_json, write_xlsx
from graph.history.ledger import STATUS_ZH, list_items

HEADER = (
    "问题编号 finding_id",
    "检查 check",
    "状态 status",
    "说明 message",
    "单位 unit",
    "责任人 owner",
    "期限 due",
    "逾期 overdue",
    "立项 opened_at",
    "销号 closed_at",
    "重新打开 reopened",
    "备注 note",
)


class Format(StrEnum):
    json = "json"
    table = "table"
    csv = "csv"
    xlsx = "xlsx"


def rows(items: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            i["finding_id"],
            i["check"],
            STATUS_ZH[i["status"]],
            i["finding"].get("message"),
            i.get("unit_id"),
            i["owner_id"],
            i["due"],
            "是" if i["overdue"] else "",
            i["opened_at"],
            i["closed_at"],
            i["reopened"],
            i.get("note"),
        ]
        for i in items
    ]


def ledger(
    status: Annotated[str | None, typer.Option("--status", help="open | closed | accepted | overdue")] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="单位及其下级 / one unit and its sub-units")
    ] = None,
    check: Annotated[str | None, typer.Option("--check", help="只列这项检查 / one check")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="json | table | csv | xlsx")] = Format.table,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="xlsx 文件 / the .xlsx file")] = None,
) -> None:
    """整改台账：每个问题一条，待整改 / 已销号 / 已接受风险；--status overdue 列出逾期未整改的。"""
    if fmt is Format.xlsx and out is None:
        raise ValueError("--format xlsx 需要 -o FILE / --format xlsx needs -o FILE")
    with connect() as g:
        driver, settings = g.driver, g.settings
        items = list_items(
            driver, settings.neo4j_database, status=status, unit=unit, check=check, today=date.today()
        )
    if fmt is Format.json:
        write_json({"items": items})
    elif fmt is Format.csv:
        write_csv(HEADER, rows(items))
    elif fmt is Format.xlsx:
        assert out is not None
        write_xlsx(out, "整改台账", HEADER, rows(items))
        Console(stderr=True).print(f"已写入 / written: {out}（{len(items)} 条）")
    else:
        console = Console(soft_wrap=False)
        table = Table(title=f"整改台账（{len(items)} 条）", title_justify="left", expand=True)
        for name in ("状态", "说明", "责任人", "期限", "重开"):
            table.add_column(name, overflow="fold", ratio=3 if name == "说明" else None)
        for i in items:
            state = STATUS_ZH["overdue"] if i["overdue"] else STATUS_ZH[i["status"]]
            style = "red" if i["overdue"] else "green" if i["status"] == "closed" else ""
            table.add_row(
                f"[{style}]{state}[/{style}]" if style else state,
                i["finding"].get("message") or "",
                i["owner_id"] or "",
                i["due"] or "",
                str(i["reopened"]),
            )
        console.print(table)
