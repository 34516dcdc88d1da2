"""The station workbook of contract section 1: tables, columns, Chinese names and enum aliases.

The one source of truth for the reader (`workbook.py`), the validation (`validate.py`), the
graph's row models (`graph/rows.py`), the blank template (`template.py`) and the docs.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    BOOL = "bool"
    INT = "int"
    ENUM = "enum"
    LIST = "list"
    DATE = "date"


from graph.vocab import (  # noqa: E402  (re-exported: the tables name their enums)
    CONTROL_KINDS,
    LEVELS,
    NODE_KINDS,
    ROLES,
    SEVERITIES,
    STATUSES,
    SUPERVISOR_LEVELS,
    UNIT_KINDS,
)


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    required: bool = False
    kind: Kind = Kind.TEXT
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None
    help: str = ""
    example: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    columns: tuple[Column, ...]
    help: str

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


TABLES: tuple[Table, ...] = (
    Table(
        "units",
        "单位",
        (
            Column("id", "编号", True, help="单位编号，全局唯一", example="CG"),
            Column("name", "名称", True, help="单位名称", example="城关供电所"),
            Column("parent_id", "上级单位", help="上级单位编号（本表或图中已有）"),
            Column("kind", "类型", kind=Kind.ENUM, choices=UNIT_KINDS, help="默认 供电所", example="供电所"),
        ),
        "本工作簿描述的单位；导入后这些单位的内容与工作簿完全一致（快照）。必填表。",
    ),
    Table(
        "posts",
        "岗位",
        (
            Column("id", "编号", True, help="岗位编号，建议加单位前缀", example="CG-P01"),
            Column("name", "名称", True, help="岗位名称", example="营销班班长"),
            Column("unit_id", "单位", True, help="所属单位编号（须在单位表中）", example="CG"),
            Column(
                "key", "关键岗位", kind=Kind.BOOL, help="是/否，默认 否；关键岗位须有A角和B角", example="是"
            ),
        ),
        "岗位。",
    ),
    Table(
        "people",
        "人员",
        (
            Column("id", "编号", True, help="人员编号（工号）", example="CG-E001"),
            Column("name", "姓名", True, help="姓名", example="张伟"),
            Column("unit_id", "单位", True, help="所属单位编号（须在单位表中）", example="CG"),
            Column("status", "状态", kind=Kind.ENUM, choices=STATUSES, help="默认 在岗", example="在岗"),
        ),
        "人员。",
    ),
    Table(
        "assignments",
        "人岗",
        (
            Column("person_id", "人员", True, help="人员编号", example="CG-E001"),
            Column("post_id", "岗位", True, help="岗位编号", example="CG-P01"),
            Column("role", "角色", True, kind=Kind.ENUM, choices=ROLES, help="A角 或 B角", example="A角"),
        ),
        "人员在岗位上的角色：A角（主岗）或 B角（备岗）。",
    ),
    Table(
        "processes",
        "流程",
        (
            Column("id", "编号", True, help="流程编号", example="CG-YK01"),
            Column("name", "名称", True, help="流程名称", example="高压业扩报装"),
            Column("unit_id", "单位", True, help="所属单位编号（须在单位表中）", example="CG"),
            Column("domain", "专业", help="营销、生产、财务、物资、综合、安全 等", example="营销"),
        ),
        "权力运行流程。",
    ),
    Table(
        "nodes",
        "节点",
        (
            Column("id", "编号", True, help="节点编号", example="CG-YK01-01"),
            Column("process_id", "流程", True, help="所属流程编号（须在流程表中）", example="CG-YK01"),
            Column("name", "名称", True, help="环节名称", example="受理用电申请"),
            Column("kind", "类型", kind=Kind.ENUM, choices=NODE_KINDS, help="默认 任务", example="任务"),
            Column(
                "post_id", "执行岗位", kind=Kind.LIST, help="岗位编号，多个用 ; 、 , 分隔", example="CG-P01"
            ),
            Column("duty", "职责", help="职责代码，用于不相容职责检查", example="业扩受理"),
            Column("discretion", "自由裁量", kind=Kind.BOOL, help="是/否，默认 否", example="否"),
            Column("min_people", "最少人数", kind=Kind.INT, minimum=1, help="整数 ≥ 1，默认 1", example="1"),
        ),
        "流程中的环节。",
    ),
    Table(
        "flows",
        "流转",
        (
            Column("from_id", "起点", True, help="起点节点编号", example="CG-YK01-01"),
            Column("to_id", "终点", True, help="终点节点编号（须与起点同一流程）", example="CG-YK01-02"),
            Column("condition", "条件", help="流转条件，可空", example="资料齐全"),
        ),
        "节点之间的流转（顺序）。",
    ),
    Table(
        "risks",
        "风险点",
        (
            Column("id", "编号", True, help="风险点编号", example="CG-YK01-R01"),
            Column("node_id", "节点", True, help="所在节点编号", example="CG-YK01-01"),
            Column("behavior", "风险行为", True, help="风险行为描述", example="对资料不全的申请违规受理"),
            Column("level", "等级", kind=Kind.ENUM, choices=LEVELS, help="高/中/低", example="中"),
            Column("likelihood", "可能性", kind=Kind.INT, minimum=1, maximum=5, help="1-5", example="3"),
            Column("impact", "影响", kind=Kind.INT, minimum=1, maximum=5, help="1-5", example="3"),
            Column("prone_post_id", "易发岗位", help="易发岗位编号", example="CG-P01"),
        ),
        "风险点：须填等级，或同时填可能性与影响。固有风险分 = 可能性 × 影响，否则 高16/中9/低4。",
    ),
    Table(
        "controls",
        "防控措施",
        (
            Column("id", "编号", True, help="措施编号", example="CG-YK01-C01"),
            Column("risk_id", "风险点", True, help="风险点编号", example="CG-YK01-R01"),
            Column("measure", "措施", True, help="防控措施内容", example="受理资料一次性告知并系统留痕"),
            Column("kind", "类型", kind=Kind.ENUM, choices=CONTROL_KINDS, help="预防/检查", example="预防"),
            Column("owner_post_id", "责任岗位", help="落实措施的岗位编号", example="CG-P02"),
        ),
        "风险点的防控措施。",
    ),
    Table(
        "conflicts",
        "不相容职责",
        (
            Column("duty_a", "职责A", True, help="职责代码", example="出纳"),
            Column("duty_b", "职责B", True, help="职责代码", example="稽核"),
            Column(
                "severity", "严重程度", kind=Kind.ENUM, choices=SEVERITIES, help="默认 高", example="严重"
            ),
            Column("reason", "理由", help="理由及依据", example="会计法第三十七条：出纳不得兼任稽核"),
        ),
        "不相容职责规则；合并进全局规则集，导入从不删除规则。",
    ),
    Table(
        "supervisors",
        "监督员",
        (
            Column("person_id", "人员", True, help="监督员人员编号", example="CG-E001"),
            Column("process_id", "流程", True, help="流程编号（须在流程表中）", example="CG-YK01"),
            Column(
                "level", "级别", True, kind=Kind.ENUM, choices=SUPERVISOR_LEVELS, help="1/2/3", example="1"
            ),
        ),
        "三级监督员。",
    ),
    Table(
        "mitigations",
        "补偿措施",
        (
            Column("person_id", "人员", True, help="一人多职的人员编号（须在人员表中）", example="CG-E001"),
            Column("duty_a", "职责A", True, help="职责代码", example="物资保管"),
            Column("duty_b", "职责B", True, help="职责代码", example="物资记账"),
            Column("measure", "措施", True, help="补偿性控制措施", example="所长每月盘点复核"),
            Column("monitor_id", "监督人", help="监督人人员编号", example="CG-E002"),
            Column(
                "valid_until",
                "有效期至",
                kind=Kind.DATE,
                help="日期 YYYY-MM-DD，空为长期",
                example="2026-12-31",
            ),
        ),
        "对无法分离的不相容职责，经批准的补偿措施。",
    ),
)

TABLE_BY_NAME = {t.name: t for t in TABLES}

# Sheets and files that are not tables and are skipped without a warning.
NOTE_SHEETS = ("说明", "readme", "read me", "notes")
_NOTE_KEYS = {n.replace(" ", "") for n in NOTE_SHEETS}


# A trailing note in brackets after a header or a name: `关键岗位（是/否）`, `status (active/leave/left)`.
_NOTE = re.compile(r"(\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕)$")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """A header or a sheet name as it is matched (contract section 1): trimmed, full-width made
    half-width (NFKC), inner spaces removed, English case ignored, a trailing `*` and a trailing
    note in brackets dropped."""
    key = _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()
    while True:
        stripped = _NOTE.sub("", key.rstrip("*")).rstrip("*")
        if stripped == key or not stripped:
            return key if not stripped else stripped
        key = stripped


# A table name may carry a prefix ending in `-` or `_` (`西郊-岗位.csv`, as office suites name
# one CSV file per sheet).
_PREFIX = re.compile(r"^.*[-_]")


def table_for(sheet_name: str) -> Table | None:
    """The table a sheet or CSV file stands for, by its English or Chinese name, with or without a
    `PREFIX-` or `PREFIX_` before it."""
    key = normalise(sheet_name)
    for candidate in (key, _PREFIX.sub("", key)):
        table = next((t for t in TABLES if candidate in (t.name, t.zh)), None)
        if table is not None:
            return table
    return None


def is_note_sheet(sheet_name: str) -> bool:
    """A sheet or file that is not a table (`说明`, `readme`), skipped without a warning."""
    key = normalise(sheet_name)
    return key in _NOTE_KEYS or _PREFIX.sub("", key) in _NOTE_KEYS


def column_for(table: Table, header: str) -> Column | None:
    """The column a header names: English or Chinese, after `normalise`."""
    key = normalise(header)
    return next((c for c in table.columns if key in (c.name.lower(), normalise(c.zh))), None)


def resembles(header: str, missing: Iterable[Column]) -> Column | None:
    """A missing column whose name an unknown header contains, or is contained in
    (`是否关键岗位` beside a missing `关键岗位`): the column the header was probably meant to be."""
    key = normalise(header)
    if not key:
        return None
    # Several may match (`流程名称` beside a missing 流程 and 名称): the longest name wins.
    found = [
        (len(name), column)
        for column in missing
        for name in (normalise(column.zh), column.name.lower())
        if name in key or key in name
    ]
    return max(found, key=lambda pair: pair[0])[1] if found else None
