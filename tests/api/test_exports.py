"""api/exports.py: every CSV and .xlsx powermap writes opens in Excel as text, never as a formula."""

import io

import openpyxl
import pytest

from api.exports import Sheet, display_width, excel_safe, to_csv, to_xlsx

FORMULAS = ['=HYPERLINK("http://x","点我")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_gets_a_quote(text: str) -> None:
    assert excel_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["张三", "a=b", "1-2", "", None, -3, 2.5, True])
def test_other_cells_are_left_alone(value: str | int | float | bool | None) -> None:
    assert excel_safe(value) == value


def test_csv_has_a_bom_crlf_and_safe_cells() -> None:
    data = to_csv(Sheet("表", ("姓名", "数"), [("=1+1", -1), ("李四", None)]))
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig") == "姓名,数\r\n'=1+1,-1\r\n李四,\r\n"


def test_xlsx_header_filter_freeze_widths_and_safe_cells() -> None:
    long = "很长的说明" * 30
    sheet = Sheet("检查结果/汇总", ("说明", "数量"), [(long, 3), ("=cmd|' /C calc'!A0", -1)])
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([sheet])))
    assert book.sheetnames == ["检查结果_汇总"]  # no '/' in a sheet name
    ws = book.active
    assert ws is not None
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:B3"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("1F4E79")
    assert ws["A3"].value == "'=cmd|' /C calc'!A0" and ws["A3"].data_type == "s"
    assert ws["B3"].value == -1  # numbers stay numbers
    assert ws.column_dimensions["A"].width == 60 and ws["A2"].alignment.wrap_text
    assert ws.column_dimensions["B"].width == display_width("数量") + 2
