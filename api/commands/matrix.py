"""`powermap matrix [--unit U] --format json|csv`: the 双关键 matrix (key posts x processes)."""

import csv
import io
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from api.commands.connect import connect
from graph.checks.run import ensure_unit
from graph.matrix import RiskMatrix, read_matrix


class MatrixFormat(StrEnum):
    json = "json"
    csv = "csv"


def matrix_csv(matrix: RiskMatrix) -> str:
    """One row per key post, one column per process; a cell is the residual risk (the sum over
    the risk points of that process's nodes the post performs); empty when it performs none."""
    cells = {(c.post_id, c.process_id): c.total_score for c in matrix.cells}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["岗位编号", "关键岗位", *(f"{p.name}（{p.id}）" for p in matrix.processes)])
    for post in matrix.posts:
        row = [cells.get((post.id, p.id)) for p in matrix.processes]
        writer.writerow([post.id, post.name, *("" if v is None else round(v, 2) for v in row)])
    return buffer.getvalue()


def matrix(
    unit: Annotated[str | None, typer.Option("--unit", help="只看此单位（含下级）/ only this unit")] = None,
    fmt: Annotated[MatrixFormat, typer.Option("--format", "-f", help="json | csv")] = MatrixFormat.json,
) -> None:
    """双关键矩阵：行为关键岗位，列为流程，单元格为该岗位在该流程所执行环节的剩余风险（未评级前为固有风险）。"""
    with connect() as g:
        if unit:
            ensure_unit(g.driver, g.database, unit)  # "no such unit", exit 2: not an empty matrix
        result = read_matrix(g.driver, g.database, unit)
    if fmt is MatrixFormat.csv:
        # A BOM so Excel on a Chinese Windows opens it as UTF-8.
        sys.stdout.buffer.write(("\ufeff" + matrix_csv(result)).encode("utf-8"))
    else:
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
