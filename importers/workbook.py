"""Read an .xlsx file or a directory of CSV files into raw tables of trimmed text cells.

Nothing is interpreted here beyond names: sheets and files are matched to tables and
headers to columns (English or Chinese); every cell stays text. `validate.py` does the rest.
"""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from importers.tables import NOTE_SHEETS, Column, Table, column_for, table_for


@dataclass
class RawTable:
    table: Table
    source: str  # the sheet or file name as the workbook shows it
    headers: dict[str, str]  # column name -> header as shown
    rows: list[tuple[int, dict[str, str]]]  # (row number as shown, header = 1; column name -> text)


@dataclass
class RawWorkbook:
    tables: dict[str, RawTable] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Problems of shape, found while reading: (source, row, column, value, message).
    problems: list[tuple[str, int | None, str | None, str | None, str]] = field(default_factory=list)


class ReadError(ValueError):
    """The input cannot be read at all (not a workbook, no such file); the message says why."""


def cell_text(value: object) -> str:
    """A cell as trimmed text; Excel's whole-number floats and dates written the way people type them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def decode(data: bytes) -> str:
    """UTF-8 with or without BOM, else GB18030 (a superset of GBK, what Chinese Excel writes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError("无法识别文件编码（应为 UTF-8 或 GBK）/ neither UTF-8 nor GBK") from None


def _add_sheet(book: RawWorkbook, source: str, stem: str, rows: Iterable[Iterable[object]]) -> None:
    table = table_for(stem)
    if table is None:
        if stem.strip().lower() not in NOTE_SHEETS:
            book.warnings.append(f"忽略未知的表 / ignored unknown sheet or file: {source}")
        return
    if table.name in book.tables:
        first = book.tables[table.name].source
        book.problems.append((source, None, None, None, f"与 {first} 是同一张表 / the same table as {first}"))
        return
    lines = iter(rows)
    header_cells = [cell_text(v) for v in next(lines, [])]
    positions: dict[int, Column] = {}
    headers: dict[str, str] = {}
    for index, header in enumerate(header_cells):
        if not header:
            continue
        column = column_for(table, header)
        if column is None:
            book.warnings.append(f"{source}: 忽略未知列 / ignored unknown column「{header}」")
        elif column.name in headers:
            book.problems.append(
                (source, 1, header, header, f"列重复（与「{headers[column.name]}」相同）/ duplicate column")
            )
        else:
            positions[index] = column
            headers[column.name] = header
    parsed: list[tuple[int, dict[str, str]]] = []
    for number, line in enumerate(lines, start=2):
        cells = list(line)
        values = {
            col.name: text for i, col in positions.items() if i < len(cells) and (text := cell_text(cells[i]))
        }
        if values:
            parsed.append((number, values))
    book.tables[table.name] = RawTable(table, source, headers, parsed)


def read_xlsx(data: bytes | Path) -> RawWorkbook:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        xlsx = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadError(f"不是有效的 .xlsx 文件 / not a valid .xlsx file: {exc}") from None
    book = RawWorkbook()
    try:
        for sheet in xlsx.worksheets:
            _add_sheet(book, sheet.title, sheet.title, sheet.iter_rows(values_only=True))
    finally:
        xlsx.close()
    return book


def read_csv_files(files: Iterable[tuple[str, bytes]]) -> RawWorkbook:
    """CSV files given as (file name, content), e.g. a directory or the members of a .zip."""
    book = RawWorkbook()
    for name, data in sorted(files):
        try:
            text = decode(data)
        except ReadError as exc:
            book.problems.append((name, None, None, None, str(exc)))
            continue
        _add_sheet(book, name, Path(name).stem, csv.reader(io.StringIO(text, newline="")))
    return book


def _csv_in(directory: Path) -> Iterator[tuple[str, bytes]]:
    for path in directory.iterdir():
        if path.is_file() and path.suffix.lower() == ".csv":
            yield path.name, path.read_bytes()


def read_zip(data: bytes) -> RawWorkbook:
    """A .zip of CSV files (folders inside are flattened)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("不是有效的 .zip 文件 / not a valid .zip file") from None
    with archive:
        members = [
            (Path(info.filename).name, archive.read(info))
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith(".csv")
        ]
    return read_csv_files(members)


def read_path(path: Path) -> RawWorkbook:
    """An .xlsx file, a .zip of CSV files, or a directory of CSV files."""
    if path.is_dir():
        return read_csv_files(_csv_in(path))
    if not path.is_file():
        raise ReadError(f"找不到 / no such file or directory: {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".zip":
        return read_zip(path.read_bytes())
    if suffix == ".csv":
        return read_csv_files([(path.name, path.read_bytes())])
    raise ReadError(f"不支持的文件类型 / unsupported file type: {path.name}（.xlsx、.zip、CSV 目录或 .bpmn）")
