"""Bounded reading: every import file is measured before it is read (contract section 1).

A 261 KB zip can hold gigabytes; a small .xlsx can declare twenty million shared strings; a CSV
field can be megabytes long; a BPMN file can nest elements 200,000 deep. Each of these is found
here, cheaply and before anything big is held in memory, and refused with a clear message
(`LimitError`: CLI exit 1, API 413). The bounds are settings (`graph.settings.ImportLimits`).

What is measured, by file type:
- .zip and .xlsx: the number of members, their total uncompressed size as the archive declares it
  (zipfile never inflates a member beyond its declared size), and the compression ratio of the
  whole and of each member of 1 MB or more;
- .xlsx: shared strings and cells, counted by streaming the XML members (never parsing them whole);
- CSV (a directory, a .zip's members, one file): total size, then cells and field length,
  counted by a streaming pass of the csv module;
- .bpmn: size, then element depth, by a streaming expat pass that stops at the first element
  too deep.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from graph.settings import ImportLimits
from importers.workbook import RawWorkbook, ReadError, decode

# Ratios are checked from this many uncompressed bytes on: tiny members compress arbitrarily well.
RATIO_FROM_BYTES = 1_000_000
CHUNK = 1 << 20
_TAIL = 64
# An element start `<si>`, `<si ...>` or `<x:si>`: the end of the name is a space, `>` or `/`.
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_ROW_NUMBER = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\s[^>]*?\br=\"(\d{1,9})\"")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?\bref=\"[A-Z]*\d*:?([A-Z]{1,3})\d*\"")


class LimitError(ReadError):
    """The file exceeds one of the bounds on reading; the message names it, in Chinese and English."""


def _mb(n: float) -> str:
    return f"{n / 1_000_000:.0f} MB" if n >= 1_000_000 else f"{n:.0f} B"


def check_size(name: str, size: int, limits: ImportLimits) -> None:
    if size > limits.max_bytes:
        raise LimitError(
            f"{name}：超过 {_mb(limits.max_bytes)} 的上限（{_mb(size)}）/ larger than the limit of "
            f"{limits.max_bytes} bytes ({size} bytes; POWERMAP_IMPORT_LIMITS__MAX_BYTES)"
        )


def _open_zip(data: bytes | Path, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(f"{name}：不是有效的压缩文件 / not a valid zip archive: {exc}") from None


def check_archive(archive: zipfile.ZipFile, name: str, limits: ImportLimits) -> None:
    """Members, declared uncompressed size and compression ratios of a .zip or .xlsx."""
    members = [i for i in archive.infolist() if not i.is_dir()]
    if len(members) > limits.max_members:
        raise LimitError(
            f"{name}：压缩包内文件 {len(members)} 个，超过 {limits.max_members} 个的上限 / "
            f"{len(members)} members, more than {limits.max_members} (POWERMAP_IMPORT_LIMITS__MAX_MEMBERS)"
        )
    total = sum(i.file_size for i in members)
    packed = sum(i.compress_size for i in members)
    check_size(f"{name}（解压后 / uncompressed）", total, limits)
    for label, size, compressed in (
        (name, total, packed),
        *((f"{name}:{i.filename}", i.file_size, i.compress_size) for i in members),
    ):
        if size >= RATIO_FROM_BYTES and size > limits.max_ratio * max(compressed, 1):
            raise LimitError(
                f"{label}：压缩比 {size / max(compressed, 1):.0f} 倍，超过 {limits.max_ratio:.0f} 倍的上限"
                f"（疑似压缩炸弹）/ compression ratio {size / max(compressed, 1):.0f}, above "
                f"{limits.max_ratio:.0f}: a zip bomb? (POWERMAP_IMPORT_LIMITS__MAX_RATIO)"
            )


_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 bytes that continue a character


@dataclass
class _Scan:
    """What one streamed pass over an XML member of an .xlsx found."""

    matches: int = 0  # elements of the pattern looked for (shared strings, cells)
    last_row: int = 0
    width: int = 0  # columns of the sheet's declared dimension
    longest: int = 0  # characters of the longest text between two tags


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern[bytes], most: int) -> _Scan:
    """Streams one member: matches of `pattern` (stops past `most`), the last row number, the
    declared width, and the longest run of text between tags (a cell's text, before openpyxl
    silently cuts it to 32,767 characters)."""
    found = _Scan()
    tail = b""
    run, in_text = 0, False
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            window = tail + chunk
            # A match wholly inside the tail was counted with the previous window.
            found.matches += sum(1 for m in pattern.finditer(window) if m.end() > len(tail))
            if found.matches > most:
                return found
            if not found.width and (dimension := _DIMENSION.search(window)):
                found.width = _column_number(dimension.group(1))
            rows = [int(m.group(1)) for m in _ROW_NUMBER.finditer(window)]
            found.last_row = max([found.last_row, *rows])
            # Text runs lie between a `>` and the next `<`; one may go on into the next chunk.
            for i, piece in enumerate(chunk.split(b">")):
                lt = piece.find(b"<")
                text = piece if lt < 0 else piece[:lt]
                chars = len(text.translate(None, _CONTINUATION))
                if i > 0:
                    run, in_text = chars, True
                elif in_text:
                    run += chars
                found.longest = max(found.longest, run if in_text else 0)
                if lt >= 0:
                    run, in_text = 0, False
            tail = window[-_TAIL * 4 :]
    return found


def check_xlsx(data: bytes | Path, name: str, limits: ImportLimits) -> None:
    """An .xlsx: the archive, then its shared strings, cells, sheet extent and text lengths,
    counted by streaming its XML members, never parsing them."""
    try:
        archive = _open_zip(data, name)
    except ReadError:
        return  # not a zip at all: the reader says so in its own words
    with archive:
        check_archive(archive, name, limits)
        cells = 0
        try:
            for info in archive.infolist():
                if info.filename.lower() == "xl/sharedstrings.xml":
                    found = _scan(archive, info, _SHARED_STRING, limits.max_shared_strings)
                    if found.matches > limits.max_shared_strings:
                        raise LimitError(
                            f"{name}：共享字符串超过 {limits.max_shared_strings} 个 / more than "
                            f"{limits.max_shared_strings} shared strings "
                            "(POWERMAP_IMPORT_LIMITS__MAX_SHARED_STRINGS)"
                        )
                elif _SHEET.match(info.filename):
                    found = _scan(archive, info, _CELL, limits.max_cells - cells)
                    cells += found.matches
                    _check_cells(name, cells, limits)
                    _check_extent(name, found, limits)
                else:
                    continue
                if found.longest > limits.max_cell_chars:
                    raise LimitError(
                        f"{name}：单元格 {found.longest} 个字符，超过 {limits.max_cell_chars} 个 / a cell "
                        f"of {found.longest} characters, more than {limits.max_cell_chars} "
                        "(POWERMAP_IMPORT_LIMITS__MAX_CELL_CHARS)"
                    )
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            raise ReadError(f"{name}：压缩内容损坏 / a damaged member: {exc}") from None


def _column_number(letters: bytes) -> int:
    number = 0
    for c in letters:
        number = number * 26 + (c - ord("A") + 1)
    return number


def _check_extent(name: str, found: _Scan, limits: ImportLimits) -> None:
    """Rows and rows x columns a sheet spans: a reader pads every row to the declared width and
    fills the gap between row 1 and row 1,048,576 with empty rows, so a sheet of two cells can
    mean millions."""
    if found.last_row > limits.max_rows or found.last_row * max(found.width, 1) > limits.max_cells:
        raise LimitError(
            f"{name}：工作表跨 {found.last_row} 行 × {found.width} 列，超出范围（至多 {limits.max_rows} 行、"
            f"{limits.max_cells} 个单元格）/ a sheet spanning {found.last_row} rows x {found.width} "
            f"columns, beyond {limits.max_rows} rows or {limits.max_cells} cells "
            "(POWERMAP_IMPORT_LIMITS__MAX_ROWS, __MAX_CELLS)"
        )


def _check_cells(name: str, cells: int, limits: ImportLimits) -> None:
    if cells > limits.max_cells:
        raise LimitError(
            f"{name}：单元格超过 {limits.max_cells} 个 / more than {limits.max_cells} cells "
            "(POWERMAP_IMPORT_LIMITS__MAX_CELLS)"
        )


def check_csv_files(files: Iterable[tuple[str, bytes]], limits: ImportLimits) -> None:
    """CSV files (name, content): cells and field length, by a streaming pass of the csv module.

    The csv module refuses a field over its own limit (131,072 characters) with an error that
    names no file: that is turned into the same message as a long field under it.
    """
    cells = 0
    for name, data in files:
        try:
            text = decode(data)
        except ReadError:
            continue  # the reader reports the encoding, as one problem of that file
        # An upper bound first: csv builds a whole row before it yields it, and one line of
        # thirty million commas is one row of thirty million fields.
        lines = text.count("\n")
        if lines > limits.max_rows:
            raise LimitError(
                f"{name}：超过 {limits.max_rows} 行 / more than {limits.max_rows} rows "
                "(POWERMAP_IMPORT_LIMITS__MAX_ROWS)"
            )
        _check_cells(name, cells + text.count(",") + lines, limits)
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            for row in reader:
                cells += len(row)
                if any(len(field) > limits.max_cell_chars for field in row):
                    raise _long_field(name, reader.line_num, limits)
                _check_cells(name, cells, limits)
        except csv.Error:
            raise _long_field(name, reader.line_num, limits) from None


def _long_field(name: str, line: int, limits: ImportLimits) -> LimitError:
    return LimitError(
        f"{name} 第 {line} 行：单元格超过 {limits.max_cell_chars} 个字符（或引号不配对）/ line {line}: "
        f"a field longer than {limits.max_cell_chars} characters, or an unclosed quote "
        "(POWERMAP_IMPORT_LIMITS__MAX_CELL_CHARS)"
    )


def check_cells(raw: RawWorkbook, limits: ImportLimits) -> None:
    """Every cell read from an .xlsx within `max_cell_chars` (Excel's own limit; a file written by
    another program may exceed it). CSV fields were measured before reading."""
    for table in raw.tables.values():
        for number, values in table.rows:
            for column, text in values.items():
                if len(text) > limits.max_cell_chars:
                    raise LimitError(
                        f"{table.source} 第 {number} 行「{table.headers.get(column, column)}」：单元格 "
                        f"{len(text)} 个字符，超过 {limits.max_cell_chars} 个 / row {number}: a cell of "
                        f"{len(text)} characters, more than {limits.max_cell_chars} "
                        "(POWERMAP_IMPORT_LIMITS__MAX_CELL_CHARS)"
                    )


def check_zip(data: bytes, name: str, limits: ImportLimits) -> None:
    """A .zip of CSV files: the archive, then its CSV members (each inflated within the bounds)."""
    try:
        archive = _open_zip(data, name)
    except ReadError:
        return
    with archive:
        check_archive(archive, name, limits)
        try:
            members = [
                (f"{name}:{i.filename}", archive.read(i))
                for i in archive.infolist()
                if not i.is_dir() and i.filename.lower().endswith(".csv")
            ]
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise ReadError(f"{name}：压缩内容损坏 / a damaged member: {exc}") from None
    check_csv_files(members, limits)


def check_path(path: Path, limits: ImportLimits) -> None:
    """What `importers.workbook.read_path` is about to read: an .xlsx, a .zip, a CSV file or directory."""
    if path.is_dir():
        files = [p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"]
        check_size(path.name, sum(p.stat().st_size for p in files), limits)
        check_csv_files(((p.name, p.read_bytes()) for p in files), limits)
        return
    if not path.is_file():
        return  # the reader says "no such file"
    check_size(path.name, path.stat().st_size, limits)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_xlsx(path, path.name, limits)
    elif suffix == ".zip":
        check_zip(path.read_bytes(), path.name, limits)
    elif suffix == ".csv":
        check_csv_files([(path.name, path.read_bytes())], limits)


def check_bytes(filename: str, data: bytes, limits: ImportLimits) -> None:
    """An uploaded file, by its suffix: .xlsx, .zip of CSV files, or XML (.bpmn)."""
    check_size(filename, len(data), limits)
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_xlsx(data, filename, limits)
    elif suffix == ".zip":
        check_zip(data, filename, limits)
    elif suffix in (".bpmn", ".bpmn2", ".xml"):
        check_xml(data, filename, limits)


class _Stop(Exception):
    pass


def check_xml(data: bytes, name: str, limits: ImportLimits) -> None:
    """Element depth, by a streaming expat pass that stops at the first element too deep.

    Anything else (not well-formed, a DTD or entities) is left to the BPMN reader, which refuses
    it in its own words; this pass stops at a DTD and expands nothing.
    """
    check_size(name, len(data), limits)
    depth = 0
    deepest = limits.max_xml_depth

    def start(_name: str, _attrs: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > deepest:
            raise LimitError(
                f"{name}：XML 元素嵌套超过 {deepest} 层 / XML nested deeper than {deepest} elements "
                "(POWERMAP_IMPORT_LIMITS__MAX_XML_DEPTH)"
            )

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*_args: object) -> None:
        raise _Stop

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    try:
        for offset in range(0, len(data), CHUNK):
            parser.Parse(data[offset : offset + CHUNK], False)
        parser.Parse(b"", True)
    except (_Stop, expat.ExpatError):
        return
