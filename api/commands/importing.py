"""`powermap import PATH [--unit U] [--prefix P]` and `powermap template -o FILE`."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.commands.connect import connect
from api.ingest import ImportResult, import_path
from importers.template import write_template
from importers.validate import Problem

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

# Below this many rows the import is over before a progress bar would help.
PROGRESS_FROM_ROWS = 20_000


def problems_table(problems: list[Problem]) -> Table:
    table = Table(title=f"{len(problems)} 个问题，未导入任何内容 / problems: nothing was imported")
    for header in ("表 table", "行 row", "列 column", "值 value", "问题 problem"):
        table.add_column(header, overflow="fold")
    for p in problems:
        table.add_row(p.table, "" if p.row is None else str(p.row), p.column or "", p.value or "", p.message)
    return table


def counts_table(result: ImportResult) -> Table:
    assert result.counts is not None
    counts = result.counts
    table = Table(title="已导入 / imported")
    for header in ("表 table", "行 rows", "删除（已不在工作簿中）/ deleted as no longer listed"):
        table.add_column(header)
    for name, rows in counts.rows.items():
        if rows or name in counts.stale:
            table.add_row(name, str(rows), str(counts.stale.get(name, "")))
    table.caption = (
        f"节点 nodes +{counts.nodes_created} -{counts.nodes_deleted}，"
        f"关系 relationships +{counts.relationships_created} -{counts.relationships_deleted}"
    )
    if counts.import_id:  # contract section 6: the import is remembered with its changes
        changed = "，".join(f"{kind} {n}" for kind, n in counts.changes.items()) or "无变化 / no changes"
        table.caption += f"\n导入记录 / import {counts.import_id}：{changed}"
    return table


def import_command(
    path: Annotated[Path, typer.Argument(help="工作簿 .xlsx、CSV 目录、CSV 的 .zip，或 .bpmn 文件")],
    unit: Annotated[str | None, typer.Option("--unit", help="BPMN 导入到哪个单位（须已存在）")] = None,
    prefix: Annotated[str | None, typer.Option("--prefix", help="BPMN 编号前缀，默认为文件名")] = None,
) -> None:
    """导入工作簿或 BPMN 文件；有问题时列出全部问题，什么也不写，退出码非 0。"""
    with (
        connect(schema=True) as g,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("导入 / importing", total=None, visible=False)

        def progress(table: str, rows: int) -> None:
            bar.update(task, advance=rows, description=f"导入 / importing {table}")
            if bar.tasks[0].completed >= PROGRESS_FROM_ROWS:
                bar.update(task, visible=True)

        result = import_path(
            g.driver,
            g.database,
            path,
            unit,
            prefix,
            progress,
            model=g.settings.powermap_risk,
            limits=g.settings.powermap_import_limits,
        )
    for warning in result.warnings:
        err.print(f"[yellow]{warning}[/yellow]", highlight=False)
    if not result.ok:
        err.print(problems_table(result.problems))
        raise typer.Exit(1)
    out.print(counts_table(result))


def template_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 .xlsx 文件")],
) -> None:
    """写出空白工作簿模板：中文表头、每表一行示例、说明页。"""
    write_template(output)
    out.print(f"已写出模板 / template written: {output}")


def register(app: typer.Typer) -> None:
    """Top-level commands, not a group: `powermap import` and `powermap template`."""
    app.command("import")(import_command)
    app.command("template")(template_command)
