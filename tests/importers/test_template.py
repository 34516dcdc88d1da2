"""The template clerks fill (`powermap template`): opened as Excel/WPS would, and imported untouched."""

from pathlib import Path

import pytest
from neo4j import Driver
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from api.ingest import import_path
from graph.checks.run import run_checks
from importers.tables import TABLE_BY_NAME, TABLES, Column, Kind
from importers.template import EXAMPLES, FORMATTED_ROWS, write_template
from tests.build import LIMITS, RISK
from tests.db import counts

DB = "neo4j"
TEXT_COLUMNS = {"duty", "duty_a", "duty_b"}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "模板.xlsx"
    write_template(path)
    return path


def is_text(column: Column) -> bool:
    return column.name == "id" or column.name.endswith("_id") or column.name in TEXT_COLUMNS


def drop_downs(sheet: Worksheet) -> dict[str, list[str]]:
    """Column letter -> the values of the list validation that covers row 2 and the last formatted row."""
    found: dict[str, list[str]] = {}
    for rule in sheet.data_validations.dataValidation:
        assert rule.type == "list"
        for cells in rule.sqref.ranges:
            assert cells.min_row == 2 and cells.max_row == FORMATTED_ROWS + 1
            found[cells.coord[0]] = (rule.formula1 or "").strip('"').split(",")
    return found


def test_the_notes_sheet_comes_first(template: Path) -> None:
    book = load_workbook(template)
    assert book.sheetnames == ["说明", *(t.zh for t in TABLES)]
    notes = "\n".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    for table in TABLES:
        assert f"{table.zh}（{table.name}）" in notes


@pytest.mark.parametrize("name", [t.name for t in TABLES])
def test_each_sheet_is_ready_for_a_clerk(template: Path, name: str) -> None:
    t = TABLE_BY_NAME[name]
    sheet = load_workbook(template)[t.zh]
    assert [c.value for c in sheet[1]] == [c.zh for c in t.columns]
    assert sheet.freeze_panes == "A2"
    lists = drop_downs(sheet)
    for index, column in enumerate(t.columns):
        letter = chr(ord("A") + index)
        assert (sheet.column_dimensions[letter].width or 0) >= 10, column.name
        # Id and code cells are Text, the examples included and far below them: 001 stays 001.
        formats = {sheet.cell(row, index + 1).number_format for row in (2, 3, 50, FORMATTED_ROWS + 1)}
        assert formats == ({"@"} if is_text(column) else {"General"}), (column.name, formats)
        if column.kind is Kind.BOOL:
            assert lists[letter] == ["是", "否"]
        elif column.kind is Kind.ENUM:
            assert lists[letter] == [aliases[0] for aliases in column.choices.values()]
        else:
            assert letter not in lists, column.name
    assert [
        [c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=len(EXAMPLES[t.name]) + 1)
    ] == [[v or None for v in row] for row in EXAMPLES[t.name]]


def test_the_template_imports_untouched(db: Driver, template: Path) -> None:
    result = import_path(db, DB, template, model=RISK, limits=LIMITS)
    assert result.ok, [p.as_dict() for p in result.problems]
    assert result.warnings == []
    found = counts(db, DB)
    assert {
        label: found[label] for label in ("Unit", "Post", "Person", "Node", "Risk", "Control", "HOLDS")
    } == {
        "Unit": 1,
        "Post": 2,
        "Person": 2,
        "Node": 2,
        "Risk": 1,
        "Control": 1,
        "HOLDS": 3,
    }
    # The example station shows one finding of its own: a post performing both duties of the rule.
    report = run_checks(db, DB, threshold=3, checks=["sod_post", "sod_conflict"])
    assert {(f.check, f.mitigated if f.check == "sod_conflict" else None) for f in report.findings} == {
        ("sod_post", None),
        ("sod_conflict", True),
    }
