"""A training pack: one PDF per process, and one combined PDF with a cover, an index and the
双关键 heatmap before the charts (bookmarked). Every page is A4 or A3 (viz/paper.py); the index,
the heatmap's columns and the chapters follow one order: by unit, then process id."""

import io
from datetime import date
from pathlib import Path

from neo4j import Driver
from pydantic import BaseModel
from pypdf import PageObject, PdfWriter

from graph.connection import read
from graph.matrix import RiskMatrix, read_matrix
from graph.process_read import list_processes
from viz import pages
from viz.paper import pages_needed, place
from viz.render import render_process

COMBINED = "培训手册.pdf"


class PackResult(BaseModel):
    files: list[Path]
    combined: Path
    skipped: list[str]  # processes with no nodes: nothing to draw
    pages: int  # of the combined PDF


class EmptyPackError(LookupError):
    """No process to draw."""


def cover_title(driver: Driver, database: str, unit: str | None) -> tuple[str, str]:
    """The station(s) the pack is about (units of kind station in scope; else the units that own
    the processes), and what else it covers: their teams, or the company above."""
    rows = read(driver, database, "viz/pack_units", unit=unit)
    stations = [r for r in rows if r["kind"] == "station"] or [r for r in rows if r["processes"]]
    names = {r["name"] for r in stations}
    title = "、".join(r["name"] for r in stations)
    teams = [r["name"] for r in rows if r["name"] not in names and r["parent_name"] in names]
    if teams:
        return title, "含 " + "、".join(teams)
    above = sorted({r["parent_name"] for r in stations if r["parent_name"] and r["parent_name"] not in names})
    return title, ("隶属 " + "、".join(above) if above else "")


def render_pack(
    driver: Driver,
    database: str,
    out_dir: Path,
    *,
    unit: str | None = None,
    font: str,
    today: date | None = None,
) -> PackResult:
    today = today or date.today()
    processes = list_processes(driver, database, unit)
    drawable = [p for p in processes if p.nodes]
    if not drawable:
        where = f"单位 {unit} " if unit else ""
        raise EmptyPackError(f"{where}没有可绘制的流程 / no process with nodes to draw")
    charts = [render_process(driver, database, p.id, "pdf", font=font, today=today) for p in drawable]
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for p, chart in zip(drawable, charts, strict=True):
        path = out_dir / f"{_safe(p.id)}.pdf"
        _write(path, [(place(chart, title=_chapter(p.name, p.id), first=1, font=font), None)])
        files.append(path)

    title, subtitle = cover_title(driver, database, unit)
    order = [p.id for p in drawable]
    matrix = _in_order(read_matrix(driver, database, unit), order)
    # The front pages first (their sheet counts fix where the charts start), then the index
    # with the charts' first pages.
    front_cover = pages.cover(title, subtitle, len(drawable), today, font)
    front_heat = pages.heatmap(matrix, font)
    index_sheets = pages_needed(pages.index([(p, 0) for p in drawable], font))
    at = 1 + pages_needed(front_cover, grow=True) + index_sheets + pages_needed(front_heat)
    starts = []
    for chart in charts:
        starts.append(at)
        at += pages_needed(chart)
    front_index = pages.index(list(zip(drawable, starts, strict=True)), font)
    parts: list[tuple[list[PageObject], str | None]] = []
    page = 1
    for pdf, label, grow in (
        (front_cover, "封面", True),
        (front_index, "目录", False),
        (front_heat, "双关键矩阵", False),
    ):
        sheets = place(pdf, title="" if grow else label, first=page, font=font, grow=grow)
        parts.append((sheets, label))
        page += len(sheets)
    for p, chart in zip(drawable, charts, strict=True):
        sheets = place(chart, title=_chapter(p.name, p.id), first=page, font=font)
        parts.append((sheets, _chapter(p.name, p.id)))
        page += len(sheets)
    combined = out_dir / COMBINED
    _write(combined, parts)
    return PackResult(
        files=files, combined=combined, skipped=[p.id for p in processes if not p.nodes], pages=page - 1
    )


def _chapter(name: str, pid: str) -> str:
    return f"{name}（{pid}）"


def _in_order(matrix: RiskMatrix, order: list[str]) -> RiskMatrix:
    """The heatmap's columns in the index's order."""
    rank = {pid: k for k, pid in enumerate(order)}
    processes = sorted(matrix.processes, key=lambda a: (rank.get(a.id, len(rank)), a.id))
    return matrix.model_copy(update={"processes": processes})


def _write(path: Path, parts: list[tuple[list[PageObject], str | None]]) -> None:
    writer = PdfWriter()
    for sheets, bookmark in parts:
        first = len(writer.pages)
        for sheet in sheets:
            writer.add_page(sheet)
        if bookmark:
            writer.add_outline_item(title=bookmark, page_number=first)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def _safe(name: str) -> str:
    """A file name from an id: path separators and other awkward characters become '_'."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).lstrip(".") or "_"
