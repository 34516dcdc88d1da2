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
from openpyxl.worksheet.worksheet import Worksheet

from importers.tables import Column, Table, column_for, is_note_sheet, resembles, table_for


@dataclass
class RawTable:
    table: Table
    source: str  # the sheet or file name as the workbook shows it
    headers: dict[str, str]  # column name -> header as shown
    rows: list[tuple[int, dict[str, str]]]  # (row number as shown, header = 1; column name -> text)
    # Required cells left empty by a merge, already reported once for their merged range.
    merged: set[tuple[int, str]] = field(default_factory=set)
    # Missing columns an unknown header resembles, already reported as that.
    resembled: set[str] = field(default_factory=set)


Problem = tuple[str, int | None, str | None, str | None, str]


@dataclass
class RawWorkbook:
    tables: dict[str, RawTable] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Problems of shape, found while reading: (source, row, column, value, message).
    problems: list[Problem] = field(default_factory=list)


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


# How far down a header may sit below title rows (a merged title, a date line, a blank row).
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Merge:
    """A merged range of an .xlsx sheet: its first cell (1-based) and its size, e.g. C3:C5."""

    label: str
    min_row: int
    min_col: int
    max_row: int
    max_col: int


def _header_index(table: Table, lines: list[list[str]]) -> int:
    """The index of the header among the first rows: the one naming most of the table's columns
    (the first such row), or row 1 when none names any."""
    best, best_score = 0, 0
    for index, cells in enumerate(lines[:HEADER_SEARCH_ROWS]):
        score = len({c.name for text in cells if text and (c := column_for(table, text))})
        if score > best_score:
            best, best_score = index, score
    return best


def _columns(
    book: RawWorkbook, source: str, table: Table, header_cells: list[str], header_row: int
) -> tuple[dict[int, Column], dict[str, str], set[str]]:
    """Columns by position, their headers as shown, and the missing columns an unknown header resembles.

    An unknown header that contains, or is contained in, a missing column's name is an error
    naming that column (`是否关键岗位` beside a missing `关键岗位`); other unknown headers are warnings.
    """
    positions: dict[int, Column] = {}
    headers: dict[str, str] = {}
    unknown: list[str] = []
    for index, header in enumerate(header_cells):
        if not header:
            continue
        column = column_for(table, header)
        if column is None:
            unknown.append(header)
        elif column.name in headers:
            book.problems.append(
                (
                    source,
                    header_row,
                    header,
                    header,
                    f"列重复（与「{headers[column.name]}」相同）/ duplicate column",
                )
            )
        else:
            positions[index] = column
            headers[column.name] = header
    missing = [c for c in table.columns if c.name not in headers]
    resembled: set[str] = set()
    for header in unknown:
        column = resembles(header, missing)
        if column is None:
            book.warnings.append(f"{source}: 忽略未知列 / ignored unknown column「{header}」")
            continue
        resembled.add(column.name)
        book.problems.append(
            (
                source,
                header_row,
                header,
                header,
                f"列名「{header}」无法识别，像是缺少的列「{column.zh}」（{column.name}）："
                f"请把表头改为「{column.zh}」/ "
                f"unknown column resembling the missing column {column.name} ({column.zh}): rename it",
            )
        )
    return positions, headers, resembled


def _merges(
    book: RawWorkbook,
    source: str,
    positions: dict[int, Column],
    headers: dict[str, str],
    lines: list[list[str]],
    header_index: int,
    merges: Iterable[Merge],
) -> set[tuple[int, str]]:
    """Merged data cells: a merge over required cells is one problem (its cells are not reported
    again); a merge within one optional column gives its value to every row it covers, with a warning.
    Returns the required cells the merges left empty, as (row number, column name)."""
    empty: set[tuple[int, str]] = set()
    for merge in merges:
        if merge.max_row <= header_index + 1:
            continue  # a title or a header spanning columns
        covered = [
            (row, col)
            for row in range(max(merge.min_row, header_index + 2), merge.max_row + 1)
            for col in range(merge.min_col, merge.max_col + 1)
            if (row, col) != (merge.min_row, merge.min_col) and col - 1 in positions
        ]
        if not covered:
            continue
        required = [(row, col) for row, col in covered if positions[col - 1].required]
        if required:
            column = positions[required[0][1] - 1]
            empty.update((row, positions[col - 1].name) for row, col in required)
            book.problems.append(
                (
                    source,
                    merge.min_row,
                    headers[column.name],
                    merge.label,
                    f"必填列「{column.zh}」有合并单元格 {merge.label}：请取消合并，并在每一行填写 / "
                    f"merged cells {merge.label} in a required column: unmerge them and fill in every row",
                )
            )
            continue
        value = lines[merge.min_row - 1][merge.min_col - 1] if merge.min_row - 1 < len(lines) else ""
        for row, col in covered:
            if col == merge.min_col and row - 1 < len(lines):
                cells = lines[row - 1]
                cells.extend([""] * (col - len(cells)))
                cells[col - 1] = value
        book.warnings.append(
            f"{source}: 合并单元格 {merge.label} 的值「{value}」用于所覆盖的每一行 / "
            f"the value of merged cells {merge.label} applies to every row they cover"
        )
    return empty


def _add_sheet(
    book: RawWorkbook, source: str, stem: str, rows: Iterable[Iterable[object]], merges: Iterable[Merge] = ()
) -> None:
    table = table_for(stem)
    if table is None:
        if not is_note_sheet(stem):
            book.warnings.append(f"忽略未知的表 / ignored unknown sheet or file: {source}")
        return
    if table.name in book.tables:
        first = book.tables[table.name].source
        book.problems.append((source, None, None, None, f"与 {first} 是同一张表 / the same table as {first}"))
        return
    lines = [[cell_text(v) for v in line] for line in rows]
    header_index = _header_index(table, lines)
    if header_index:
        row = header_index + 1
        book.problems.append(
            (
                source,
                row,
                None,
                None,
                f"表头在第 {row} 行，不在第 1 行：请删除表头上方的标题行（含合并的标题单元格）/ "
                f"the header is on row {row}, not row 1: delete the title rows above it",
            )
        )
    header_cells = lines[header_index] if lines else []
    positions, headers, resembled = _columns(book, source, table, header_cells, header_index + 1)
    merged = _merges(book, source, positions, headers, lines, header_index, merges)
    parsed: list[tuple[int, dict[str, str]]] = []
    for number, cells in enumerate(lines[header_index + 1 :], start=header_index + 2):
        values = {col.name: cells[i] for i, col in positions.items() if i < len(cells) and cells[i]}
        if values:
            parsed.append((number, values))
    book.tables[table.name] = RawTable(table, source, headers, parsed, merged, resembled)


def _merged_ranges(sheet: Worksheet) -> list[Merge]:
    return [
        Merge(r.coord, r.min_row, r.min_col, r.max_row, r.max_col)
        for r in sheet.merged_cells.ranges
        if r.min_row is not None and r.min_col is not None and r.max_row is not None and r.max_col is not None
    ]


def read_xlsx(data: bytes | Path) -> RawWorkbook:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        # Not read-only: merged ranges are only known to a full worksheet.
        xlsx = load_workbook(source, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadError(f"不是有效的 .xlsx 文件 / not a valid .xlsx file: {exc}") from None
    book = RawWorkbook()
    try:
        for sheet in xlsx.worksheets:
            _add_sheet(
                book, sheet.title, sheet.title, sheet.iter_rows(values_only=True), _merged_ranges(sheet)
            )
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


# General-purpose bit 11: the member name is UTF-8. Without it, Chinese Windows (and Info-ZIP
# there) writes names in the OEM code page, GBK; Python reads them as cp437.
UTF8_NAME_FLAG = 0x800


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as its maker meant it: UTF-8 when flagged, else GB18030 (a superset of GBK)."""
    if info.flag_bits & UTF8_NAME_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):  # some tools write UTF-8 without setting the flag
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _is_csv_member(name: str) -> bool:
    path = Path(name)
    skipped = path.name.startswith("._") or "__MACOSX" in path.parts  # macOS resource forks
    return path.suffix.lower() == ".csv" and not skipped


def read_zip(data: bytes) -> RawWorkbook:
    """A .zip of CSV files; folders inside are allowed (each file is named by its own name)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("不是有效的 .zip 文件 / not a valid .zip file") from None
    members: list[tuple[str, bytes]] = []
    with archive:
        for info in archive.infolist():
            name = member_name(info).replace("\\", "/")  # Windows tools may write back-slashes
            if not info.is_dir() and _is_csv_member(name):
                members.append((Path(name).name, archive.read(info)))
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
