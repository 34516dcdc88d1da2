"""Output helpers shared by the history commands (scan, drift, ledger): JSON, and CSV and xlsx
through api/exports.py, the one Excel-safe writer of every export."""

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from api.exports import Cell, Sheet, to_csv, to_xlsx, write_out


def write_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    write_out(to_csv(Sheet("", header, list(rows))), None, binary=False)


def write_xlsx(path: Path, title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    path.write_bytes(to_xlsx([Sheet(title, header, list(rows))]))
