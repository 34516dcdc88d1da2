"""One cell's text to its value, by the column's kind; a bad cell raises `CellError` in Chinese and English.

The spellings are graph/vocab.py's, which the row models use too, so a workbook and a
`Workbook` built in code accept exactly the same ones.
"""

import datetime as dt
import re
import unicodedata

from graph.vocab import BadValue, to_bool, to_enum, to_list
from importers.tables import Column, Kind

# A bad cell: the vocabulary's error, under the name the importer reports it by.
CellError = BadValue


def to_int(value: object, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数 / must be a whole number")
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        # Excel hands whole numbers over as floats ("2.0").
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            raise CellError("应为整数 / must be a whole number")
        number = int(float(text))
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        span = f"{minimum}-{maximum}" if maximum is not None else f">= {minimum}"
        raise CellError(f"应在 {span} 之间 / must be {span}")
    return number


# Control characters: NUL, tabs, line breaks and the rest of C0, DEL. Never part of an id.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BREAK = re.compile(r"[\t\r\n]")
# Dates as clerks type them: 2027-06-30, 2027/6/30, 2027.6.30, 2027年6月30日 (a time after is ignored).
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)

SEPARATOR_HINT = (
    "多个编号请用 、 或 ； 分隔，不要用空格或换行 / separate ids with 、 or ；, not spaces or line breaks"
)


def is_id_column(column: Column) -> bool:
    """Columns holding ids: `id` and every `..._id` (ids of other rows)."""
    return column.name == "id" or column.name.endswith("_id")


def check_id(text: str) -> str:
    if CONTROL.search(text):
        raise CellError(
            "编号中有换行、制表符或其他控制字符：请删除 / "
            "the id contains a line break, tab or other control character"
        )
    return text


def to_day(text: str) -> dt.date:
    """A date as people type it: 2027-06-30, 2027/6/30, 2027.6.30 or 2027年6月30日."""
    match = _DATE.fullmatch(text.strip())
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise CellError("应为日期，如 2027-06-30、2027/6/30 或 2027年6月30日 / must be a date such as 2027-06-30")


def to_ids(text: str) -> list[str]:
    """A list of ids; ids separated by line breaks or tabs are refused with a hint."""
    if _BREAK.search(text):
        raise CellError(SEPARATOR_HINT)
    return [check_id(part) for part in to_list(text)]


def convert(column: Column, text: str) -> object:
    """The value of a non-empty cell of `column`."""
    if column.kind is not Kind.TEXT:
        # Full-width letters and digits typed with a Chinese input method (Ａ角, １) read as half-width.
        text = unicodedata.normalize("NFKC", text).strip()
    match column.kind:
        case Kind.BOOL:
            return to_bool(text)
        case Kind.INT:
            return to_int(text, column.minimum, column.maximum)
        case Kind.ENUM:
            return to_enum(text, column.choices)
        case Kind.LIST:
            return to_ids(text)
        case Kind.DATE:
            return to_day(text)
        case _:
            return check_id(text) if is_id_column(column) else text
