"""One cell's text to its value, by the column's kind; a bad cell raises `CellError` in Chinese and English.

Used by the reader's validation and by the row models, so a workbook and a `Workbook`
built in code accept exactly the same spellings.
"""

import datetime as dt
import re
from collections.abc import Mapping

from importers.tables import FALSE_WORDS, LIST_SEPARATORS, TRUE_WORDS, Column, Kind

_SPLIT = re.compile(f"[{re.escape(LIST_SEPARATORS)}]")


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese, then English."""


def to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError("应为 是/否（yes/no、true/false、1/0、y/n） / must be yes or no")


def to_enum(value: object, choices: Mapping[str, tuple[str, ...]]) -> str:
    text = str(value).strip()
    for canonical, aliases in choices.items():
        if text.lower() == canonical.lower() or text in aliases or text.lower() in aliases:
            return canonical
    allowed = "、".join(f"{k}/{v[0]}" for k, v in choices.items())
    raise CellError(f"取值无效，可选：{allowed} / must be one of {', '.join(choices)}")


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


def to_list(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in _SPLIT.split(str(value)) if part.strip()]


def to_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CellError("应为日期 YYYY-MM-DD / must be a date YYYY-MM-DD") from None


def convert(column: Column, text: str) -> object:
    """The value of a non-empty cell of `column`."""
    match column.kind:
        case Kind.BOOL:
            return to_bool(text)
        case Kind.INT:
            return to_int(text, column.minimum, column.maximum)
        case Kind.ENUM:
            return to_enum(text, column.choices)
        case Kind.LIST:
            return to_list(text)
        case Kind.DATE:
            return to_date(text)
        case _:
            return text
