"""Validation: every problem of a workbook, collected before anything is written (contract rule 1).

Two passes. `parse` turns raw text tables into row models, reporting every bad cell and
every missing column. `check` looks across tables, and at what the graph already holds
(`GraphIds`, read by graph/writer.py in the import's own transaction and handed to
the validator that api/ingest.py gives it): duplicates,
references, flows across processes, ids owned by another unit.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import ValidationError

from graph.rows import ROW_MODELS, Row, Workbook
from graph.writer import ExistingIds, Scope
from importers.cells import CONTROL, SEPARATOR_HINT, CellError, convert
from importers.tables import TABLE_BY_NAME, Kind, Table
from importers.workbook import RawWorkbook


@dataclass(frozen=True)
class Problem:
    table: str  # the sheet or file name as the workbook shows it, else the table name
    row: int | None  # as the file shows it, header = 1; None for the whole table or file
    column: str | None  # the header as the file shows it
    value: str | None
    message: str  # Chinese, then English

    def as_dict(self) -> dict[str, object]:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class Parsed:
    """A workbook's rows and where each came from, to name them in problems."""

    workbook: Workbook
    rows: dict[str, list[int]] = field(default_factory=dict)  # table -> row number of each row
    sources: dict[str, str] = field(default_factory=dict)  # table -> sheet or file name
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> column -> header
    warnings: list[str] = field(default_factory=list)
    # Ids of rows with bad cells: reported already, so references to them are not reported again.
    failed_ids: dict[str, set[str]] = field(default_factory=dict)
    # Tables without their id column, or absent units (reported once): references into them are not checked.
    no_ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, workbook: Workbook) -> "Parsed":
        """A workbook built in code: rows numbered as a sheet would show them (first row = 2)."""
        return cls(workbook, {name: list(range(2, len(workbook.rows(name)) + 2)) for name in ROW_MODELS})

    def problem(
        self, table: str, index: int | None, column: str | None, value: object, message: str
    ) -> Problem:
        numbers = self.rows.get(table, [])
        row = numbers[index] if index is not None and index < len(numbers) else None
        headers = self.headers.get(table, {})
        if column is None or column in headers:
            shown = headers.get(column or "")
        else:  # a row built in code, or a column the sheet does not have
            shown = f"{column}（{TABLE_BY_NAME[table].column(column).zh}）"
        text = None if value is None else str(value)
        return Problem(self.sources.get(table, table), row, shown, text, message)


@dataclass
class GraphIds:
    """Ids already in the graph, each with the unit that owns it (None when it has no unit)."""

    owners: ExistingIds = field(default_factory=dict)  # table -> id -> unit id

    def owner(self, table: str, id_: str) -> tuple[bool, str | None]:
        """Whether the id exists, and its unit."""
        ids = self.owners.get(table, {})
        return id_ in ids, ids.get(id_)


# --- pass 1: cells -------------------------------------------------------------------


def _row_problems(
    table: Table, parsed: Parsed, index: int, exc: ValidationError, values: dict[str, object]
) -> Iterable[Problem]:
    for error in exc.errors():
        column = str(error["loc"][0]) if error["loc"] else None
        message = (
            "必填 / required"
            if error["type"] == "missing"
            else str(error["ctx"].get("error", error["msg"]))
            if "ctx" in error
            else error["msg"]
        )
        yield parsed.problem(
            table.name, index, column, values.get(column or ""), message.removeprefix("Value error, ")
        )


def _partial(model: type[Row], table: Table, values: dict[str, object]) -> Row:
    """A row with bad cells, unvalidated, kept so that its other cells and its references are still
    checked (contract rule 1). A bad or missing id or text is "" and a bad list empty: pass 2 skips
    them. Such a workbook is never written: a problem has been reported."""
    fields: dict[str, object] = {}
    for column in table.columns:
        if column.name in values:
            fields[column.name] = values[column.name]
        elif column.required or column.kind is Kind.LIST:
            fields[column.name] = [] if column.kind is Kind.LIST else ""
    return model.model_construct(None, **fields)


def parse(raw: RawWorkbook) -> tuple[Parsed, list[Problem]]:
    """Row models from raw text tables, and every problem of shape or cell.

    A row with a bad cell is kept, unvalidated (`_partial`), so that pass 2 still checks its
    other cells' references; its problems are reported once, not again as follow-on problems.
    """
    parsed = Parsed(Workbook(), warnings=list(raw.warnings))
    problems = [Problem(*p) for p in raw.problems]
    if "units" not in raw.tables:
        problems.append(
            Problem("units", None, None, None, "缺少必需的表「单位」/ the units table is required")
        )
        parsed.no_ids.add("units")  # reported once: not again for every row that names a unit
    for name, rt in raw.tables.items():
        parsed.sources[name] = rt.source
        parsed.headers[name] = rt.headers
        missing = [c for c in rt.table.columns if c.required and c.name not in rt.headers]
        if any(c.name == "id" for c in missing):
            parsed.no_ids.add(name)
        for column in missing:
            if column.name in rt.resembled:
                continue  # reported as the unknown header that resembles it
            problems.append(
                Problem(
                    rt.source,
                    1,
                    f"{column.name}（{column.zh}）",
                    None,
                    "缺少必填列 / missing required column",
                )
            )
        model = ROW_MODELS[name]
        rows: list[Row] = []
        numbers: list[int] = []
        for number, cells in rt.rows:
            numbers.append(number)
            parsed.rows[name] = numbers
            index = len(numbers) - 1
            values: dict[str, object] = {}
            bad = bool(missing)  # the missing column is reported once, not per row
            for column_name, text in cells.items():
                try:
                    values[column_name] = convert(rt.table.column(column_name), text)
                except CellError as exc:
                    problems.append(parsed.problem(name, index, column_name, text, str(exc)))
                    bad = True
            for column in rt.table.columns:
                if column.required and column.name not in cells and column not in missing:
                    if (number, column.name) not in rt.merged:  # a merge is reported once, as a merge
                        problems.append(parsed.problem(name, index, column.name, None, "必填 / required"))
                    bad = True
            if bad:
                if "id" in cells and "id" not in values:
                    # The bad id as given, and as the rows that refer to it probably spell it.
                    spellings = {cells["id"], CONTROL.sub("", cells["id"])}
                    parsed.failed_ids.setdefault(name, set()).update(spellings)
                rows.append(_partial(model, rt.table, values))
                continue
            try:
                rows.append(model.model_validate(values))
            except ValidationError as exc:
                problems.extend(_row_problems(rt.table, parsed, index, exc, values))
                rows.append(_partial(model, rt.table, values))
        parsed.rows[name] = numbers
        setattr(parsed.workbook, name, rows)
    return parsed, problems


# --- pass 2: across tables and against the graph -----------------------------------------

_WHAT = {
    "units": "单位 unit",
    "posts": "岗位 post",
    "people": "人员 person",
    "processes": "流程 process",
    "nodes": "节点 node",
    "risks": "风险点 risk",
    "controls": "防控措施 control",
}


def _given(value: object) -> bool:
    return value is not None and value != ""


class _Checker:
    def __init__(self, parsed: Parsed, graph: GraphIds, scope: Scope) -> None:
        self.parsed = parsed
        self.wb = parsed.workbook
        self.graph = graph
        self.scope = scope
        self.problems: list[Problem] = []
        self.ids = {
            name: {r.id for r in self.wb.entities(name)} | parsed.failed_ids.get(name, set())
            for name in _WHAT
        }
        self.units = self.ids["units"] | self.wb.owning_units()

    def add(self, table: str, index: int, column: str, value: object, message: str) -> None:
        self.problems.append(self.parsed.problem(table, index, column, value, message))

    def duplicates(self, table: str, column: str, keys: list[object], what: str) -> None:
        first: dict[object, int] = {}
        for index, key in enumerate(keys):
            if not all(_given(part) for part in (key if isinstance(key, tuple | frozenset) else (key,))):
                continue  # a bad or missing cell, reported already
            if key not in first:
                first[key] = index
                continue
            value = getattr(self.wb.rows(table)[index], column)
            row = self.parsed.problem(table, first[key], None, None, "").row
            self.add(
                table, index, column, value, f"{what}重复（同第 {row} 行）/ duplicate {column}, as row {row}"
            )

    def in_workbook(self, table: str, index: int, column: str, value: str, target: str) -> None:
        """A reference to what this import owns: it must be in the workbook."""
        if value and value not in self.ids[target] and target not in self.parsed.no_ids:
            what = _WHAT[target]
            zh, en = what.split()
            self.add(
                table,
                index,
                column,
                value,
                f"{zh} {value} 不在本工作簿中 / {en} {value} is not in this workbook"
                + self.hint(value, target),
            )

    def hint(self, value: str, target: str, table: str = "", column: str = "") -> str:
        """Where clerks go wrong: a hint to add to an unknown reference, or ''."""
        if table == "nodes" and column == "post_id" and re.search(r"\s", value):
            return "；" + SEPARATOR_HINT
        if value.isdigit():
            known = self.ids[target] | set(self.graph.owners.get(target, {}))
            same = sorted(i for i in known if i.isdigit() and i != value and int(i) == int(value))
            if same:
                longer, shorter = max(same[0], value, key=len), min(same[0], value, key=len)
                return (
                    f"；Excel 把 {longer} 存成了 {shorter}：请把编号列设为文本 / "
                    f"Excel stored {longer} as {shorter}: format the id columns as Text"
                )
        return ""

    def known(self, table: str, index: int, column: str, value: str, target: str) -> None:
        """A reference that may point into the graph, though not to what this import deletes."""
        if not value or value in self.ids[target] or target in self.parsed.no_ids:
            return
        zh, en = _WHAT[target].split()
        exists, owner = self.graph.owner(target, value)
        if not exists:
            self.add(
                table,
                index,
                column,
                value,
                f"{zh} {value} 在工作簿和图中都不存在 / "
                f"{en} {value} is neither in the workbook nor in the graph"
                + self.hint(value, target, table, column),
            )
        elif self.scope is Scope.UNITS and target != "units" and owner in self.ids["units"]:
            self.add(
                table,
                index,
                column,
                value,
                f"{zh} {value} 属于本次导入的单位，但工作簿中没有它，导入会删除它 / "
                f"{en} {value} belongs to a unit being imported but is missing from the workbook, "
                "so the import would delete it",
            )

    def owned(self, table: str, index: int, unit_id: str) -> None:
        """The unit owning a row: one this import describes (or, for BPMN, one in the graph)."""
        if not unit_id or unit_id in self.ids["units"] or "units" in self.parsed.no_ids:
            return
        if self.scope is Scope.ITEMS and self.graph.owner("units", unit_id)[0]:
            return
        if self.scope is Scope.ITEMS:
            self.add(
                table, index, "unit_id", unit_id, f"单位 {unit_id} 不存在 / unit {unit_id} does not exist"
            )
        else:
            self.add(
                table,
                index,
                "unit_id",
                unit_id,
                f"单位 {unit_id} 不在本工作簿的单位表中 / "
                f"unit {unit_id} is not in this workbook's units table" + self.hint(unit_id, "units"),
            )

    def not_foreign(self, table: str) -> None:
        """An id this workbook defines must not belong to another unit already."""
        for index, row in enumerate(self.wb.entities(table)):
            exists, owner = self.graph.owner(table, row.id)
            if row.id and exists and owner is not None and owner not in self.units:
                self.add(
                    table,
                    index,
                    "id",
                    row.id,
                    f"编号已属于单位 {owner}，请使用带单位前缀的编号 / "
                    f"id already owned by unit {owner}: use unit-prefixed ids",
                )

    def run(self) -> list[Problem]:
        wb = self.wb
        for table in _WHAT:
            self.duplicates(table, "id", [r.id for r in wb.entities(table)], "编号")
            if table != "units":
                self.not_foreign(table)
        # A person may hold a post as both A and B (the self_backup finding); the same role twice repeats.
        self.duplicates(
            "assignments", "role", [(a.person_id, a.post_id, a.role) for a in wb.assignments], "人岗"
        )
        self.duplicates("flows", "to_id", [(f.from_id, f.to_id) for f in wb.flows], "流转")
        self.duplicates(
            "conflicts", "duty_b", [frozenset((c.duty_a, c.duty_b)) for c in wb.conflicts], "规则"
        )
        self.duplicates(
            "supervisors", "process_id", [(s.person_id, s.process_id) for s in wb.supervisors], "监督员"
        )
        self.duplicates(
            "mitigations",
            "duty_b",
            [(m.person_id, frozenset((m.duty_a, m.duty_b))) for m in wb.mitigations],
            "补偿措施",
        )
        for i, u in enumerate(wb.units):
            if u.parent_id == u.id:
                self.add(
                    "units",
                    i,
                    "parent_id",
                    u.parent_id,
                    "上级单位不能是自己 / a unit cannot be its own parent",
                )
            elif u.parent_id:
                self.known("units", i, "parent_id", u.parent_id, "units")
        for i, post in enumerate(wb.posts):
            self.owned("posts", i, post.unit_id)
        for i, person in enumerate(wb.people):
            self.owned("people", i, person.unit_id)
        for i, process in enumerate(wb.processes):
            self.owned("processes", i, process.unit_id)
        for i, a in enumerate(wb.assignments):
            # Both outside the workbook, though in the graph (an unknown one is reported below instead).
            outside = a.person_id not in self.ids["people"] and a.post_id not in self.ids["posts"]
            if (
                outside
                and self.graph.owner("people", a.person_id)[0]
                and self.graph.owner("posts", a.post_id)[0]
            ):
                self.add(
                    "assignments",
                    i,
                    "person_id",
                    a.person_id,
                    "人员和岗位至少有一个须在本工作簿中 / the person or the post must be in this workbook",
                )
            self.known("assignments", i, "person_id", a.person_id, "people")
            self.known("assignments", i, "post_id", a.post_id, "posts")
        node_process = {n.id: n.process_id for n in wb.nodes}
        for i, n in enumerate(wb.nodes):
            self.in_workbook("nodes", i, "process_id", n.process_id, "processes")
            for post_id in n.post_id:
                self.known("nodes", i, "post_id", post_id, "posts")
        for i, f in enumerate(wb.flows):
            self.in_workbook("flows", i, "from_id", f.from_id, "nodes")
            self.in_workbook("flows", i, "to_id", f.to_id, "nodes")
            start, end = node_process.get(f.from_id), node_process.get(f.to_id)
            processes = self.ids["processes"]
            # A node whose process is unknown is reported as that, not again here.
            if start and end and start != end and start in processes and end in processes:
                self.add(
                    "flows",
                    i,
                    "to_id",
                    f.to_id,
                    f"起点属于流程 {start}，终点属于流程 {end}：流转不能跨流程 / "
                    f"a flow cannot join two processes ({start}, {end})",
                )
        for i, r in enumerate(wb.risks):
            self.in_workbook("risks", i, "node_id", r.node_id, "nodes")
            if r.prone_post_id:
                self.known("risks", i, "prone_post_id", r.prone_post_id, "posts")
        for i, c in enumerate(wb.controls):
            self.in_workbook("controls", i, "risk_id", c.risk_id, "risks")
            if c.owner_post_id:
                self.known("controls", i, "owner_post_id", c.owner_post_id, "posts")
        for i, k in enumerate(wb.conflicts):
            if k.duty_a and k.duty_a == k.duty_b:
                self.add("conflicts", i, "duty_b", k.duty_b, "两个职责相同 / the two duties are the same")
        for i, s in enumerate(wb.supervisors):
            self.in_workbook("supervisors", i, "process_id", s.process_id, "processes")
            self.known("supervisors", i, "person_id", s.person_id, "people")
        for i, m in enumerate(wb.mitigations):
            self.in_workbook("mitigations", i, "person_id", m.person_id, "people")
            if m.monitor_id:
                self.known("mitigations", i, "monitor_id", m.monitor_id, "people")
        return self.problems


def check(parsed: Parsed, graph: GraphIds, scope: Scope = Scope.UNITS) -> list[Problem]:
    """Every problem across tables and against the graph; empty when the import may go ahead."""
    problems = _Checker(parsed, graph, scope).run()
    if (
        scope is Scope.UNITS
        and "units" in parsed.rows  # a missing units table is reported by `parse`
        and not parsed.workbook.units
        and not any(p.table in ("units", parsed.sources.get("units")) for p in problems)
    ):
        problems.append(
            Problem(
                parsed.sources.get("units", "units"),
                None,
                None,
                None,
                "单位表为空 / the units table is empty",
            )
        )
    return problems
