"""Every CSV and .xlsx file powermap writes, in one place, so that each opens well in Excel.

- CSV: UTF-8 with a BOM (Excel on a Chinese Windows then reads the Chinese), CRLF line ends.
- .xlsx: one sheet per table, named in Chinese; a styled header row, frozen, with an autofilter;
  column widths that fit the text (a CJK character counts two); long text wraps.
- Excel-safe: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
  written with a leading `'`, so that a name such as `=HYPERLINK(...)` stays text and never
  runs as a formula (CSV injection).

A table is a `Sheet`: its Chinese name, its header and its rows. Ledger and task-list exports
build `Sheet`s and call the same two functions.
"""

import csv
import io
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

Cell = str | int | float | bool | date | datetime | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
MAX_WIDTH = 60  # characters; longer text wraps
MIN_WIDTH = 6
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})
_HEADER_FILL = PatternFill("solid", start_color="FF1F4E79", end_color="FF1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFFFF")
_THIN = Side(style="thin", color="FF9AA5B1")


@dataclass(frozen=True)
class Sheet:
    name: str  # Chinese, at most 31 characters (Excel's limit), no []:*?/\
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def excel_safe(value: Cell) -> Cell:
    """Text that Excel would take for a formula gets a leading `'`; everything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def to_csv(sheet: Sheet) -> bytes:
    """The sheet as CSV bytes: a BOM, then UTF-8, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_text(excel_safe(h)) for h in sheet.header])
    writer.writerows([_text(excel_safe(v)) for v in row] for row in sheet.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_name(name: str) -> str:
    return name.translate(_BAD_SHEET_CHARS)[:31] or "Sheet"


def display_width(text: str) -> int:
    """Columns on screen: full-width (CJK) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as one .xlsx workbook."""
    book = Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    for sheet in sheets:
        ws = book.create_sheet(sheet_name(sheet.name))
        ws.append([excel_safe(h) for h in sheet.header])
        for row in sheet.rows:
            ws.append([excel_safe(v) for v in row])
        for cell in ws[1]:
            cell.fill = _HEADER_FILL
            cell.font = _HEADER_FONT
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = Border(top=_THIN, bottom=_THIN, left=_THIN, right=_THIN)
        ws.freeze_panes = "A2"
        if sheet.header:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.header))}{len(sheet.rows) + 1}"
        for k, header in enumerate(sheet.header, start=1):
            longest = max(
                [display_width(_text(excel_safe(header)))]
                + [display_width(_text(excel_safe(row[k - 1]))) for row in sheet.rows if k - 1 < len(row)]
            )
            width = max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))
            ws.column_dimensions[get_column_letter(k)].width = width
            if longest + 2 > MAX_WIDTH:
                for (cell,) in ws.iter_rows(min_row=2, min_col=k, max_col=k):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_out(data: bytes, output: Path | None, *, binary: bool) -> None:
    """To the file, else to standard output; a binary file (.xlsx) never to a terminal."""
    if output is not None:
        output.write_bytes(data)
        return
    if binary and sys.stdout.isatty():
        raise ValueError("xlsx 是二进制文件：请用 -o 文件名，或重定向到文件 / give -o FILE for xlsx")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
