"""The sample station 城关供电所: CSV and .xlsx agree, the data holds together, and exactly the
problems listed in data/sample/README.md are planted (contract section 3 computed in plain Python).

No importer and no database here: the data itself is under test.
"""

import csv
import importlib.util
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest
from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
CSV_DIR = SAMPLE / "城关供电所"
XLSX = SAMPLE / "城关供电所.xlsx"
README = SAMPLE / "README.md"
BPMN = SAMPLE / "bpmn" / "低压居民报装.bpmn"
# The day the planted problems are read on: the README's valid mitigation (until 2030-12-31) is
# valid then and its expired one (until 2025-12-31) expired, whatever the calendar says.
SAMPLE_DAY = date(2026, 6, 1)

# Contract section 1: every table, every column, by its Chinese name, in contract order.
HEADERS = {
    "单位": ["编号", "名称", "上级单位", "类型"],
    "岗位": ["编号", "名称", "单位", "关键岗位"],
    "人员": ["编号", "姓名", "单位", "状态"],
    "人岗": ["人员", "岗位", "角色"],
    "流程": ["编号", "名称", "单位", "专业"],
    "节点": ["编号", "流程", "名称", "类型", "执行岗位", "职责", "自由裁量", "最少人数"],
    "流转": ["起点", "终点", "条件"],
    "风险点": ["编号", "节点", "风险行为", "等级", "可能性", "影响", "易发岗位"],
    "防控措施": ["编号", "风险点", "措施", "类型", "责任岗位"],
    "不相容职责": ["职责A", "职责B", "严重程度", "理由"],
    "监督员": ["人员", "流程", "级别"],
    "补偿措施": ["人员", "职责A", "职责B", "措施", "监督人", "有效期至"],
}
LIST_SEPARATORS = re.compile(r"[;；,，、]")
LEVEL_SCORE = {"高": 16, "中": 9, "低": 4}

Row = dict[str, str]


def read_csv(name: str) -> list[Row]:
    with (CSV_DIR / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def xlsx_text(value: object) -> str:
    """A cell as the CSV writes it: dates as ISO dates, whole numbers without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def xlsx_rows(path: Path) -> dict[str, list[list[str]]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: [[xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()


def csv_rows() -> dict[str, list[list[str]]]:
    tables = {}
    for name in HEADERS:
        with (CSV_DIR / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            tables[name] = list(csv.reader(handle))
    return tables


def split_posts(text: str) -> list[str]:
    return [p.strip() for p in LIST_SEPARATORS.split(text) if p.strip()]


@dataclass(frozen=True)
class Station:
    tables: dict[str, list[Row]]

    def ids(self, table: str) -> set[str]:
        return {r["编号"] for r in self.tables[table]}

    def by_id(self, table: str) -> dict[str, Row]:
        return {r["编号"]: r for r in self.tables[table]}

    def node_posts(self) -> dict[str, list[str]]:
        return {n["编号"]: split_posts(n["执行岗位"]) for n in self.tables["节点"]}

    def active(self) -> set[str]:
        return {p["编号"] for p in self.tables["人员"] if p["状态"] == "在岗"}

    def holders(self, role: str | None = None) -> dict[str, set[str]]:
        """post id -> person ids holding it (in `role`, or either role)."""
        out: dict[str, set[str]] = defaultdict(set)
        for a in self.tables["人岗"]:
            if role is None or a["角色"] == f"{role}角":
                out[a["岗位"]].add(a["人员"])
        return out

    def post_duties(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for node in self.tables["节点"]:
            for post in split_posts(node["执行岗位"]):
                if node["职责"]:
                    out[post].add(node["职责"])
        return out

    def rules(self) -> dict[frozenset[str], Row]:
        return {frozenset((r["职责A"], r["职责B"])): r for r in self.tables["不相容职责"]}


@cache
def station() -> Station:
    return Station({name: read_csv(name) for name in HEADERS})


Finding = tuple[str, frozenset[str]]


def person_duties(s: Station, roles: Iterable[str]) -> dict[str, set[str]]:
    duties = s.post_duties()
    out: dict[str, set[str]] = defaultdict(set)
    for a in s.tables["人岗"]:
        if a["角色"].removesuffix("角") in roles:
            out[a["人员"]] |= duties[a["岗位"]]
    return out


def sod_conflicts(s: Station, roles: Iterable[str]) -> dict[tuple[str, frozenset[str]], Row]:
    active = s.active()
    return {
        (person, pair): rule
        for person, duties in person_duties(s, roles).items()
        if person in active
        for pair, rule in s.rules().items()
        if pair <= duties
    }


def mitigation_state(s: Station, person: str, pair: frozenset[str], today: date) -> str:
    states = [
        "mitigated" if not m["有效期至"] or date.fromisoformat(m["有效期至"]) >= today else "expired"
        for m in s.tables["补偿措施"]
        if m["人员"] == person and frozenset((m["职责A"], m["职责B"])) == pair
    ]
    return "mitigated" if "mitigated" in states else (states[0] if states else "")


def findings(s: Station, today: date) -> set[Finding]:
    """Contract section 3, plus the point-5 problems that are not contract checks."""
    out: set[Finding] = set()
    active = s.active()
    a_holders, b_holders = s.holders("A"), s.holders("B")
    for post in s.tables["岗位"]:
        if post["关键岗位"] != "是":
            continue
        pid = post["编号"]
        a, b = a_holders[pid] & active, b_holders[pid] & active
        if not a:
            out.add(("ab_gap/vacant", frozenset({pid})))
        if not b:
            out.add(("ab_gap/no_backup", frozenset({pid})))
        if b and b <= a:
            out.add(("ab_gap/self_backup", frozenset({pid})))

    for (person, pair), _rule in sod_conflicts(s, ("A", "B")).items():
        state = mitigation_state(s, person, pair, today)
        out.add((f"sod_conflict/{state}" if state else "sod_conflict", frozenset({person}) | pair))
    a_only = sod_conflicts(s, ("A",))
    for key, rule in sod_conflicts(s, ("A", "B")).items():
        if rule["严重程度"] == "严重" and key not in a_only:
            out.add(("b_role_critical", frozenset({key[0]}) | key[1]))

    for post_id, duties in s.post_duties().items():
        for pair in s.rules():
            if pair <= duties:
                out.add(("sod_post", frozenset({post_id}) | pair))

    performers = s.node_posts()
    controls: dict[str, list[Row]] = defaultdict(list)
    for c in s.tables["防控措施"]:
        controls[c["风险点"]].append(c)
    for risk in s.tables["风险点"]:
        mine = controls[risk["编号"]]
        doing = set(performers[risk["节点"]])
        if any(c["责任岗位"] and c["责任岗位"] not in doing for c in mine):
            continue
        if not mine:
            reason = "no_control"
        elif any(c["责任岗位"] in doing for c in mine):
            reason = "self_control"
        else:
            reason = "unowned"
        out.add((f"uncontrolled/{reason}", frozenset({risk["编号"]})))

    holders = s.holders()
    for node in s.tables["节点"]:
        need = int(node["最少人数"] or 1)
        have = set().union(*(holders[p] for p in performers[node["编号"]])) & active
        if need >= 2 and len(have) < need:
            out.add(("two_person", frozenset({node["编号"]})))

    level3 = {v["流程"] for v in s.tables["监督员"] if v["级别"] == "3"}
    for node in s.tables["节点"]:
        if node["自由裁量"] == "是" and node["流程"] not in level3:
            out.add(("discretion_no_level3", frozenset({node["编号"]})))

    a_posts: dict[str, int] = defaultdict(int)
    for assignment in s.tables["人岗"]:
        a_posts[assignment["人员"]] += assignment["角色"] == "A角"
    out |= {("multi_post", frozenset({p})) for p, n in a_posts.items() if n >= 3}
    return out


def readme_findings() -> set[Finding]:
    """Rows of the README's planted-problem table: | `check/kind` | `id` `duty` ... | ... |"""
    out = set()
    section = README.read_text(encoding="utf-8").split("## 埋设的问题", 1)[1]
    for line in section.splitlines():
        match = re.match(r"\|\s*`([\w/]+)`\s*\|([^|]*)\|", line)
        if match:
            out.add((match.group(1), frozenset(re.findall(r"`([^`]+)`", match.group(2)))))
    return out


# --- the files -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(HEADERS))
def test_csv_is_utf8_with_bom_and_has_the_contract_headers(name: str) -> None:
    raw = (CSV_DIR / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv: UTF-8 with BOM, as Excel writes it"
    header, *rows = csv_rows()[name]
    assert header == HEADERS[name]
    assert rows, f"{name}.csv has rows"
    assert all(len(r) == len(header) for r in rows), f"{name}.csv: every row has every column"
    assert all(cell == cell.strip() for r in rows for cell in r), f"{name}.csv: no stray spaces"


def test_there_is_one_csv_per_table_and_nothing_else() -> None:
    assert sorted(p.stem for p in CSV_DIR.iterdir()) == sorted(HEADERS)


def test_xlsx_holds_the_same_rows_as_the_csv() -> None:
    assert xlsx_rows(XLSX) == csv_rows()


def test_xlsx_holds_numbers_and_dates_as_a_station_would_type_them() -> None:
    workbook = load_workbook(XLSX, read_only=True)
    try:
        nodes = list(workbook["节点"].iter_rows(min_row=2, values_only=True))
        mitigations = list(workbook["补偿措施"].iter_rows(min_row=2, values_only=True))
    finally:
        workbook.close()
    min_people = HEADERS["节点"].index("最少人数")
    assert {type(row[min_people]) for row in nodes} == {int, type(None)}
    assert all(isinstance(row[-1], datetime) for row in mitigations)


def build_xlsx(source: Path, target: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_xlsx", SAMPLE / "build_xlsx.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(source, target)


def test_build_script_rebuilds_the_same_workbook(tmp_path: Path) -> None:
    build_xlsx(CSV_DIR, tmp_path / "rebuilt.xlsx")
    assert xlsx_rows(tmp_path / "rebuilt.xlsx") == xlsx_rows(XLSX)
    assert list(xlsx_rows(XLSX)) == list(HEADERS), "sheets in contract order"


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8).map(str.strip)


def cells(column: str) -> st.SearchStrategy[str]:
    if column in {"最少人数", "可能性", "影响", "级别"}:
        return st.one_of(st.just(""), st.integers(0, 10**6).map(str))
    if column == "有效期至":
        return st.one_of(st.just(""), st.dates(date(1990, 1, 1), date(2199, 12, 31)).map(date.isoformat))
    return TEXT


def tables_of_rows() -> st.SearchStrategy[dict[str, list[list[str]]]]:
    rows = {
        name: st.lists(
            st.tuples(TEXT.filter(bool), *(cells(c) for c in header[1:])).map(list), min_size=1, max_size=3
        )
        for name, header in HEADERS.items()
    }
    return st.fixed_dictionaries(rows)


@given(tables_of_rows())
@settings(max_examples=30, deadline=None)
def test_any_csv_cell_survives_the_trip_into_the_xlsx(tables: dict[str, list[list[str]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp)
        for name, rows in tables.items():
            with (source / f"{name}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle).writerows([HEADERS[name], *rows])
        build_xlsx(source, source / "out.xlsx")
        assert xlsx_rows(source / "out.xlsx") == {
            name: [HEADERS[name], *rows] for name, rows in tables.items()
        }


# --- integrity -----------------------------------------------------------------------------


def test_ids_are_unique_across_the_whole_workbook_and_unit_prefixed() -> None:
    s = station()
    ids = [r["编号"] for table in s.tables.values() for r in table if "编号" in r]
    assert len(ids) == len(set(ids))
    assert all(i == "SZGS" or i == "CG" or i.startswith("CG-") for i in ids)


def test_every_reference_resolves() -> None:
    s = station()
    units, posts, people = s.ids("单位"), s.ids("岗位"), s.ids("人员")
    processes, nodes, risks = s.ids("流程"), s.ids("节点"), s.ids("风险点")
    duties = {d for pair in s.rules() for d in pair}
    refs = [
        *(u["上级单位"] in units for u in s.tables["单位"] if u["上级单位"]),
        *(r["单位"] in units for t in ("岗位", "人员", "流程") for r in s.tables[t]),
        *(a["人员"] in people and a["岗位"] in posts for a in s.tables["人岗"]),
        *(n["流程"] in processes for n in s.tables["节点"]),
        *(p in posts for n in s.tables["节点"] for p in split_posts(n["执行岗位"])),
        *(f["起点"] in nodes and f["终点"] in nodes for f in s.tables["流转"]),
        *(r["节点"] in nodes and (not r["易发岗位"] or r["易发岗位"] in posts) for r in s.tables["风险点"]),
        *(
            c["风险点"] in risks and (not c["责任岗位"] or c["责任岗位"] in posts)
            for c in s.tables["防控措施"]
        ),
        *(v["人员"] in people and v["流程"] in processes for v in s.tables["监督员"]),
        *(m["人员"] in people and m["监督人"] in people for m in s.tables["补偿措施"]),
        *({m["职责A"], m["职责B"]} <= duties for m in s.tables["补偿措施"]),
    ]
    assert all(refs)
    by_node = s.by_id("节点")
    assert all(by_node[f["起点"]]["流程"] == by_node[f["终点"]]["流程"] for f in s.tables["流转"])


def test_enum_values_are_the_chinese_ones_of_the_contract() -> None:
    s = station()
    allowed = {
        ("单位", "类型"): {"公司", "供电所", "班组"},
        ("岗位", "关键岗位"): {"是", "否"},
        ("人员", "状态"): {"在岗", "休假", "离岗"},
        ("人岗", "角色"): {"A角", "B角"},
        ("节点", "类型"): {"开始", "任务", "判断", "结束"},
        ("节点", "自由裁量"): {"是", "否", ""},
        ("风险点", "等级"): {"高", "中", "低"},
        ("防控措施", "类型"): {"预防", "检查"},
        ("不相容职责", "严重程度"): {"严重", "高", "中", "低"},
        ("监督员", "级别"): {"1", "2", "3"},
    }
    for (table, column), values in allowed.items():
        assert {r[column] for r in s.tables[table]} <= values, f"{table}.{column}"
    assert all(n["最少人数"] == "" or int(n["最少人数"]) >= 1 for n in s.tables["节点"])
    for r in s.tables["风险点"]:
        assert all(r[c] == "" or 1 <= int(r[c]) <= 5 for c in ("可能性", "影响"))
        assert r["等级"] or (r["可能性"] and r["影响"]), r["编号"]
    assert all(not m["有效期至"] or date.fromisoformat(m["有效期至"]) for m in s.tables["补偿措施"])


def test_each_process_has_one_start_an_end_and_every_node_reachable() -> None:
    s = station()
    successors: dict[str, list[str]] = defaultdict(list)
    for f in s.tables["流转"]:
        successors[f["起点"]].append(f["终点"])
    for process in s.ids("流程"):
        mine = [n for n in s.tables["节点"] if n["流程"] == process]
        starts = [n["编号"] for n in mine if n["类型"] == "开始"]
        ends = [n["编号"] for n in mine if n["类型"] == "结束"]
        assert len(starts) == 1 and ends, process
        seen, todo = set(), [starts[0]]
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(successors[node])
        assert seen == {n["编号"] for n in mine}, (
            f"{process}: unreachable {set(n['编号'] for n in mine) - seen}"
        )
        assert all(not successors[e] for e in ends), f"{process}: an end leads nowhere"


def test_decisions_branch_on_named_conditions_and_two_processes_loop_back() -> None:
    s = station()
    nodes = s.by_id("节点")
    outgoing: dict[str, list[Row]] = defaultdict(list)
    for f in s.tables["流转"]:
        outgoing[f["起点"]].append(f)
    for node_id, node in nodes.items():
        if node["类型"] == "判断":
            assert len(outgoing[node_id]) >= 2 and all(f["条件"] for f in outgoing[node_id]), node_id
    # A rework loop: a flow back to a node listed earlier in its process (退回).
    order = {n["编号"]: i for i, n in enumerate(s.tables["节点"])}
    loops = {nodes[f["起点"]]["流程"] for f in s.tables["流转"] if order[f["终点"]] < order[f["起点"]]}
    assert len(loops) >= 2


def test_size_and_realism_of_point_5() -> None:
    s = station()
    processes = {p["名称"]: p for p in s.tables["流程"]}
    assert len(processes) >= 10
    assert {p["专业"] for p in processes.values()} >= {"营销", "生产", "财务", "物资", "综合", "安全"}
    for name in ("高压业扩报装", "故障抢修", "物资出入库", "废旧物资处置", "费用报销", "电费抄核收"):
        assert name in processes
    assert {"车辆管理", "工作票管理"} <= set(processes)
    assert any(name.startswith("低压居民报装") for name in processes)
    hv = processes["高压业扩报装"]["编号"]
    hv_nodes = {n["编号"] for n in s.tables["节点"] if n["流程"] == hv}
    assert 14 <= len(hv_nodes) <= 18
    assert sum(r["节点"] in hv_nodes for r in s.tables["风险点"]) >= 30
    repair = processes["故障抢修"]["编号"]
    assert any(n["流程"] == repair and n["最少人数"] == "2" for n in s.tables["节点"])
    assert 20 <= len(s.tables["人员"]) <= 40
    assert {p["状态"] for p in s.tables["人员"]} == {"在岗", "休假", "离岗"}
    assert sum(p["状态"] == "离岗" for p in s.tables["人员"]) == 1
    post_lists = [n["执行岗位"] for n in s.tables["节点"]]
    assert any("；" in p for p in post_lists) and any("、" in p for p in post_lists)
    assert {c["类型"] for c in s.tables["防控措施"]} == {"预防", "检查"}
    assert all(r["理由"] for r in s.tables["不相容职责"])
    reasons = " ".join(r["理由"] for r in s.tables["不相容职责"])
    assert "《会计法》第三十七条" in reasons and "电力安全工作规程" in reasons
    levels: dict[str, set[str]] = defaultdict(set)
    for v in s.tables["监督员"]:
        levels[v["流程"]].add(v["级别"])
    assert sum(levels[p] == {"1", "2", "3"} for p in s.ids("流程")) >= len(processes) - 1


def test_mitigations_one_valid_and_one_expired() -> None:
    today = SAMPLE_DAY
    until = [date.fromisoformat(m["有效期至"]) for m in station().tables["补偿措施"]]
    assert any(d >= today for d in until) and any(d < today for d in until)


def test_independent_controls_are_the_rule_not_the_exception() -> None:
    s = station()
    performers = s.node_posts()
    risk_node = {r["编号"]: r["节点"] for r in s.tables["风险点"]}
    independent = [
        c
        for c in s.tables["防控措施"]
        if c["责任岗位"] and c["责任岗位"] not in performers[risk_node[c["风险点"]]]
    ]
    assert len(independent) >= 0.9 * len(s.tables["防控措施"])


def test_high_voltage_connection_carries_the_most_inherent_risk() -> None:
    s = station()
    process_of = {n["编号"]: n["流程"] for n in s.tables["节点"]}
    total: dict[str, int] = defaultdict(int)
    for r in s.tables["风险点"]:
        both = r["可能性"] and r["影响"]
        total[process_of[r["节点"]]] += int(r["可能性"]) * int(r["影响"]) if both else LEVEL_SCORE[r["等级"]]
    ranked = sorted(total, key=total.__getitem__, reverse=True)
    assert ranked[0] == next(p["编号"] for p in s.tables["流程"] if p["名称"] == "高压业扩报装")
    assert total[ranked[0]] >= 2 * total[ranked[1]]


# --- the planted problems ------------------------------------------------------------------


def test_the_planted_problems_are_exactly_those_the_readme_lists() -> None:
    listed, computed = readme_findings(), findings(station(), SAMPLE_DAY)
    assert listed, "the README has a table of planted problems"
    assert computed - listed == set(), "found in the data but not listed in README"
    assert listed - computed == set(), "listed in README but not in the data"


def test_every_kind_of_planted_problem_is_there() -> None:
    kinds = {check for check, _ in findings(station(), SAMPLE_DAY)}
    assert kinds >= {
        "ab_gap/vacant",
        "ab_gap/no_backup",
        "ab_gap/self_backup",
        "sod_conflict",
        "sod_conflict/mitigated",
        "sod_conflict/expired",
        "b_role_critical",
        "sod_post",
        "uncontrolled/no_control",
        "uncontrolled/self_control",
        "uncontrolled/unowned",
        "two_person",
        "discretion_no_level3",
        "multi_post",
    }


def test_the_book_keeping_storekeeper_is_both_a_person_and_a_post_problem() -> None:
    s = station()
    keeper = next(p["编号"] for p in s.tables["岗位"] if p["名称"] == "物资管理员")
    pair = frozenset({"物资保管", "物资记账"})
    found = findings(s, SAMPLE_DAY)
    assert ("sod_post", frozenset({keeper}) | pair) in found
    holders = s.holders("A")[keeper]
    assert any(("sod_conflict", frozenset({h}) | pair) in found for h in holders)


# --- the BPMN file -------------------------------------------------------------------------

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"


def bpmn(tag: str) -> str:
    return f"{{{BPMN_NS}}}{tag}"


def test_bpmn_is_a_camunda_style_collaboration_of_one_station_process() -> None:
    text = BPMN.read_text(encoding="utf-8")
    assert 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"' in text, "prefix bpmn:"
    root = ElementTree.fromstring(text)
    assert root.tag == bpmn("definitions")
    (participant,) = root.iter(bpmn("participant"))
    (process,) = root.iter(bpmn("process"))
    assert participant.get("processRef") == process.get("id")
    assert participant.get("name") == "城关供电所"

    nested = [lane for lane in process.iter(bpmn("lane")) if lane.find(bpmn("childLaneSet")) is not None]
    assert nested, "one lane holds a nested lane"
    assert root.find(f".//{bpmn('userTask')}") is not None
    assert root.find(f".//{bpmn('serviceTask')}") is not None

    flows = list(process.iter(bpmn("sequenceFlow")))
    (gateway,) = process.iter(bpmn("exclusiveGateway"))
    branches = [f for f in flows if f.get("sourceRef") == gateway.get("id")]
    assert len(branches) == 2
    assert all(f.get("name") and f.find(bpmn("conditionExpression")) is not None for f in branches)


def test_bpmn_references_resolve_and_every_element_is_drawn() -> None:
    root = ElementTree.fromstring(BPMN.read_text(encoding="utf-8"))
    (process,) = root.iter(bpmn("process"))
    node_tags = ("startEvent", "endEvent", "task", "userTask", "serviceTask", "exclusiveGateway")
    nodes = {e.get("id"): e for tag in node_tags for e in process.iter(bpmn(tag))}
    flows = list(process.iter(bpmn("sequenceFlow")))
    assert all(f.get("sourceRef") in nodes and f.get("targetRef") in nodes for f in flows)
    in_lanes = {ref.text for ref in process.iter(bpmn("flowNodeRef"))}
    assert in_lanes == set(nodes), "every flow node sits in a lane, and lanes list only flow nodes"
    drawn = {
        e.get("bpmnElement")
        for e in root.iter()
        if e.tag in {f"{{{DI_NS}}}BPMNShape", f"{{{DI_NS}}}BPMNEdge"}
    }
    lanes = {lane.get("id") for lane in process.iter(bpmn("lane"))}
    participants = {p.get("id") for p in root.iter(bpmn("participant"))}
    assert drawn == set(nodes) | {f.get("id") for f in flows} | lanes | participants


def test_bpmn_tells_the_same_process_as_the_workbook() -> None:
    root = ElementTree.fromstring(BPMN.read_text(encoding="utf-8"))
    (process,) = root.iter(bpmn("process"))
    names = {e.get("name") for e in process.iter() if e.get("name")}
    s = station()
    p02 = next(p for p in s.tables["流程"] if p["名称"] == process.get("name"))
    assert {n["名称"] for n in s.tables["节点"] if n["流程"] == p02["编号"]} <= names
