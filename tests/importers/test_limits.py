"""Bounded reading (importers/limits.py): bombs and monsters are refused with a clear message,
within seconds and a bounded amount of memory, and nothing is written."""

import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from neo4j import Driver
from openpyxl import Workbook as XlsxBook

from api.ingest import ImportResult, import_bytes, import_path
from graph.settings import ImportLimits, Settings
from tests.build import LIMITS, RISK, load
from tests.db import checksum, counts
from tests.test_sample import CSV_DIR, XLSX
from tests.workbooks import station, tables, write_csv_dir

DB = "neo4j"
SECONDS = 10.0
PEAK_BYTES = 300_000_000
NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@contextmanager
def bounded() -> Iterator[None]:
    """The block runs within SECONDS and allocates at most PEAK_BYTES at its peak."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert peak < PEAK_BYTES, f"peak {peak / 1e6:.0f} MB"


def refused(db: Driver, run: Callable[[], ImportResult], *words: str) -> ImportResult:
    before = (counts(db, DB), checksum(db, DB))
    with bounded():
        result = run()
    assert not result.ok and result.too_large, result.problems
    message = result.problems[0].message
    assert all(w in message for w in words), message
    assert "Traceback" not in message
    assert (counts(db, DB), checksum(db, DB)) == before, "nothing is written"
    return result


def _stream_member(archive: zipfile.ZipFile, name: str, parts: Iterator[bytes]) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        for part in parts:
            member.write(part)


def _zip(members: dict[str, Iterator[bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, parts in members.items():
            _stream_member(archive, name, parts)
    return buffer.getvalue()


def _repeat(block: bytes, total: int) -> Iterator[bytes]:
    """`block` repeated to `total` bytes (a whole number of blocks), a megabyte at a time."""
    count = total // len(block)
    per_chunk = max(1, 1_000_000 // len(block))
    while count > 0:
        yield block * min(per_chunk, count)
        count -= per_chunk


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A .zip of one CSV file: 400 MB of commas in well under a megabyte."""
    units = iter([b"id,name\n"])
    return _zip({"units.csv": units, "posts.csv": _repeat(b",", 400_000_000)})


def test_a_zip_bomb_is_refused_by_its_declared_size(db: Driver, zip_bomb: bytes) -> None:
    load(db, DB, station("A"))
    assert len(zip_bomb) < 1_000_000
    refused(db, lambda: import_bytes(db, DB, "bomb.zip", zip_bomb, limits=LIMITS, model=RISK), "MAX_BYTES")


def test_a_high_ratio_under_the_size_bound_is_refused_too(db: Driver) -> None:
    data = _zip({"posts.csv": _repeat(b",", 30_000_000)})
    refused(
        db, lambda: import_bytes(db, DB, "ratio.zip", data, limits=LIMITS, model=RISK), "MAX_RATIO", "压缩比"
    )


def test_too_many_members(db: Driver) -> None:
    data = _zip({f"x{i}.csv": iter([b"a"]) for i in range(30)})
    limits = ImportLimits(max_members=20)
    refused(db, lambda: import_bytes(db, DB, "many.zip", data, limits=limits, model=RISK), "MAX_MEMBERS")


def _one_unit_xlsx(name: str) -> zipfile.ZipFile:
    """A real workbook, as openpyxl writes it, of one unit named `name`: its parts to rework."""
    buffer = io.BytesIO()
    book = XlsxBook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "units"
    sheet.append(["id", "name"])
    sheet.append(["U", name])
    book.save(buffer)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _shared_strings_xlsx(strings: int) -> bytes:
    """A real workbook whose shared-strings part is replaced by one holding `strings` entries."""
    source = _one_unit_xlsx("单位")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename != "xl/sharedStrings.xml":
                archive.writestr(info.filename, source.read(info))
        head = f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="{strings}" uniqueCount="{strings}">'
        parts = iter([head.encode(), *_repeat(b"<si><t>x</t></si>", strings * 17), b"</sst>"])
        _stream_member(archive, "xl/sharedStrings.xml", parts)
    return out.getvalue()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_a_shared_strings_bomb_is_refused(db: Driver) -> None:
    bomb = _shared_strings_xlsx(10_000_000)  # 170 MB of XML
    assert len(bomb) < 2_000_000
    refused(db, lambda: import_bytes(db, DB, "bomb.xlsx", bomb, limits=LIMITS, model=RISK), "MAX_")


def test_shared_strings_are_counted_without_parsing(db: Driver) -> None:
    data = _shared_strings_xlsx(5_000)
    limits = ImportLimits(max_shared_strings=4_000)
    refused(
        db, lambda: import_bytes(db, DB, "many.xlsx", data, limits=limits, model=RISK), "MAX_SHARED_STRINGS"
    )


def test_cells_are_counted_before_reading(db: Driver, tmp_path: Path) -> None:
    limits = ImportLimits(max_cells=1_000)
    refused(db, lambda: import_path(db, DB, XLSX, limits=limits, model=RISK), "MAX_CELLS")
    refused(db, lambda: import_path(db, DB, CSV_DIR, limits=limits, model=RISK), "MAX_CELLS")


def test_a_sheet_spanning_a_million_rows_is_refused(db: Driver, tmp_path: Path) -> None:
    book = XlsxBook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "units"
    sheet.append(["id", "name"])
    sheet.cell(row=1_048_575, column=2, value="x")
    path = tmp_path / "tall.xlsx"
    book.save(path)
    refused(db, lambda: import_path(db, DB, path, limits=LIMITS, model=RISK), "MAX_ROWS")


@pytest.mark.parametrize("length", [40_000, 200_000])
def test_a_long_csv_field_is_refused(db: Driver, tmp_path: Path, length: int) -> None:
    edited = tables()
    edited["units"][1][1] = "长" * length
    directory = write_csv_dir(tmp_path / "wb", edited)
    result = refused(db, lambda: import_path(db, DB, directory, limits=LIMITS, model=RISK), "MAX_CELL_CHARS")
    assert "units" in result.problems[0].message


def _xlsx_with_shared_string(text: str) -> bytes:
    """openpyxl cuts a cell to 32,767 characters when it writes and reads one: other programs do
    not, and nothing is ever cut silently."""
    source = _one_unit_xlsx("placeholder")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info)
            part = part.replace(b">placeholder<", f">{text}<".encode())  # openpyxl: inline strings
            archive.writestr(info.filename, part)
    return out.getvalue()


def test_a_long_xlsx_cell_is_refused(db: Driver) -> None:
    for length in (40_000, 200_000):
        data = _xlsx_with_shared_string("长" * length)

        def run(data: bytes = data) -> ImportResult:
            return import_bytes(db, DB, "long.xlsx", data, limits=LIMITS, model=RISK)

        refused(db, run, str(length))


def test_a_cell_of_excels_own_limit_is_fine(db: Driver) -> None:
    data = _xlsx_with_shared_string("长" * 32_767)
    result = import_bytes(db, DB, "fine.xlsx", data, limits=LIMITS, model=RISK)
    assert result.ok, result.problems


@pytest.mark.parametrize("depth", [3_000, 200_000])
def test_deep_bpmn_is_refused(db: Driver, depth: int) -> None:
    load(db, DB, station("A"))
    inner = "<subProcess>" * depth + "</subProcess>" * depth
    data = f'<definitions xmlns="{NS}"><process id="p">{inner}</process></definitions>'.encode()
    refused(
        db,
        lambda: import_bytes(db, DB, "deep.bpmn", data, unit="A", limits=LIMITS, model=RISK),
        "MAX_XML_DEPTH",
    )


def test_an_oversized_file_is_refused_before_it_is_read(db: Driver, tmp_path: Path) -> None:
    path = tmp_path / "big.bpmn"
    path.write_bytes(b" " * 2_000)
    limits = ImportLimits(max_bytes=1_000)
    refused(db, lambda: import_path(db, DB, path, unit="A", limits=limits, model=RISK), "MAX_BYTES")


def test_a_damaged_xlsx_is_a_problem_not_a_traceback(db: Driver) -> None:
    data = bytearray(XLSX.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 200] = b"\x00" * 200
    result = import_bytes(db, DB, "damaged.xlsx", bytes(data), limits=LIMITS, model=RISK)
    assert not result.ok and result.problems and counts(db, DB) == {}


def test_the_sample_station_is_within_every_default_bound(db: Driver) -> None:
    assert import_path(db, DB, XLSX, limits=Settings().powermap_import_limits, model=RISK).ok
    assert import_path(db, DB, CSV_DIR, limits=LIMITS, model=RISK).ok
