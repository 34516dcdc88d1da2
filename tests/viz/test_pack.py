"""The training pack prints: every page A4 or A3, a chart too big for A3 at 7 pt split with
接续 markers, the cover names the station, index, heatmap and chapters in one order."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver
from pypdf import PdfReader
from pypdf.generic import Destination

from graph.rows import Workbook
from graph.settings import Settings
from graph.vocab import DEFAULT_FONT
from tests.build import load
from tests.viz.workbooks import big_process, demo_station
from viz.pack import COMBINED, render_pack
from viz.paper import MIN_SCALE, PAPERS, plan

DAY = date(2025, 6, 1)
SHEETS = {(round(w), round(h)) for _, a, b in PAPERS for w, h in ((a, b), (b, a))}


def sizes(path: Path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(path).pages]


def text(path: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout


@pytest.mark.parametrize(
    ("width", "height", "paper", "pages"),
    [
        (526, 355, "A4", 1),  # a small cover
        (1140, 780, "A3", 1),  # A4 would print it below 7 pt
        (3080, 3077, "A3", 6),  # about a metre square: tiles, never shrunk below MIN_SCALE
    ],
)
def test_plan_picks_the_smallest_sheet_that_keeps_text_readable(
    width: float, height: float, paper: str, pages: int
) -> None:
    p = plan(width, height)
    assert (p.paper, p.pages) == (paper, pages)
    assert p.scale >= MIN_SCALE
    assert (round(p.width), round(p.height)) in SHEETS


def test_a_long_tall_chart_is_portrait_a_wide_one_landscape() -> None:
    assert not plan(600, 1400).landscape
    assert plan(1400, 600).landscape


def test_the_pack_prints_on_a4_and_a3(db: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    database = neo4j_settings.neo4j_database
    big = big_process(70)
    station = demo_station()
    both = {k: [*getattr(station, k), *getattr(big, k)] for k in Workbook.model_fields}
    load(db, database, Workbook(**both))
    pack = render_pack(db, database, tmp_path, font=DEFAULT_FONT, today=DAY)
    combined = tmp_path / COMBINED
    for path in [*pack.files, combined]:
        assert set(sizes(path)) <= SHEETS, path.name
    assert len(sizes(combined)) == pack.pages

    cover = text(combined, 1)
    assert "城南供电所" in cover and "大流程供电所" in cover and "个单位" not in cover
    # The index lists the chapters in the order they come, each on the page it names.
    index = text(combined, 2)
    listed = re.findall(r"^\s*(\d+)\s+(\S+)\s+(\S+)", index, re.M)
    starts = {pid: int(page) for page, _, pid in listed}
    reader = PdfReader(combined)
    outline: dict[str, int] = {}
    for item in reader.outline:
        assert isinstance(item, Destination)
        outline[str(item.title)] = (reader.get_destination_page_number(item) or 0) + 1
    chapters = {t.rsplit("（", 1)[1].rstrip("）"): page for t, page in outline.items() if "（" in t}
    assert starts == chapters
    assert list(starts) == sorted(starts, key=starts.__getitem__)
    # The heatmap's columns in the same order.
    heat = text(combined, 3)
    assert "参与·无风险点" in heat or "b ＝ 风险点数" in heat
    # The big chart does not fit A3 at 7 pt: several sheets, each pointing to the next.
    big_file = next(f for f in pack.files if f.stem == "BIG-F")
    pages = len(sizes(big_file))
    assert pages > 1
    assert "接续 第 2 页" in text(big_file, 1)
    assert "接续 第 1 页" in text(big_file, 2)
