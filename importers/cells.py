"""One cell's text to its value, by the column's kind; a bad cell raises `CellError` in Chinese and English.

The spellings are graph/vocab.py's, which the row models use too, so a workbook and a
`Workbook` built in code accept exactly the same ones.
"""

import re

from graph.vocab import BadValue, to_bool, to_date, to_enum, to_list
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
