"""`powermap render`: one flowchart, or with --all a training pack."""

from pathlib import Path
from typing import Annotated, cast, get_args

import typer
from rich.console import Console

from api.commands.connect import connect
from graph.process_read import ProcessNotFoundError
from viz.flowchart import EmptyProcessError
from viz.pack import EmptyPackError, render_pack
from viz.render import Format, render_process

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]{message}[/red]", highlight=False)
    return typer.Exit(1)


def render(
    process_id: Annotated[str | None, typer.Argument(help="流程编号 / process id")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="svg | png | pdf")] = "svg",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件 / output file")] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="全部流程的培训包 / a training pack of every process")
    ] = False,
    unit: Annotated[str | None, typer.Option("--unit", help="只画此单位（含下级）/ only this unit")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="培训包目录 / directory of the pack")] = None,
    notes: Annotated[bool, typer.Option("--notes/--no-notes", help="附防控措施便签 / control notes")] = True,
) -> None:
    """画权力运行流程图：PROCESS_ID -o FILE，或 --all --out DIR 生成培训包（每流程一个 PDF 加合订本）。"""
    if fmt not in get_args(Format):
        raise _fail(f"--format 只能是 svg、png 或 pdf，不是 {fmt!r}")
    if all_:
        if process_id or output:
            raise _fail("--all 不与 PROCESS_ID 或 -o 同用；用 --out DIR / --all takes --out DIR")
        if fmt != "pdf" or out_dir is None:
            raise _fail("培训包需要 --format pdf --out DIR / a training pack needs --format pdf --out DIR")
    elif not process_id or output is None:
        raise _fail("需要 PROCESS_ID 和 -o FILE（或 --all --out DIR）/ give PROCESS_ID and -o FILE")
    with connect() as g:
        driver, database, settings = g.driver, g.database, g.settings
        try:
            if all_ and out_dir is not None:
                pack = render_pack(
                    driver,
                    database,
                    out_dir,
                    unit=unit,
                    font=settings.powermap_font,
                )
                for pid in pack.skipped:
                    err.print(f"跳过没有环节的流程 / skipped, no nodes: {pid}", highlight=False)
                out.print(
                    f"已生成 {len(pack.files)} 个流程图和合订本 / written: {pack.combined}", highlight=False
                )
                return
            data = render_process(
                driver,
                database,
                str(process_id),
                cast(Format, fmt),
                notes=notes,
                font=settings.powermap_font,
            )
        except (ProcessNotFoundError, EmptyProcessError, EmptyPackError) as exc:
            raise _fail(str(exc)) from None
    assert output is not None
    output.write_bytes(data)
    out.print(f"已写入 / written: {output}（{len(data)} 字节）", highlight=False)
