"""Workbook files: CSV in GBK, UTF-8 with BOM and Chinese headers; .xlsx written by openpyxl; the template."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from neo4j import Driver
from openpyxl import Workbook as XlsxBook

from api.ingest import import_bytes, import_path
from importers.tables import TABLES
from importers.template import write_template
from importers.validate import parse
from importers.workbook import read_path
from tests.build import LIMITS, RISK
from tests.db import ids, read_rows
from tests.workbooks import write_csv_dir

DB = "neo4j"

CHINESE = {
    "单位": [["编号", "名称", "类型"], ["城关", "城关供电所", "供电所"]],
    "岗位": [
        ["编号", "名称", "单位", "关键岗位"],
        ["城关-出纳", "出纳", "城关", "是"],
        ["城关-会计", "会计", "城关", "否"],
    ],
    "人员": [
        ["编号", "姓名", "单位", "状态"],
        ["城关-001", "张伟", "城关", "在岗"],
        ["城关-002", "李娜", "城关", "休假"],
    ],
    "人岗": [["人员", "岗位", "角色"], ["城关-001", "城关-出纳", "A角"], ["城关-002", "城关-出纳", "B角"]],
    "流程": [["编号", "名称", "单位", "专业"], ["城关-报销", "费用报销", "城关", "财务"]],
    "节点": [
        ["编号", "流程", "名称", "类型", "执行岗位", "职责", "自由裁量", "最少人数"],
        ["城关-报销-1", "城关-报销", "审核", "任务", "城关-会计", "报销审核", "是", "1"],
        ["城关-报销-2", "城关-报销", "付款", "任务", "城关-出纳、城关-会计", "出纳", "否", "2"],
    ],
    "流转": [["起点", "终点", "条件"], ["城关-报销-1", "城关-报销-2", "审核通过"]],
    "风险点": [
        ["编号", "节点", "风险行为", "等级", "可能性", "影响", "易发岗位"],
        ["城关-R1", "城关-报销-2", "重复付款", "高", "", "", "城关-出纳"],
    ],
    "防控措施": [
        ["编号", "风险点", "措施", "类型", "责任岗位"],
        ["城关-C1", "城关-R1", "付款前核对", "检查", "城关-会计"],
    ],
    "不相容职责": [["职责A", "职责B", "严重程度", "理由"], ["出纳", "报销审核", "严重", "会计法第三十七条"]],
    "监督员": [["人员", "流程", "级别"], ["城关-001", "城关-报销", "1"]],
    "补偿措施": [
        ["人员", "职责A", "职责B", "措施", "监督人", "有效期至"],
        ["城关-001", "出纳", "报销审核", "所长复核", "城关-002", "2030/12/31"],
    ],
}


def _imported(db: Driver) -> None:
    assert ids(db, DB, "Node") == {"城关-报销-1", "城关-报销-2"}
    (row,) = read_rows(
        db,
        DB,
        "MATCH (p:Post {id: '城关-出纳'})-[:PERFORMS]->(n:Node) MATCH (r:Risk)-[:AT]->(n) "
        "MATCH (:Person {id: '城关-002'})-[h:HOLDS]->(p) "
        "RETURN p.key AS key, n.min_people AS mp, r.level AS level, r.score AS score, h.role AS role",
    )
    assert row == {"key": True, "mp": 2, "level": "high", "score": 16, "role": "B"}


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_chinese_csv_in_every_encoding(db: Driver, tmp_path: Path, encoding: str) -> None:
    result = import_path(db, DB, write_csv_dir(tmp_path / "wb", CHINESE, encoding), model=RISK, limits=LIMITS)
    assert result.ok, result.problems
    _imported(db)


def test_xlsx_written_by_openpyxl(db: Driver, tmp_path: Path) -> None:
    book = XlsxBook()
    book.remove(book.active)
    for name, rows in CHINESE.items():
        sheet = book.create_sheet(name)
        for row in rows:
            # Numbers and dates as Excel stores them, not as text.
            sheet.append([int(v) if v.isdigit() and len(v) == 1 else v for v in row])
    book["补偿措施"]["F2"] = dt.datetime(2030, 12, 31)
    path = tmp_path / "城关供电所.xlsx"
    book.save(path)
    result = import_path(db, DB, path, model=RISK, limits=LIMITS)
    assert result.ok, result.problems
    _imported(db)


def test_zip_of_csv_upload(db: Driver, tmp_path: Path) -> None:
    directory = write_csv_dir(tmp_path / "wb", CHINESE, "gbk")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in directory.iterdir():
            archive.write(path, f"城关/{path.name}")
    result = import_bytes(db, DB, "城关.zip", buffer.getvalue(), model=RISK, limits=LIMITS)
    assert result.ok, result.problems
    _imported(db)


def test_not_a_workbook_is_a_clear_error(db: Driver, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    result = import_path(db, DB, bad, model=RISK, limits=LIMITS)
    assert not result.ok and "not a valid .xlsx" in result.problems[0].message


def test_template_reads_back_with_every_table(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_template(path)
    raw = read_path(path)
    assert raw.warnings == [] and raw.problems == []
    parsed, problems = parse(raw)
    assert problems == []
    assert all(parsed.workbook.counts().values()), "example rows on every sheet"
    assert set(parsed.workbook.counts()) == set(raw.tables)


def test_the_user_docs_name_every_table_and_column() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "workbook.md").read_text(encoding="utf-8")
    for table in TABLES:
        assert f"### {table.zh}（{table.name}）" in docs
        for column in table.columns:
            assert f"| {column.zh} | `{column.name}` |" in docs, (table.name, column.name)
