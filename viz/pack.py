"""A training pack: one PDF per process, and one combined PDF with a cover, an index and the
双关键 heatmap page before the charts (bookmarked)."""

import io
from datetime import date
from pathlib import Path

from neo4j import Driver
from pydantic import BaseModel
from pypdf import PdfReader, PdfWriter

from graph.matrix import read_matrix
from graph.process_read import list_processes
from viz import pages
from viz.render import render_process

COMBINED = "培训手册.pdf"
_FRONT_PAGES = 3  # cover, index, heatmap


class PackResult(BaseModel):
    files: list[Path]
    combined: Path
    skipped: list[str]  # processes with no nodes: nothing to draw


class EmptyPackError(LookupError):
    """No process to draw."""


def render_pack(
    driver: Driver,
    database: str,
    out_dir: Path,
    *,
    unit: str | None = None,
    conflicted: frozenset[str] = frozenset(),
    font: str,
    today: date | None = None,
) -> PackResult:
    today = today or date.today()
    processes = list_processes(driver, database, unit)
    drawable = [p for p in processes if p.nodes]
    if not drawable:
        where = f"单位 {unit} " if unit else ""
        raise EmptyPackError(f"{where}没有可绘制的流程 / no process with nodes to draw")
    charts = [
        render_process(driver, database, p.id, "pdf", conflicted=conflicted, font=font, today=today)
        for p in drawable
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for p, chart in zip(drawable, charts, strict=True):
        path = out_dir / f"{_safe(p.id)}.pdf"
        path.write_bytes(chart)
        files.append(path)

    units = sorted({p.unit_name for p in drawable})
    title = units[0] if len(units) == 1 else f"{len(units)} 个单位"
    front = [
        pages.cover(title, len(drawable), today, font),
        pages.index([(p, _FRONT_PAGES + 1 + i) for i, p in enumerate(drawable)], font),
        pages.heatmap(read_matrix(driver, database, unit), font),
    ]
    writer = PdfWriter()
    for label, pdf in zip(("封面", "目录", "双关键矩阵"), front, strict=True):
        _append(writer, pdf, label)
    for p, chart in zip(drawable, charts, strict=True):
        _append(writer, chart, f"{p.name}（{p.id}）")
    combined = out_dir / COMBINED
    with combined.open("wb") as fh:
        writer.write(fh)
    return PackResult(files=files, combined=combined, skipped=[p.id for p in processes if not p.nodes])


def _append(writer: PdfWriter, pdf: bytes, bookmark: str) -> None:
    first = len(writer.pages)
    writer.append(PdfReader(io.BytesIO(pdf)))
    writer.add_outline_item(title=bookmark, page_number=first)


def _safe(name: str) -> str:
    """A file name from an id: path separators and other awkward characters become '_'."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).lstrip(".") or "_"
