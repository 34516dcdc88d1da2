"""`powermap scan [--unit U] [--format json|table]`: run every check, remember the scan, update the
rectification ledger (docs/history.md). Exit 0 when the scan ran, whatever it found; 1 when the
database fails; 2 on bad input (unknown unit)."""

from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.commands.connect import connect
from api.commands.history_io import write_json
from graph.checks import CHECKS
from graph.history.drift import local_day
from graph.history.scans import run_scan
from graph.vocab import SEVERITIES, word


class Format(StrEnum):
    json = "json"
    table = "table"


def _findings(console: Console, title: str, found: list[dict[str, Any]], style: str) -> None:
    if not found:
        return
    table = Table(title=f"{title}（{len(found)}）", title_justify="left", expand=True)
    table.add_column("检查", no_wrap=True)
    table.add_column("严重程度", no_wrap=True)
    table.add_column("说明 / message", ratio=1, overflow="fold")
    for f in found:
        table.add_row(
            CHECKS[f["check"]].title if f["check"] in CHECKS else f["check"],
            word(SEVERITIES, f["severity"]),
            f"[{style}]{f['message']}[/{style}]",
        )
    console.print(table)


def print_scan(result: dict[str, Any], console: Console) -> None:
    ledger = result["ledger"]
    console.print(
        f"[bold]扫描 {result['scan_id']}[/bold]（{local_day(result['at'])}，范围 {result['scope']}）："
        f"共 {sum(result['summary'].values())} 个问题，"
        f"新增 {len(result['new'])}，已解决 {len(result['resolved'])}"
    )
    console.print(
        f"整改台账：新立 {ledger['opened']}，销号 {ledger['closed']}，重新打开 {ledger['reopened']}，"
        f"接受到期 {ledger['lapsed']}"
    )
    if result["previous_scan_id"] is None:
        console.print("（该范围第一次扫描：全部问题记为新增）")
    _findings(console, "新增问题 / new", result["new"], "red")
    _findings(console, "已解决 / resolved", result["resolved"], "green")


def scan(
    unit: Annotated[
        str | None, typer.Option("--unit", help="只扫这个单位及其下级 / one unit and its sub-units")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="json | table")] = Format.table,
) -> None:
    """扫描：运行全部检查，记录本次结果，更新整改台账（销号、重新打开），并与上次扫描比较。"""
    with connect(schema=True) as g:
        driver, settings = g.driver, g.settings
        result = run_scan(
            driver,
            settings.neo4j_database,
            threshold=settings.powermap_concentration_threshold,
            due_days=settings.powermap_ledger_due_days,
            unit=unit,
        )
    if fmt is Format.json:
        write_json(result)
    else:
        print_scan(result, Console(soft_wrap=False))
