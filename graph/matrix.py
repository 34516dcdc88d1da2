"""The 双关键 matrix: key posts x processes, each cell the risk the post carries in that process."""

from neo4j import Driver
from pydantic import BaseModel

from graph.connection import read


class MatrixCell(BaseModel):
    post_id: str
    process_id: str
    risks: int
    max_score: float
    total_score: float


class MatrixAxis(BaseModel):
    id: str
    name: str


class RiskMatrix(BaseModel):
    """Rows are key posts, columns processes; a missing cell means the post performs nothing there."""

    posts: list[MatrixAxis]
    processes: list[MatrixAxis]
    cells: list[MatrixCell]


def read_matrix(driver: Driver, database: str, unit: str | None = None) -> RiskMatrix:
    """Scores are residual once the risk rating has written them, inherent before."""
    records = read(driver, database, "rating/matrix", unit=unit)
    posts: dict[str, str] = {}
    processes: dict[str, str] = {}
    cells: list[MatrixCell] = []
    for r in records:
        posts.setdefault(r["post_id"], r["post_name"])
        processes.setdefault(r["process_id"], r["process_name"])
        cells.append(MatrixCell(**{k: r[k] for k in MatrixCell.model_fields}))
    return RiskMatrix(
        posts=[MatrixAxis(id=k, name=v) for k, v in sorted(posts.items())],
        processes=[MatrixAxis(id=k, name=v) for k, v in sorted(processes.items())],
        cells=cells,
    )
