"""The blank workbook stations fill in, generated from `tables.py` (the reader's own definitions).

Made for Excel and WPS on Chinese Windows: id and code columns formatted as Text (so `001` stays
`001`), a drop-down list on every enum and yes/no column, a frozen header row, readable column
widths, a 说明 sheet, and example rows that import exactly as they are (a small station, 示例所).
"""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from importers.cells import is_id_column
from importers.tables import TABLES, Column, Kind, Table

REQUIRED = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
TEXT = "@"  # Excel's Text number format
FORMATTED_ROWS = 500  # rows below the header given the Text format and the drop-down lists
# Columns that hold codes matched as text (besides ids): duty codes.
CODE_COLUMNS = {"duty", "duty_a", "duty_b"}

# A small station that passes every rule of contract section 1, one row or two per table, in column
# order. Clerks overwrite or delete them; imported untouched they give unit SL-示例所.
EXAMPLES: dict[str, list[list[str]]] = {
    "units": [["SL", "示例供电所", "", "供电所"]],
    "posts": [["SL-P01", "营销班班长", "SL", "是"], ["SL-P02", "营业厅班长", "SL", "否"]],
    "people": [["SL-E001", "张伟", "SL", "在岗"], ["SL-E002", "李娜", "SL", "在岗"]],
    "assignments": [["SL-E001", "SL-P01", "A角"], ["SL-E002", "SL-P01", "B角"], ["SL-E002", "SL-P02", "A角"]],
    "processes": [["SL-YK01", "高压业扩报装", "SL", "营销"]],
    "nodes": [
        ["SL-YK01-01", "SL-YK01", "受理用电申请", "开始", "SL-P02", "业扩受理", "否", "1"],
        ["SL-YK01-02", "SL-YK01", "审批供电方案", "任务", "SL-P01、SL-P02", "方案审批", "是", "2"],
    ],
    "flows": [["SL-YK01-01", "SL-YK01-02", "资料齐全"]],
    "risks": [["SL-YK01-R01", "SL-YK01-01", "对资料不全的申请违规受理", "中", "3", "3", "SL-P02"]],
    "controls": [["SL-YK01-C01", "SL-YK01-R01", "受理资料一次性告知并系统留痕", "预防", "SL-P01"]],
    "conflicts": [["业扩受理", "方案审批", "高", "受理与审批不得由同一人办理"]],
    "supervisors": [["SL-E001", "SL-YK01", "一级"]],
    "mitigations": [["SL-E002", "业扩受理", "方案审批", "所长每月抽查复核", "SL-E001", "2027-12-31"]],
}


def _values(column: Column) -> str:
    if column.kind is Kind.ENUM:
        return "、".join(f"{aliases[0]}（{value}）" for value, aliases in column.choices.items())
    return {
        Kind.BOOL: "是/否（yes/no、true/false、1/0、y/n）",
        Kind.INT: "整数",
        Kind.LIST: "多个编号，用 、 或 ； 分隔（不要用空格或换行）",
        Kind.DATE: "日期，如 2027-06-30、2027/6/30 或 2027年6月30日",
    }.get(column.kind, "文本（编号列已设为文本格式）" if _is_text(column) else "文本")


def _is_text(column: Column) -> bool:
    """Columns formatted as Text: ids, lists of ids and codes (Excel would turn `001` into `1`)."""
    return is_id_column(column) or column.name in CODE_COLUMNS


def _choices(column: Column) -> list[str]:
    """The drop-down list of an enum or yes/no column: its Chinese words."""
    if column.kind is Kind.BOOL:
        return ["是", "否"]
    if column.kind is Kind.ENUM:
        return [aliases[0] for aliases in column.choices.values()]
    return []


def _drop_down(sheet: Worksheet, column: Column, letter: str) -> None:
    choices = _choices(column)
    if not choices:
        return
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=not column.required,
        showDropDown=False,  # (sic) False shows the arrow
        showErrorMessage=True,
        errorStyle="warning",  # English spellings are accepted too: warn, do not refuse
        errorTitle="取值 / values",
        error=f"可选：{'、'.join(choices)}",
        promptTitle=column.zh,
        prompt=f"可选：{'、'.join(choices)}",
        showInputMessage=True,
    )
    rule.add(f"{letter}2:{letter}{FORMATTED_ROWS + 1}")
    sheet.add_data_validation(rule)


def _width(column: Column, examples: list[list[str]], index: int) -> float:
    """Wide enough for the header and the examples; CJK characters count twice."""
    texts = [column.zh, *(row[index] for row in examples)]
    return min(48, max(10, *(sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) + 3 for text in texts)))


def _table_sheet(sheet: Worksheet, table: Table) -> None:
    examples = EXAMPLES[table.name]
    sheet.append([c.zh for c in table.columns])
    for row in examples:
        sheet.append(row)
    for index, (column, cell) in enumerate(zip(table.columns, sheet[1], strict=True)):
        letter = get_column_letter(index + 1)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        if column.required:
            cell.font = REQUIRED
        cell.comment = Comment(f"{column.name}: {column.help}\n{_values(column)}", "powermap")
        sheet.column_dimensions[letter].width = _width(column, examples, index)
        if _is_text(column):
            sheet.column_dimensions[letter].number_format = TEXT
            for number in range(2, FORMATTED_ROWS + 2):
                sheet.cell(number, index + 1).number_format = TEXT
        _drop_down(sheet, column, letter)
    for row in sheet.iter_rows(min_row=2, max_row=len(examples) + 1):
        for cell in row:
            cell.fill = EXAMPLE_FILL
    sheet.freeze_panes = "A2"


def _notes_sheet(notes: Worksheet) -> None:
    notes.title = "说明"
    lines = [
        "powermap 供电所工作簿模板 / station workbook template",
        "每张表一个工作表；表名、列名可用中文或英文。红色粗体为必填列。单位表必填，其余表可删除。",
        "黄色底的是示例行（一个完整的小所「示例供电所 SL」，原样导入即可通过）：",
        "改成本所的内容，或删除后填写。编号列已设为「文本」格式：001 不会变成 1。",
        "枚举和 是/否 列有下拉列表。不要合并单元格，不要在表头上方加标题行。",
        "执行岗位 多个编号用 、 或 ； 分隔；日期写 2027-06-30、2027/6/30 或 2027年6月30日。",
        "导入：powermap import 本文件.xlsx（也可在 WPS / LibreOffice 中编辑，或每表另存为一个 CSV）。",
    ]
    for line in lines:
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=14)
    notes.append([])
    notes.append(["表 table", "列 column", "英文列名 English", "必填 required", "取值 values", "说明 help"])
    header = notes.max_row
    for cell in notes[header]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for table in TABLES:
        notes.append([f"{table.zh}（{table.name}）", "", "", "", "", table.help])
        notes.cell(notes.max_row, 1).font = Font(bold=True)
        for column in table.columns:
            notes.append(
                ["", column.zh, column.name, "是" if column.required else "", _values(column), column.help]
            )
    for letter, width in zip("ABCDEF", (22, 14, 16, 12, 50, 60), strict=True):
        notes.column_dimensions[letter].width = width
    notes.freeze_panes = f"A{header + 1}"


def write_template(path: Path) -> None:
    """One sheet per table (Chinese names and headers, example rows) and a 说明 sheet first."""
    book = Workbook()
    _notes_sheet(book.active)
    for table in TABLES:
        _table_sheet(book.create_sheet(table.zh), table)
    book.save(path)
