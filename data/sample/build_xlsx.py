"""Build 城关供电所.xlsx from the CSV directory beside it, so the two never drift.

    .venv/bin/python data/sample/build_xlsx.py

One sheet per CSV file, in contract order, named and headed as the CSV. Numbers and dates
become real Excel numbers and dates, as a station's own workbook would hold them.
"""

import csv
import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "城关供电所"
TARGET = HERE / "城关供电所.xlsx"

# Contract section 1 order: parents before the tables that refer to them.
SHEETS = (
    "单位",
    "岗位",
    "人员",
    "人岗",
    "流程",
    "节点",
    "流转",
    "风险点",
    "防控措施",
    "不相容职责",
    "监督员",
    "补偿措施",
)
INTEGER_COLUMNS = {"最少人数", "可能性", "影响", "级别"}
DATE_COLUMNS = {"有效期至"}


def cell(column: str, text: str) -> str | int | date | None:
    if text == "":
        return None
    if column in INTEGER_COLUMNS:
        return int(text)
    if column in DATE_COLUMNS:
        return date.fromisoformat(text)
    return text


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def build(source: Path = SOURCE, target: Path = TARGET) -> None:
    found = sorted(p.stem for p in source.glob("*.csv"))
    if sorted(SHEETS) != found:
        sys.exit(f"{source}: expected the CSV files {sorted(SHEETS)}, found {found}")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in SHEETS:
        header, *rows = read_csv(source / f"{name}.csv")
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append([cell(column, text) for column, text in zip(header, row, strict=True)])
        for index, column in enumerate(header, start=1):
            if column in DATE_COLUMNS:
                for (date_cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    date_cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    workbook.save(target)


if __name__ == "__main__":
    build()
    print(f"写入 / wrote {TARGET}")
