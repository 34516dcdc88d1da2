"""Every rule and boundary of contract section 3 (and the two extra checks), on small workbooks
imported as users import them."""

from datetime import date, timedelta
from typing import Any

import pytest
from neo4j import Driver

from graph.checks import FindingsReport, UnknownCheckError, UnknownUnitError, run_checks, sod_what_if
from graph.rows import Role, Status
from graph.vocab import Level
from tests.build import load
from tests.db import write_rows
from tests.keys import key
from tests.workbooks import Station

DB = "neo4j"
TODAY = date(2026, 6, 1)


def write(db: Driver, station: Station) -> None:
    load(db, DB, station.workbook)


def run(db: Driver, station: Station, **kwargs: Any) -> FindingsReport:
    write(db, station)
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("threshold", 3)
    return run_checks(db, DB, **kwargs)


def found(report: FindingsReport, check: str) -> list[Any]:
    return [f for f in report.findings if f.check == check]


def keys(report: FindingsReport, check: str) -> set[tuple[Any, ...]]:
    """The contract's key of each finding of one check."""
    return {key(f) for f in found(report, check)}


def station() -> Station:
    return Station().unit("U1", "城关供电所").unit("U2", "城南供电所")


# -- ab_gap --------------------------------------------------------------------------------------


def test_key_post_with_active_a_and_b_is_fine(db: Driver) -> None:
    s = (
        station()
        .post("P", "U1", key=True)
        .person("x", "U1")
        .person("y", "U1")
        .hold("x", "P", "A")
        .hold("y", "P", "B")
    )
    assert keys(run(db, s), "ab_gap") == set()


def test_a_post_that_is_not_key_is_never_checked(db: Driver) -> None:
    assert keys(run(db, station().post("P", "U1", key=False)), "ab_gap") == set()


def test_key_post_with_nobody_is_vacant_and_has_no_backup(db: Driver) -> None:
    report = run(db, station().post("P", "U1", key=True))
    assert keys(report, "ab_gap") == {("P", "vacant"), ("P", "no_backup")}
    assert {f.kind: f.severity for f in found(report, "ab_gap")} == {
        "vacant": "critical",
        "no_backup": "high",
    }


def test_only_active_a_alone_is_no_backup_with_the_stations_words(db: Driver) -> None:
    s = (
        station()
        .post("P", "U1", name="物资管理员", key=True)
        .person("x", "U1", name="张三")
        .hold("x", "P", "A")
    )
    (finding,) = found(run(db, s), "ab_gap")
    assert (finding.kind, finding.severity) == ("no_backup", "high")
    assert finding.message == "关键岗位“物资管理员”无B角：仅张三一人在岗"


@pytest.mark.parametrize("status", ["leave", "left"])
def test_an_inactive_a_leaves_the_post_vacant(db: Driver, status: Status) -> None:
    s = (
        station()
        .post("P", "U1", name="出纳", key=True)
        .person("x", "U1", name="张三", status=status)
        .person("y", "U1", name="李四")
        .hold("x", "P", "A")
        .hold("y", "P", "B")
    )
    report = run(db, s)
    assert keys(report, "ab_gap") == {("P", "vacant")}
    (finding,) = found(report, "ab_gap")
    assert "A角张三" in finding.message and "李四顶岗" in finding.message
    assert {(h.person_id, h.role, h.status) for h in finding.holders} == {
        ("x", "A", status),
        ("y", "B", "active"),
    }


@pytest.mark.parametrize("status", ["leave", "left"])
def test_an_inactive_b_is_no_backup(db: Driver, status: Status) -> None:
    s = (
        station()
        .post("P", "U1", key=True)
        .person("x", "U1")
        .person("y", "U1", status=status)
        .hold("x", "P", "A")
        .hold("y", "P", "B")
    )
    assert keys(run(db, s), "ab_gap") == {("P", "no_backup")}


def test_b_inside_a_is_self_backup(db: Driver) -> None:
    # P1: x is both A and B. P2: A = {x, y}, B = {y}. P3: A = {x}, B = {x, z}: z is a real backup.
    s = station().person("x", "U1").person("y", "U1").person("z", "U1")
    for post in ("P1", "P2", "P3"):
        s.post(post, "U1", key=True)
    s.hold("x", "P1", "A").hold("x", "P1", "B")
    s.hold("x", "P2", "A").hold("y", "P2", "A").hold("y", "P2", "B")
    s.hold("x", "P3", "A").hold("x", "P3", "B").hold("z", "P3", "B")
    report = run(db, s)
    assert keys(report, "ab_gap") == {("P1", "self_backup"), ("P2", "self_backup")}
    assert all(f.severity == "medium" for f in found(report, "ab_gap"))


def test_ab_gap_unit_is_the_posts_unit(db: Driver) -> None:
    s = station().post("P1", "U1", key=True).post("P2", "U2", key=True)
    write(db, s)
    report = run_checks(db, DB, threshold=3, unit="U2", checks=["ab_gap"], today=TODAY)
    assert {f.post_id for f in found(report, "ab_gap")} == {"P2"}


# -- sod_conflict and sod_post -------------------------------------------------------------------


def payments(role_b: Role = "B", status: Status = "active") -> Station:
    """张三: 所长 (A) approves, 出纳 (role_b) pays; 审批 and 付款 conflict (critical)."""
    return (
        station()
        .person("x", "U1", name="张三", status=status)
        .post("boss", "U1", name="所长")
        .post("cash", "U1", name="出纳")
        .hold("x", "boss", "A")
        .hold("x", "cash", role_b)
        .process("pay", "U1", name="报销")
        .node("n1", "pay", post_ids=("boss",), duty="审批", name="审批报销")
        .node("n2", "pay", post_ids=("cash",), duty="付款", name="支付")
        .conflict("审批", "付款", severity="critical", reason="自批自付")
    )


def test_conflict_via_a_b_role_says_so_and_is_one_level_milder(db: Driver) -> None:
    (finding,) = found(run(db, payments("B")), "sod_conflict")
    assert finding.duties == ("付款", "审批")
    assert {(p.duty, p.post_id, p.role, p.node_id) for p in finding.via} == {
        ("审批", "boss", "A", "n1"),
        ("付款", "cash", "B", "n2"),
    }
    assert (finding.mitigated, finding.rule_severity, finding.severity) == (False, "critical", "high")
    assert finding.message.startswith("张三一人兼任不相容职责")
    assert "“出纳”（B角）的“支付”环节" in finding.message


def test_conflict_held_as_a_keeps_the_rules_severity(db: Driver) -> None:
    (finding,) = found(run(db, payments("A")), "sod_conflict")
    assert finding.severity == "critical"


@pytest.mark.parametrize("status", ["leave", "left"])
def test_an_inactive_person_has_no_conflict(db: Driver, status: Status) -> None:
    assert keys(run(db, payments(status=status)), "sod_conflict") == set()


def test_no_rule_no_conflict(db: Driver) -> None:
    s = payments()
    s.workbook.conflicts.clear()
    s.conflict("审批", "记账")
    assert keys(run(db, s), "sod_conflict") == set()


def test_rule_direction_does_not_matter_and_a_rule_given_again_gives_one_finding(db: Driver) -> None:
    # One workbook may not state a rule twice (the import refuses it): a later import states it
    # again, the other way round; the rule set keeps one rule, with the later severity.
    s = payments()
    s.workbook.conflicts.clear()
    write(db, s.conflict("付款", "审批", severity="medium"))
    s.workbook.conflicts.clear()
    (finding,) = found(run(db, s.conflict("审批", "付款", severity="high")), "sod_conflict")
    assert (finding.duties, finding.rule_severity) == (("付款", "审批"), "high")


def test_conflict_inside_one_post_is_sod_post_and_sod_conflict(db: Driver) -> None:
    s = (
        station()
        .post("cash", "U1", name="出纳")
        .person("x", "U1")
        .person("y", "U1")
        .person("gone", "U1", status="left")
        .hold("x", "cash", "A")
        .hold("y", "cash", "B")
        .hold("gone", "cash", "A")
        .process("pay", "U1")
        .node("n1", "pay", post_ids=("cash",), duty="审批")
        .node("n2", "pay", post_ids=("cash",), duty="付款")
        .conflict("审批", "付款")
    )
    report = run(db, s)
    assert keys(report, "sod_post") == {("cash", "付款", "审批")}
    (post_finding,) = found(report, "sod_post")
    assert {(v.duty, v.node_id) for v in post_finding.via} == {("审批", "n1"), ("付款", "n2")}
    assert "岗位“出纳”自身同时承担" in post_finding.message
    assert keys(report, "sod_conflict") == {("x", "付款", "审批"), ("y", "付款", "审批")}
    severities = {f.person_id: f.severity for f in found(report, "sod_conflict")}
    assert severities == {"x": "high", "y": "medium"}


def test_sod_post_needs_both_duties_on_the_posts_own_nodes(db: Driver) -> None:
    assert keys(run(db, payments()), "sod_post") == set()


def mitigated(
    db: Driver, valid_until: date | None, person: str = "x", pair: tuple[str, str] = ("付款", "审批")
) -> Any:
    s = payments("A").person("w", "U1", name="王五")
    s.mitigation(person, *pair, valid_until=valid_until, monitor_id="w", measure="每笔付款所长复核")
    (finding,) = found(run(db, s), "sod_conflict")
    return finding


@pytest.mark.parametrize("valid_until", [None, TODAY, TODAY + timedelta(days=1)])
def test_a_valid_mitigation_keeps_the_finding_marked(db: Driver, valid_until: date | None) -> None:
    finding = mitigated(db, valid_until)
    assert finding.mitigated is True
    assert finding.mitigation is not None
    assert (finding.mitigation.measure, finding.mitigation.monitor_id) == ("每笔付款所长复核", "w")
    assert finding.mitigation.valid_until == valid_until
    assert finding.severity == "high"  # critical, one level milder
    assert "已采取补偿措施：每笔付款所长复核，监督人王五" in finding.message


def test_an_expired_mitigation_does_not_mitigate(db: Driver) -> None:
    finding = mitigated(db, TODAY - timedelta(days=1))
    assert (finding.mitigated, finding.mitigation, finding.severity) == (False, None, "critical")
    assert finding.expired_until == TODAY - timedelta(days=1)
    assert "到期" in finding.message


def test_a_mitigation_of_someone_else_or_another_pair_does_not_count(db: Driver) -> None:
    s = payments("A").person("y", "U1")
    s.mitigation("y", "付款", "审批").mitigation("x", "付款", "记账")
    (finding,) = found(run(db, s), "sod_conflict")
    assert finding.mitigated is False


def test_a_mitigation_stored_as_a_string_date_is_read_too(db: Driver) -> None:
    s = payments("A").mitigation("x", "付款", "审批", valid_until=None)
    write(db, s)
    # The import writes a date; an analyst editing the graph in Neo4j Browser may write text.
    write_rows(
        db, DB, "MATCH (m:Mitigation) SET m.valid_until = $text", text=(TODAY - timedelta(days=3)).isoformat()
    )
    (finding,) = found(run_checks(db, DB, threshold=3, today=TODAY), "sod_conflict")
    assert (finding.mitigated, finding.expired_until) == (False, TODAY - timedelta(days=3))


def test_a_person_with_posts_in_two_units(db: Driver) -> None:
    # 张三 of U1 approves in U1 and pays in U2. A finding belongs to one unit, its person's: --unit U1
    # sees it, --unit U2 does not (one meaning of --unit: a finding's own unit and sub-units).
    s = (
        station()
        .unit("U3")
        .person("x", "U1", name="张三")
        .post("boss", "U1")
        .post("cash", "U2")
        .hold("x", "boss", "A")
        .hold("x", "cash", "A")
        .process("p1", "U1")
        .process("p2", "U2")
        .node("n1", "p1", post_ids=("boss",), duty="审批")
        .node("n2", "p2", post_ids=("cash",), duty="付款")
        .conflict("审批", "付款")
    )
    write(db, s)
    for unit, expected in (("U1", {"x"}), ("U2", set()), ("U3", set()), (None, {"x"})):
        report = run_checks(db, DB, threshold=3, unit=unit, checks=["sod_conflict"], today=TODAY)
        assert {f.person_id for f in found(report, "sod_conflict")} == expected, unit
    everywhere = run_checks(db, DB, threshold=3, checks=["sod_conflict"], today=TODAY)
    assert {f.unit_id for f in found(everywhere, "sod_conflict")} == {"U1"}


def test_what_if_splits_new_from_existing_conflicts(db: Driver) -> None:
    s = payments("A").post("audit", "U1", name="验收员").node("n3", "pay", post_ids=("audit",), duty="验收")
    s.conflict("验收", "付款", severity="high")
    write(db, s)
    new, existing = sod_what_if(db, DB, "x", "audit", "B", today=TODAY)
    assert [f.duties for f in new] == [("付款", "验收")]
    assert [f.duties for f in existing] == [("付款", "审批")]
    assert any(p.assumed and p.post_id == "audit" and p.role == "B" for p in new[0].via)
    assert "假设" in new[0].message
    # Nothing was written: the real check still sees only the existing conflict.
    report = run_checks(db, DB, threshold=3, checks=["sod_conflict"], today=TODAY)
    assert keys(report, "sod_conflict") == {("x", "付款", "审批")}


# -- uncontrolled --------------------------------------------------------------------------------


def risky() -> Station:
    """Node n performed by post `doer`; `other` does not perform it."""
    return (
        station()
        .post("doer", "U1", name="抄表员")
        .post("other", "U1", name="稽查员")
        .process("p", "U1")
        .node("n", "p", post_ids=("doer",), name="抄表")
    )


def test_uncontrolled_reasons(db: Driver) -> None:
    s = risky()
    s.risk("none", "n")
    s.risk("self", "n").control("c1", "self", owner_post_id="doer")
    s.risk("unowned", "n").control("c2", "unowned")
    s.risk("self+unowned", "n").control("c3", "self+unowned", "doer").control("c4", "self+unowned")
    s.risk("independent", "n").control("c5", "independent", owner_post_id="other")
    s.risk("self+independent", "n").control("c6", "self+independent", "doer").control(
        "c7", "self+independent", "other"
    )
    report = run(db, s)
    assert keys(report, "uncontrolled") == {
        ("none", "no_control"),
        ("self", "self_control"),
        ("unowned", "unowned"),
        ("self+unowned", "self_control"),
    }
    messages = {f.risk_id: f.message for f in found(report, "uncontrolled")}
    assert (
        messages["self"]
        == "风险点“self的风险行为”（“抄表”环节）的防控措施由执行该环节的“抄表员”自己负责，自己监督自己"
    )
    assert messages["none"].endswith("没有任何防控措施")


@pytest.mark.parametrize(
    ("level", "likelihood", "impact", "no_control", "self_control"),
    [
        ("high", None, None, "critical", "high"),
        ("low", None, None, "medium", "low"),
        (None, 3, 3, "high", "medium"),
    ],
)
def test_uncontrolled_severity_follows_the_risk(
    db: Driver,
    level: Level | None,
    likelihood: int | None,
    impact: int | None,
    no_control: str,
    self_control: str,
) -> None:
    s = risky().risk("r1", "n", level, likelihood, impact).risk("r2", "n", level, likelihood, impact)
    s.control("c", "r2", owner_post_id="doer")
    assert {f.risk_id: f.severity for f in found(run(db, s), "uncontrolled")} == {
        "r1": no_control,
        "r2": self_control,
    }


def test_uncontrolled_unit_is_the_processs_unit(db: Driver) -> None:
    s = risky().process("q", "U2").node("m", "q").risk("r1", "n").risk("r2", "m")
    write(db, s)
    report = run_checks(db, DB, threshold=3, unit="U2", checks=["uncontrolled"], today=TODAY)
    assert {f.risk_id for f in found(report, "uncontrolled")} == {"r2"}


# -- two_person ----------------------------------------------------------------------------------


def test_two_person_counts_distinct_active_people_over_all_performing_posts(db: Driver) -> None:
    s = (
        station()
        .person("x", "U1", name="张三")
        .person("y", "U1")
        .person("z", "U2", status="leave")
        .post("P1", "U1")
        .post("P2", "U1")
        .post("P3", "U2")
        .hold("x", "P1", "A")
        .hold("x", "P1", "B")
        .hold("x", "P2", "A")  # x twice over: still one person
        .hold("y", "P3", "B")
        .hold("z", "P2", "B")  # on leave: does not count
        .process("p", "U1")
        .node("same", "p", post_ids=("P1", "P2"), min_people=2, name="现场勘查")
        .node("across", "p", post_ids=("P1", "P3"), min_people=2)  # y comes from another unit's post
        .node("three", "p", post_ids=("P1", "P3"), min_people=3)
        .node("one", "p", post_ids=("P1",), min_people=1)
        .node("empty", "p", min_people=2)
    )
    report = run(db, s)
    assert keys(report, "two_person") == {("same", 1, 2), ("three", 2, 3), ("empty", 0, 2)}
    by_node = {f.node_id: f for f in found(report, "two_person")}
    assert by_node["empty"].severity == "critical" and by_node["same"].severity == "high"
    assert (
        by_node["same"].message
        == "“现场勘查”环节须至少2人，但其执行岗位只有1名在岗人员（张三），双人制衡无法落实"
    )


# -- concentration -------------------------------------------------------------------------------


def test_concentration_counts_posts_held_as_a_by_active_people(db: Driver) -> None:
    s = station().person("x", "U1", name="张三").person("y", "U1").person("z", "U1", status="leave")
    for i in range(4):
        s.post(f"P{i}", "U1" if i < 3 else "U2", key=i == 0)
    for i in range(3):
        s.hold("x", f"P{i}", "A").hold("z", f"P{i}", "A")
    s.hold("y", "P0", "A").hold("y", "P1", "A").hold("y", "P2", "B").hold("y", "P3", "B")
    report = run(db, s)
    assert keys(report, "concentration") == {("x", 3)}
    (finding,) = found(report, "concentration")
    assert finding.severity == "high"  # P0 is a key post
    assert finding.message.startswith("张三一人担任3个岗位的A角（一人多职）")
    lower = run_checks(db, DB, checks=["concentration"], threshold=2, today=TODAY)
    assert keys(lower, "concentration") == {("x", 3), ("y", 2)}


# -- unsupervised_discretion ---------------------------------------------------------------------


def test_discretion_needs_an_active_level_3_supervisor(db: Driver) -> None:
    s = station().person("boss", "U1").person("away", "U1", status="leave")
    s.process("ok", "U1").node("n_ok", "ok", discretion=True).supervisor("boss", "ok", 3)
    s.process("l2", "U1").node("n_l2", "l2", discretion=True).supervisor("boss", "l2", 2)
    s.process("gone", "U1").node("n_gone", "gone", discretion=True).supervisor("away", "gone", 3)
    s.process("none", "U1", name="电费减免").node("n_none", "none", discretion=True, name="减免审批")
    s.process("plain", "U1").node("n_plain", "plain", discretion=False)
    report = run(db, s)
    assert keys(report, "unsupervised_discretion") == {("n_l2",), ("n_gone",), ("n_none",)}
    by_node = {f.node_id: f for f in found(report, "unsupervised_discretion")}
    assert by_node["n_none"].message == "自由裁量环节“减免审批”所在流程“电费减免”没有在岗的三级监督员"
    assert [(x.person_id, x.level) for x in by_node["n_l2"].supervisors] == [("boss", 2)]


# -- the report ----------------------------------------------------------------------------------


def test_report_is_the_contracts_json(db: Driver) -> None:
    report = run(db, payments("A").post("K", "U1", key=True))
    data = report.model_dump(mode="json")
    assert list(data) == ["summary", "findings"]
    assert list(data["summary"]) == [
        "ab_gap",
        "sod_conflict",
        "sod_post",
        "uncontrolled",
        "two_person",
        "concentration",
        "unsupervised_discretion",
    ]
    required = {
        "ab_gap": {"check", "kind", "post_id", "severity", "message"},
        "sod_conflict": {"check", "person_id", "duties", "via", "mitigated", "severity", "message"},
    }
    for finding in data["findings"]:
        assert required[finding["check"]] <= set(finding)
        assert finding["severity"] in {"critical", "high", "medium", "low"}
    assert sum(data["summary"].values()) == len(data["findings"]) == 3


def test_only_the_named_checks_run(db: Driver) -> None:
    report = run(db, payments("A").post("K", "U1", key=True), checks=["sod_conflict"])
    assert report.summary == {"sod_conflict": 1}
    assert {f.check for f in report.findings} == {"sod_conflict"}


def test_unknown_check_or_unit_is_a_clear_error(db: Driver) -> None:
    with pytest.raises(UnknownCheckError, match="unknown check: nope"):
        run_checks(db, DB, threshold=3, checks=["ab_gap", "nope"])
    with pytest.raises(UnknownUnitError, match="no such unit: U9"):
        run_checks(db, DB, threshold=3, unit="U9")


def test_bad_threshold_or_role_is_a_clear_error(db: Driver) -> None:
    with pytest.raises(ValueError, match="threshold must be >= 1"):
        run_checks(db, DB, threshold=0)
    with pytest.raises(ValueError, match="role must be 'A' or 'B'"):
        sod_what_if(db, DB, "x", "P", "C")
