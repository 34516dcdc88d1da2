"""`powermap check [--unit U] [--check NAME] [--format json|table|csv]`: the findings.

Exit 0 when the checks ran, whatever they found; 1 when the database fails; 2 on bad input.
"""

import csv
import io
import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.commands.connect import connect
from graph.checks import CHECKS, FindingsReport, run_checks
from graph.vocab import SEVERITIES, word

err = Console(stderr=True, soft_wrap=True)

SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan"}
CSV_HEADER = (
    "检查 check",
    "严重程度 severity",
    "说明 message",
    "单位 unit",
    "类别 kind",
    "岗位 post",
    "人员 person",
    "环节 node",
    "风险点 risk",
    "职责 duties",
    "已补偿 mitigated",
    "问题编号 finding_id",
)


def csv_row(f: dict[str, Any]) -> list[str]:
    """A finding of the JSON as the cells under CSV_HEADER."""
    mitigated = f.get("mitigated")
    return [
        f["check"],
        word(SEVERITIES, f["severity"]),
        f["message"],
        f.get("unit_id") or "",
        f.get("kind") or f.get("reason") or "",
        f.get("post_id") or "",
        f.get("person_id") or "",
        f.get("node_id") or "",
        f.get("risk_id") or "",
        "、".join(f.get("duties") or ()),
        "" if mitigated is None else "是" if mitigated else "否",
        f["finding_id"],
    ]


class Format(StrEnum):
    json = "json"
    table = "table"
    csv = "csv"


def _names(values: list[str] | None) -> list[str] | None:
    """`--check a --check b` and `--check a,b` alike."""
    if not values:
        return None
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def as_json(report: FindingsReport) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def as_csv(report: FindingsReport) -> str:
    """One row per finding; starts with a BOM so that Excel reads the Chinese as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_row(f) for f in report.model_dump(mode="json")["findings"])
    return "\ufeff" + buffer.getvalue()


def print_table(report: FindingsReport, console: Console) -> None:
    """A summary of counts, then the findings grouped by check, coloured by severity."""
    summary = Table(title="检查结果 / findings", title_justify="left")
    summary.add_column("检查 check")
    summary.add_column("数量", justify="right")
    for name, count in report.summary.items():
        summary.add_row(
            f"{CHECKS[name].title} {name}", f"[bold]{count}[/bold]" if count else "[green]0[/green]"
        )
    console.print(summary)
    for name, count in report.summary.items():
        if not count:
            continue
        table = Table(title=f"{CHECKS[name].title} {name}（{count}）", title_justify="left", expand=True)
        table.add_column("严重程度", no_wrap=True, width=8)
        table.add_column("说明 / message", ratio=1, overflow="fold")
        for finding in report.findings:
            if finding.check == name:
                style = SEVERITY_STYLE[finding.severity]
                table.add_row(f"[{style}]{word(SEVERITIES, finding.severity)}[/{style}]", finding.message)
        console.print(table)


def check(
    unit: Annotated[str | None, typer.Option("--unit", help="只查这个单位（编号）/ one unit")] = None,
    names: Annotated[
        list[str] | None,
        typer.Option("--check", help=f"检查项，可重复或逗号分隔 / checks: {', '.join(CHECKS)}"),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="json | table | csv")] = Format.table,
) -> None:
    """运行风险检查：A/B角缺口、不相容职责、风险点防控、双人规则、一人多职、自由裁量监督。"""
    # Unknown checks and units (exit 2) and database failures (exit 1) are reported by api/cli.py.
    with connect() as g:
        report = run_checks(
            g.driver,
            g.database,
            unit=unit,
            checks=_names(names),
            threshold=g.settings.powermap_concentration_threshold,
        )
    if fmt is Format.json:
        sys.stdout.write(as_json(report))
    elif fmt is Format.csv:
        sys.stdout.buffer.write(as_csv(report).encode("utf-8"))
    else:
        print_table(report, Console(soft_wrap=False))
