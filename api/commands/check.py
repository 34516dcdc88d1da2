"""`powermap check [--unit U] [--check NAME] [--format json|table|csv|xlsx] [-o FILE]`: the findings.

Exit 0 when the checks ran, whatever they found; 1 when the database fails; 2 on bad input.
"""

import io
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.commands.connect import connect
from api.exports import Cell, Sheet, to_csv, to_xlsx, write_out
from graph.checks import CHECKS, FindingsReport, run_checks
from graph.vocab import SEVERITIES, word

err = Console(stderr=True, soft_wrap=True)

SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan"}
# The words a reader scans first; the codes follow in their own columns, for scripts and filters.
KIND_WORDS = {
    "vacant": "A角空缺",
    "no_backup": "无B角",
    "self_backup": "B角只有A角本人",
    "no_control": "无防控措施",
    "self_control": "执行岗位自己防控",
    "unowned": "防控措施无责任岗位",
}
CSV_HEADER = (
    "检查项",
    "类别",
    "严重程度",
    "说明",
    "单位",
    "岗位",
    "人员",
    "环节",
    "风险点",
    "职责",
    "已补偿",
    "规则理由",
    "检查代码 check",
    "类别代码 kind",
    "严重程度代码 severity",
    "问题编号 finding_id",
)


def kind_code(f: dict[str, Any]) -> str:
    """ab_gap's kind, uncontrolled's reason; other checks have none (their `reason` is the rule's)."""
    if f.get("kind"):
        return str(f["kind"])
    return str(f.get("reason") or "") if f["check"] == "uncontrolled" else ""


def csv_row(f: dict[str, Any]) -> list[Cell]:
    """A finding of the JSON as the cells under CSV_HEADER."""
    mitigated = f.get("mitigated")
    kind = kind_code(f)
    check_name = CHECKS[f["check"]].title if f["check"] in CHECKS else f["check"]
    return [
        check_name,
        KIND_WORDS.get(kind, kind),
        word(SEVERITIES, f["severity"]),
        f["message"],
        f.get("unit_id") or "",
        f.get("post_id") or "",
        f.get("person_id") or "",
        f.get("node_id") or "",
        f.get("risk_id") or "",
        "、".join(f.get("duties") or ()),
        None if mitigated is None else bool(mitigated),
        "" if f["check"] == "uncontrolled" else f.get("reason") or "",
        f["check"],
        kind,
        f["severity"],
        f["finding_id"],
    ]


def findings_sheet(report: FindingsReport) -> Sheet:
    return Sheet("检查结果", CSV_HEADER, [csv_row(f) for f in report.model_dump(mode="json")["findings"]])


def summary_sheet(report: FindingsReport) -> Sheet:
    return Sheet(
        "汇总",
        ("检查项", "数量", "检查代码 check"),
        [(CHECKS[name].title, count, name) for name, count in report.summary.items()],
    )


class Format(StrEnum):
    json = "json"
    table = "table"
    csv = "csv"
    xlsx = "xlsx"


def _names(values: list[str] | None) -> list[str] | None:
    """`--check a --check b` and `--check a,b` alike."""
    if not values:
        return None
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def as_json(report: FindingsReport) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def as_csv(report: FindingsReport) -> bytes:
    """One row per finding (api/exports.py: a BOM, Excel-safe)."""
    return to_csv(findings_sheet(report))


def as_xlsx(report: FindingsReport) -> bytes:
    """The findings sheet, then the counts."""
    return to_xlsx([findings_sheet(report), summary_sheet(report)])


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
    fmt: Annotated[Format, typer.Option("--format", help="json | table | csv | xlsx")] = Format.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 / write to this file")
    ] = None,
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
    if fmt is Format.table and output is None:
        print_table(report, Console(soft_wrap=False))
        return
    data = {
        Format.json: lambda: as_json(report).encode("utf-8"),
        Format.csv: lambda: as_csv(report),
        Format.xlsx: lambda: as_xlsx(report),
        Format.table: lambda: _table_text(report).encode("utf-8"),
    }[fmt]()
    write_out(data, output, binary=fmt is Format.xlsx)


def _table_text(report: FindingsReport) -> str:
    console = Console(file=io.StringIO(), soft_wrap=False, width=160)
    print_table(report, console)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()
