"""The blank workbook stations fill in, generated from `tables.py` (the reader's own definitions)."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from importers.tables import TABLES, Column, Kind

REQUIRED = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _values(column: Column) -> str:
    if column.kind is Kind.ENUM:
        return "、".join(f"{aliases[0]}（{value}）" for value, aliases in column.choices.items())
    return {
        Kind.BOOL: "是/否（yes/no、true/false、1/0、y/n）",
        Kind.INT: "整数",
        Kind.LIST: "多个编号，用 ; ；, ， 或 、 分隔",
        Kind.DATE: "日期 YYYY-MM-DD",
    }.get(column.kind, "文本")


def write_template(path: Path) -> None:
    """One sheet per table (Chinese names and headers, one example row) and a 说明 sheet first."""
    book = Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["powermap 供电所工作簿模板 / station workbook template"])
    notes.append(
        [
            "每张表一个工作表；表名、列名可用中文或英文。红色粗体为必填列。删除示例行后填写。单位表必填，其余表可删除。"
        ]
    )
    notes.append([])
    notes.append(["表 table", "列 column", "英文列名 English", "必填 required", "取值 values", "说明 help"])
    for cell in notes[4]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for table in TABLES:
        notes.append([f"{table.zh}（{table.name}）", "", "", "", "", table.help])
        notes.cell(notes.max_row, 1).font = Font(bold=True)
        for column in table.columns:
            notes.append(
                ["", column.zh, column.name, "是" if column.required else "", _values(column), column.help]
            )
        sheet = book.create_sheet(table.zh)
        sheet.append([c.zh for c in table.columns])
        sheet.append([c.example for c in table.columns])
        for column, cell in zip(table.columns, sheet[1], strict=True):
            cell.fill = HEADER_FILL
            if column.required:
                cell.font = REQUIRED
            cell.comment = Comment(f"{column.name}: {column.help}\n{_values(column)}", "powermap")
            sheet.column_dimensions[cell.column_letter].width = max(12, 2 * len(column.example) + 4)
        sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (22, 14, 16, 10, 44, 60), strict=True):
        notes.column_dimensions[letter].width = width
    book.save(path)
