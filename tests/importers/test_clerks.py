"""Workbooks as station clerks make them (contract section 1): header notes and near-miss headers,
prefixed file names, GBK zip names, title rows and merged cells, rows with several problems, and the
hints for Excel's usual traps. Pure reading and validation, no database, except where marked.
"""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from neo4j import Driver
from openpyxl import Workbook as XlsxBook

from api.ingest import import_bytes, import_path
from graph.checks.run import run_checks
from importers.tables import normalise
from importers.validate import check, parse
from importers.workbook import RawWorkbook, read_csv_files, read_path, read_xlsx, read_zip
from tests.build import LIMITS, RISK
from tests.db import checksum, counts, ids
from tests.importers.test_validate import UNIT_B, Reported
from tests.workbooks import tables, write_csv_dir

DB = "neo4j"
TODAY = dt.date(2026, 6, 1)


def reported(raw: RawWorkbook) -> list[Reported]:
    parsed, found = parse(raw)
    found += check(parsed, UNIT_B)
    return [(p.table, p.row, p.column, p.value, p.message) for p in found]


def csv_problems(tmp_path: Path, edit: dict[str, list[list[str]]]) -> list[Reported]:
    return reported(read_path(write_csv_dir(tmp_path / "wb", {**tables(), **edit})))


def xlsx_bytes(sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None) -> bytes:
    book = XlsxBook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- headers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("关键岗位（是/否）", "关键岗位"),
        ("status (active/leave/left)", "status"),
        (" 编 号 *", "编号"),
        ("ＵＮＩＴ＿ＩＤ", "unit_id"),
        ("名称【必填】", "名称"),
        ("Person_ID", "person_id"),
    ],
)
def test_headers_are_normalised(header: str, key: str) -> None:
    assert normalise(header) == key


def test_header_notes_keep_the_key_column_and_its_findings(db: Driver, tmp_path: Path) -> None:
    edit = {
        "posts": [
            ["编号 *", "名称（岗位名）", "ＵＮＩＴ_ID", "关键岗位（是/否）"],
            ["A-P1", "出纳", "A", "是"],
            ["A-P2", "会计", "A", "否"],
        ]
    }
    result = import_path(
        db, DB, write_csv_dir(tmp_path / "wb", {**tables(), **edit}), model=RISK, limits=LIMITS
    )
    assert result.ok, result.problems
    report = run_checks(db, DB, threshold=3, checks=["ab_gap"], today=TODAY)
    assert {(f.post_id, f.kind) for f in report.findings} == {("A-P1", "no_backup")}  # type: ignore[union-attr]


def test_a_near_miss_header_is_an_error_naming_the_column_it_resembles(tmp_path: Path) -> None:
    edit = {
        "posts": [
            ["id", "name", "unit_id", "是否关键岗位"],
            ["A-P1", "出纳", "A", "是"],
            ["A-P2", "会计", "A", "否"],
        ]
    }
    (problem,) = csv_problems(tmp_path, edit)
    assert problem[:4] == ("posts.csv", 1, "是否关键岗位", "是否关键岗位")
    assert "关键岗位" in problem[4] and "key" in problem[4] and "resembling" in problem[4]


def test_a_near_miss_of_a_required_column_is_reported_once(tmp_path: Path) -> None:
    """`岗位编号` beside a missing `编号`: one problem, not also 'missing required column' nor one per row."""
    edit = {"posts": [["岗位编号", "名称", "单位"], ["A-P1", "出纳", "A"], ["A-P2", "会计", "A"]]}
    found = csv_problems(tmp_path, edit)
    assert [(p[0], p[1], p[2]) for p in found] == [("posts.csv", 1, "岗位编号")], found
    assert "「编号」" in found[0][4]


def test_an_unrelated_unknown_column_is_only_a_warning(tmp_path: Path) -> None:
    edit = {
        "posts": [
            ["id", "name", "unit_id", "key", "备注"],
            ["A-P1", "出纳", "A", "是", "x"],
            ["A-P2", "会计", "A", "否", ""],
        ]
    }
    raw = read_path(write_csv_dir(tmp_path / "wb", {**tables(), **edit}))
    assert reported(raw) == [] and any("备注" in w for w in raw.warnings)


# --- file names and zips -------------------------------------------------------------------------


def test_prefixed_file_names_as_office_suites_write_them(tmp_path: Path) -> None:
    named = {
        f"西郊-{stem}" if i % 2 else f"城关供电所_{stem}": rows
        for i, (stem, rows) in enumerate(tables().items())
    }
    raw = read_path(write_csv_dir(tmp_path / "wb", named))
    assert raw.warnings == [] and set(raw.tables) == set(tables())
    assert reported(raw) == []


class _WindowsName(zipfile.ZipInfo):
    """A member named as Chinese Windows' 'send to compressed folder' names it: GBK, no UTF-8 flag."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def windows_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = _WindowsName(name, date_time=(2026, 5, 1, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def gbk_csv(rows: list[list[str]]) -> bytes:
    return "\r\n".join(",".join(row) for row in rows).encode("gbk") + b"\r\n"


ZH = {
    "units": "单位",
    "posts": "岗位",
    "people": "人员",
    "assignments": "人岗",
    "processes": "流程",
    "nodes": "节点",
    "flows": "流转",
    "risks": "风险点",
}


def test_a_zip_with_gbk_names_and_folders(db: Driver) -> None:
    files = {
        f"城关供电所\\数据\\{ZH[stem]}.csv" if stem != "units" else "城关供电所/单位.csv": gbk_csv(rows)
        for stem, rows in tables().items()
    }
    data = windows_zip(files)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all(not info.flag_bits & 0x800 for info in archive.infolist()), "built without the UTF-8 flag"
        assert "单位" not in archive.namelist()[0], "Python alone reads the names as gibberish"
    raw = read_zip(data)
    assert set(raw.tables) == set(tables()) and raw.warnings == []
    result = import_bytes(db, DB, "城关.zip", data, model=RISK, limits=LIMITS)
    assert result.ok, result.problems
    assert ids(db, DB, "Node") == {"A-X1", "A-X2", "A-Y1"}


def test_a_zip_made_by_info_zip_on_a_gbk_system(tmp_path: Path) -> None:
    """Info-ZIP stores the file system's bytes as they are: GBK names, no UTF-8 flag."""
    import subprocess

    folder = tmp_path / "gbk"
    folder.mkdir()
    for stem, rows in tables().items():
        with open(bytes(folder) + b"/" + f"西郊-{ZH[stem]}.csv".encode("gbk"), "wb") as handle:
            handle.write(gbk_csv(rows))
    subprocess.run(["zip", "-q", "-r", str(tmp_path / "wb.zip"), "."], cwd=folder, check=True)
    raw = read_zip((tmp_path / "wb.zip").read_bytes())
    assert set(raw.tables) == set(tables()) and raw.warnings == [] and reported(raw) == []


# --- title rows and merged cells -----------------------------------------------------------------


Rows = list[list[object]]


def sheets_of(edit: dict[str, Rows]) -> dict[str, Rows]:
    sheets: dict[str, Rows] = {name: [list(row) for row in rows] for name, rows in tables().items()}
    return {**sheets, **edit}


def test_a_title_row_above_the_header_is_one_problem() -> None:
    posts: Rows = [["城关供电所岗位表", None, None, None], *sheets_of({})["posts"]]
    found = reported(read_xlsx(xlsx_bytes(sheets_of({"posts": posts}), {"posts": ["A1:D1"]})))
    assert len(found) == 1, found
    assert found[0][:3] == ("posts", 2, None) and "row 2, not row 1" in found[0][4]


def test_a_title_row_in_a_csv_is_one_problem_too(tmp_path: Path) -> None:
    people = [["城关供电所人员名单", "", "", ""], ["", "", "", ""], *tables()["people"]]
    found = csv_problems(tmp_path, {"people": people})
    assert [(p[0], p[1]) for p in found] == [("people.csv", 3)], found


def test_merged_required_cells_are_one_problem_naming_the_merge() -> None:
    posts: Rows = [
        ["id", "name", "unit_id", "key"],
        ["A-P1", "出纳", "A", "yes"],
        ["A-P2", "会计", None, "no"],
    ]
    found = reported(read_xlsx(xlsx_bytes(sheets_of({"posts": posts}), {"posts": ["C2:C3"]})))
    assert found == [
        (
            "posts",
            2,
            "unit_id",
            "C2:C3",
            "必填列「单位」有合并单元格 C2:C3：请取消合并，并在每一行填写 / "
            "merged cells C2:C3 in a required column: unmerge them and fill in every row",
        )
    ]


def test_merged_optional_cells_give_their_value_to_every_row() -> None:
    posts: Rows = [["id", "name", "unit_id", "key"], ["A-P1", "出纳", "A", "是"], ["A-P2", "会计", "A", None]]
    raw = read_xlsx(xlsx_bytes(sheets_of({"posts": posts}), {"posts": ["D2:D3"]}))
    parsed, found = parse(raw)
    assert found == [] and [p.key for p in parsed.workbook.posts] == [True, True]
    assert any("D2:D3" in w for w in raw.warnings)


# --- every problem of every row, no cascade ------------------------------------------------------


def test_a_row_with_a_bad_enum_is_still_checked_for_its_references(tmp_path: Path) -> None:
    edit = {"assignments": [["person_id", "post_id", "role"], ["A-E9", "A-P1", "C角"]]}
    found = csv_problems(tmp_path, edit)
    assert {(p[1], p[2], p[3]) for p in found} == {(2, "role", "C角"), (2, "person_id", "A-E9")}, found


def test_every_bad_cell_of_a_row_is_reported(tmp_path: Path) -> None:
    edit = {
        "nodes": [
            ["id", "process_id", "name", "kind", "post_id", "discretion", "min_people"],
            ["A-X1", "A-Z", "审核", "任 务", "A-P9", "也许", "零"],
            ["A-X2", "A-X", "付款", "task", "A-P1", "", "2"],
            ["A-Y1", "A-Y", "派车", "task", "A-P2", "", ""],
        ]
    }
    found = csv_problems(tmp_path, edit)
    assert {(p[1], p[2]) for p in found} == {
        (2, "process_id"),
        (2, "kind"),
        (2, "post_id"),
        (2, "discretion"),
        (2, "min_people"),
    }, found


def test_a_bad_row_does_not_cascade_into_the_rows_that_refer_to_it(tmp_path: Path) -> None:
    """A process with a bad unit: its nodes, flows and risks are not reported again."""
    edit = {"processes": [["id", "name", "unit_id"], ["A-X", "费用报销", "Z"], ["A-Y", "车辆管理", "A"]]}
    found = csv_problems(tmp_path, edit)
    assert [(p[0], p[1], p[2]) for p in found] == [("processes.csv", 2, "unit_id")], found


def test_a_missing_units_table_is_one_problem(tmp_path: Path) -> None:
    edit = tables()
    del edit["units"]
    found = reported(read_path(write_csv_dir(tmp_path / "wb", edit)))
    assert [p[4] for p in found] == ["缺少必需的表「单位」/ the units table is required"]


def test_a_bad_id_does_not_cascade_into_the_rows_that_refer_to_it(tmp_path: Path) -> None:
    edit = {
        "risks": [["id", "node_id", "behavior", "level"], ["A-\tR1", "A-X2", "虚假报销", "high"]],
        "controls": [["id", "risk_id", "measure"], ["A-C1", "A-R1", "复核"]],
    }
    found = csv_problems(tmp_path, edit)
    assert [(p[0], p[1], p[2]) for p in found] == [("risks.csv", 2, "id")], found


def test_a_bad_id_does_not_cascade(tmp_path: Path) -> None:
    edit = {
        "posts": [["id", "name", "unit_id", "key"], ["A-P1", "出纳", "A", "yes"], ["A-\tP2", "会计", "A", ""]]
    }
    found = csv_problems(
        tmp_path,
        {
            **edit,
            "nodes": [
                ["id", "process_id", "name"],
                ["A-X1", "A-X", "审核"],
                ["A-X2", "A-X", "付款"],
                ["A-Y1", "A-Y", "派车"],
            ],
        },
    )
    assert [(p[1], p[2]) for p in found] == [(3, "id")] and "control character" in found[0][4]


# --- hints ---------------------------------------------------------------------------------------


def test_excel_leading_zeros_get_a_hint() -> None:
    """Person ids typed as text in 人员 (`001`), as numbers in 人岗 (Excel keeps `1`)."""
    sheets = sheets_of(
        {
            "people": [["id", "name", "unit_id"], ["001", "张伟", "A"]],
            "assignments": [["person_id", "post_id", "role"], [1, "A-P1", "A"]],
        }
    )
    (problem,) = reported(read_xlsx(xlsx_bytes(sheets)))
    assert problem[:4] == ("assignments", 2, "person_id", "1")
    assert "Excel 把 001 存成了 1：请把编号列设为文本" in problem[4]


def test_ids_separated_by_spaces_or_line_breaks_get_a_hint(tmp_path: Path) -> None:
    nodes = [
        ["id", "process_id", "name", "post_id"],
        ["A-X1", "A-X", "审核", "A-P1 A-P2"],
        ["A-X2", "A-X", "付款", "A-P1\nA-P2"],
        ["A-Y1", "A-Y", "派车", "A-P1；A-P2"],
    ]
    found = csv_problems(tmp_path, {"nodes": nodes})
    assert sorted((p[1], p[2]) for p in found) == [(2, "post_id"), (3, "post_id")], found
    assert all("请用 、 或 ； 分隔" in p[4] for p in found)


@pytest.mark.parametrize("text", ["2027/6/30", "2027年6月30日", "2027-06-30", "2027.6.30"])
def test_dates_as_clerks_type_them(tmp_path: Path, text: str) -> None:
    edit = {
        "mitigations": [
            ["person_id", "duty_a", "duty_b", "measure", "valid_until"],
            ["A-E1", "出纳", "审核", "复核", text],
        ]
    }
    parsed, found = parse(read_path(write_csv_dir(tmp_path / "wb", {**tables(), **edit})))
    assert found == [] and parsed.workbook.mitigations[0].valid_until == dt.date(2027, 6, 30)


@pytest.mark.parametrize("bad", ["A-\x00P1", "A-P1\nA-P2", "A-\tP1"])
def test_control_characters_inside_an_id_are_refused(tmp_path: Path, bad: str) -> None:
    edit = {"people": [["id", "name", "unit_id", "status"], [bad, "张伟", "A", "active"]]}
    found = csv_problems(tmp_path, {**edit, "assignments": [["person_id", "post_id", "role"]]})
    assert [(p[1], p[2]) for p in found] == [(2, "id")], found
    assert "控制字符" in found[0][4]


def test_a_refused_clerk_workbook_writes_nothing(db: Driver, tmp_path: Path) -> None:
    import_path(db, DB, write_csv_dir(tmp_path / "ok", tables()), model=RISK, limits=LIMITS)
    before = (counts(db, DB), checksum(db, DB))
    edit = {
        "posts": [
            ["id", "name", "unit_id", "是否关键岗位"],
            ["A-P1", "出纳", "A", "否"],
            ["A-P2", "会计", "A", "否"],
        ]
    }
    result = import_path(
        db, DB, write_csv_dir(tmp_path / "bad", {**tables(), **edit}), model=RISK, limits=LIMITS
    )
    assert not result.ok and [p.column for p in result.problems] == ["是否关键岗位"]
    assert (counts(db, DB), checksum(db, DB)) == before


def test_csv_files_read_from_bytes_keep_their_prefix_out_of_the_table_name() -> None:
    raw = read_csv_files([("2026年5月-单位.csv", gbk_csv(tables()["units"]))])
    assert raw.tables["units"].source == "2026年5月-单位.csv"
