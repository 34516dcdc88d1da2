"""`powermap report --month YYYY-MM -o FILE.pdf`: the monthly report (docs/history.md)."""

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.commands.connect import connect
from graph.history.report import gather, write_pdf


def report(
    month: Annotated[str, typer.Option("--month", help="YYYY-MM")],
    out: Annotated[Path, typer.Option("-o", "--out", help="PDF 文件（.json 则写数据）/ the PDF (or .json)")],
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="趋势图所用扫描的范围（默认扫描最多的范围）/ the trend's scan scope"),
    ] = None,
) -> None:
    """月度报告：问题趋势图、本月变化、整改台账（新立、按期销号、逾期、重新打开）、红灯人员与★★★流程。"""
    with connect() as g:
        driver, settings = g.driver, g.settings
        data = gather(driver, settings.neo4j_database, month=month, unit=unit)
    if out.suffix.lower() == ".json":
        out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        write_pdf(data, out, settings.powermap_font)
    Console(stderr=True).print(f"已写入 / written: {out}")
