"""`powermap matrix [--unit U] --format json|csv|xlsx [-o FILE]`: the 双关键 matrix (key posts x
processes)."""

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from api.commands.connect import connect
from api.exports import Cell, Sheet, to_csv, to_xlsx, write_out
from graph.checks.run import ensure_unit
from graph.matrix import RiskMatrix, read_matrix


class MatrixFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def matrix_sheet(matrix: RiskMatrix) -> Sheet:
    """One row per key post, one column per process; a cell is the residual risk (the sum over
    the risk points of that process's nodes the post performs); empty when it performs none."""
    cells = {(c.post_id, c.process_id): c.total_score for c in matrix.cells}
    rows: list[list[Cell]] = []
    for post in matrix.posts:
        values = [cells.get((post.id, p.id)) for p in matrix.processes]
        rows.append([post.id, post.name, *(None if v is None else round(v, 2) for v in values)])
    header = ["岗位编号", "关键岗位", *(f"{p.name}（{p.id}）" for p in matrix.processes)]
    return Sheet("双关键矩阵", header, rows)


def detail_sheet(matrix: RiskMatrix) -> Sheet:
    """The matrix's cells one per row: what a filter or a pivot table wants."""
    posts = {p.id: p.name for p in matrix.posts}
    processes = {p.id: p.name for p in matrix.processes}
    return Sheet(
        "明细",
        ("关键岗位", "流程", "风险点数", "最高风险分", "风险合计", "岗位编号", "流程编号"),
        [
            (
                posts.get(c.post_id, c.post_id),
                processes.get(c.process_id, c.process_id),
                c.risks,
                round(c.max_score, 2),
                round(c.total_score, 2),
                c.post_id,
                c.process_id,
            )
            for c in matrix.cells
        ],
    )


def matrix_csv(matrix: RiskMatrix) -> bytes:
    return to_csv(matrix_sheet(matrix))


def matrix(
    unit: Annotated[str | None, typer.Option("--unit", help="只看此单位（含下级）/ only this unit")] = None,
    fmt: Annotated[
        MatrixFormat, typer.Option("--format", "-f", help="json | csv | xlsx")
    ] = MatrixFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 / write to this file")
    ] = None,
) -> None:
    """双关键矩阵：行为关键岗位，列为流程，单元格为该岗位在该流程所执行环节的剩余风险（未评级前为固有风险）。"""
    with connect() as g:
        if unit:
            ensure_unit(g.driver, g.database, unit)  # "no such unit", exit 2: not an empty matrix
        result = read_matrix(g.driver, g.database, unit)
    if fmt is MatrixFormat.csv:
        data = matrix_csv(result)
    elif fmt is MatrixFormat.xlsx:
        data = to_xlsx([matrix_sheet(result), detail_sheet(result)])
    else:
        data = (json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode()
    write_out(data, output, binary=fmt is MatrixFormat.xlsx)
