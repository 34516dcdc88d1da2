"""`powermap drift [--from SCAN] [--to SCAN] [--unit U] --format json|table|csv`: what changed
between two scans (default the last two of the scope) and the imports that explain it."""

from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.commands.connect import connect
from api.commands.history_io import write_csv, write_json
from graph.history.drift import GROUP_ZH, describe, local_day, story
from graph.history.drift import drift as compute
from graph.vocab import SEVERITIES, word

CSV_HEADER = (
    "类别 group",
    "检查 check",
    "严重程度 severity",
    "说明 message",
    "单位 unit",
    "问题编号 finding_id",
    "导入 import_id",
    "时间 at",
)


class Format(StrEnum):
    json = "json"
    table = "table"
    csv = "csv"


def csv_rows(result: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for group in ("new", "resolved", "changed"):
        for f in result[group]:
            rows.append(
                [
                    GROUP_ZH[group],
                    f["check"],
                    word(SEVERITIES, f["severity"]),
                    f["message"],
                    f.get("unit_id"),
                    f["finding_id"],
                    "",
                    "",
                ]
            )
    for c in result["changes"]:
        rows.append(
            ["导入变化 " + c["kind"], "", "", describe(c), c.get("unit_id"), "", c["import_id"], c["at"]]
        )
    return rows


def print_drift(result: dict[str, Any], console: Console) -> None:
    frm, to = result["from"], result["to"]
    start = f"{frm['scan_id']}（{local_day(frm['at'])}）" if frm else "（无更早的扫描）"
    console.print(f"[bold]变化：{start} → {to['scan_id']}（{local_day(to['at'])}）[/bold]")
    console.print(
        f"新增 {len(result['new'])}，已解决 {len(result['resolved'])}，有变化 {len(result['changed'])}；"
        f"期间导入变化 {len(result['changes'])} 项"
    )
    lines = story(result)
    if lines:
        table = Table(
            title="导入变化与问题 / what changed and what it did", title_justify="left", expand=True
        )
        table.add_column("", ratio=1, overflow="fold")
        for line in lines:
            table.add_row(line)
        console.print(table)
    for group, style in (("new", "red"), ("resolved", "green"), ("changed", "yellow")):
        if result[group]:
            table = Table(
                title=f"{GROUP_ZH[group]}（{len(result[group])}）", title_justify="left", expand=True
            )
            table.add_column("严重程度", no_wrap=True)
            table.add_column("说明", ratio=1, overflow="fold")
            for f in result[group]:
                table.add_row(word(SEVERITIES, f["severity"]), f"[{style}]{f['message']}[/{style}]")
            console.print(table)


def drift(
    from_id: Annotated[str | None, typer.Option("--from", help="起点扫描编号 / from scan")] = None,
    to_id: Annotated[str | None, typer.Option("--to", help="终点扫描编号 / to scan")] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="单位及其下级 / one unit and its sub-units")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="json | table | csv")] = Format.table,
) -> None:
    """两次扫描之间的变化（默认最近两次）：新增、已解决、有变化的问题，以及期间导入的变化。"""
    with connect() as g:
        driver, settings = g.driver, g.settings
        result = compute(driver, settings.neo4j_database, from_id=from_id, to_id=to_id, unit=unit)
    if fmt is Format.json:
        write_json(result)
    elif fmt is Format.csv:
        write_csv(CSV_HEADER, csv_rows(result))
    else:
        print_drift(result, Console(soft_wrap=False))
