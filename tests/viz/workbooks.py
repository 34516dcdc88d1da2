"""The stations the flowchart tests draw, as workbooks: 城南供电所 with two processes, and one big
random (but reproducible) process."""

import random

from graph.rows import Assignment, Control, Flow, Node, NodeKind, Person, Post, Process, Risk, Unit, Workbook
from graph.vocab import Level

# 电费退补审批 belongs to the station's 营销班, so that it can be rated alone (`rate(unit=...)`)
# while 高压业扩报装 shows its inherent levels, not yet rated.
RATED_UNIT = "CN-YX"


def _risk(
    rid: str, node_id: str, behavior: str, level: Level | None = None, li: tuple[int, int] | None = None
) -> Risk:
    likelihood, impact = li if li else (None, None)
    return Risk(
        id=rid, node_id=node_id, behavior=behavior, level=level or (None if li else "medium"),
        likelihood=likelihood, impact=impact,
    )  # fmt: skip


def demo_station() -> Workbook:
    """城南供电所: 高压业扩报装 (CN-YK) and, in its 营销班, 电费退补审批 (CN-TB)."""
    posts = [
        Post(id="CN-P1", name="客户经理", key=True, unit_id="CN"),
        Post(id="CN-P2", name="业扩报装专责", key=True, unit_id="CN"),
        Post(id="CN-P3", name="配电运检班班长", key=False, unit_id="CN"),
        Post(id="CN-P4", name="供电所所长", key=True, unit_id="CN"),
        Post(id="CN-P5", name="营业厅收费员", key=True, unit_id="CN"),
    ]
    names = ["张伟", "李娜", "王芳", "刘洋", "陈刚", "杨磊", "赵敏", "孙丽", "周杰"]
    people = [
        Person(id=f"CN-U{i}", name=n, unit_id="CN", status="leave" if n == "刘洋" else "active")
        for i, n in enumerate(names, 1)
    ]
    assignments = [
        Assignment(person_id=f"CN-U{u}", post_id=p, role="A" if r == "A" else "B")
        for u, p, r in [
            (1, "CN-P1", "A"), (2, "CN-P1", "B"), (3, "CN-P2", "A"), (4, "CN-P2", "B"), (5, "CN-P3", "A"),
            (6, "CN-P3", "B"), (7, "CN-P4", "A"), (8, "CN-P5", "A"), (9, "CN-P5", "B"), (2, "CN-P5", "B"),
        ]
    ]  # fmt: skip
    processes = [
        Process(id="CN-YK", name="高压业扩报装", unit_id="CN", domain="营销"),
        Process(id="CN-TB", name="电费退补审批", unit_id=RATED_UNIT, domain="营销"),
    ]
    performers: dict[str, list[str]] = {}
    for post, nid in [
        ("CN-P1", "YK01"), ("CN-P1", "YK02"), ("CN-P1", "YK03"), ("CN-P1", "YK04"), ("CN-P2", "YK05"),
        ("CN-P3", "YK05"), ("CN-P4", "YK06"), ("CN-P4", "YK07"), ("CN-P5", "YK08"), ("CN-P3", "YK09"),
        ("CN-P1", "YK10"), ("CN-P3", "YK11"), ("CN-P2", "YK12"),
        ("CN-P5", "TB01"), ("CN-P2", "TB02"), ("CN-P4", "TB03"), ("CN-P4", "TB04"), ("CN-P4", "TB05"),
        ("CN-P5", "TB06"),
    ]:  # fmt: skip
        performers.setdefault(nid, []).append(post)

    def node(
        nid: str, pid: str, name: str, kind: NodeKind = "task", min_people: int = 1, discretion: bool = False
    ) -> Node:
        return Node(
            id=nid, process_id=pid, name=name, kind=kind, post_id=performers.get(nid, []),
            min_people=min_people, discretion=discretion,
        )  # fmt: skip

    p, q = "CN-YK", "CN-TB"
    nodes = [
        node("YK01", p, "受理客户用电申请", "start"),
        node("YK02", p, "审核申请资料完整性与用电主体资格，一次性告知所需材料"),
        node("YK03", p, "资料是否齐全？", "decision"),
        node("YK04", p, "退回客户补正材料", "task"),
        node("YK05", p, "现场勘查并拟定供电方案（接入点、容量、计量方式）", min_people=2),
        node("YK06", p, "审批供电方案", discretion=True),
        node("YK07", p, "方案是否批准？", "decision"),
        node("YK08", p, "收取业务费用并开具票据"),
        node("YK09", p, "配套工程设计与施工", "subprocess"),
        node("YK10", p, "客户报竣工", "event"),
        node("YK11", p, "竣工检验与装表接电", min_people=2),
        node("YK12", p, "归档并电话回访客户", "end"),
        node("TB01", q, "受理退补申请", "start"),
        node("TB02", q, "核实电量电费差错原因并计算退补金额"),
        node("TB03", q, "审核退补金额", discretion=True),
        node("TB04", q, "金额是否超过 5000 元？", "decision"),
        node("TB05", q, "报县公司营销部审批"),
        node("TB06", q, "系统办理退补并通知客户", "end", min_people=2),
    ]
    flows = [
        Flow(from_id=a, to_id=b, condition=c)
        for a, b, c in [
            ("YK01", "YK02", None), ("YK02", "YK03", None), ("YK03", "YK04", "否：资料不全"),
            ("YK04", "YK02", "退回补正后重新提交"), ("YK03", "YK05", "是"), ("YK05", "YK06", None),
            ("YK06", "YK07", None), ("YK07", "YK05", "否：退回重新勘查"), ("YK07", "YK08", "是"),
            ("YK08", "YK09", None), ("YK09", "YK10", None), ("YK10", "YK11", None), ("YK11", "YK12", None),
            ("TB01", "TB02", None), ("TB02", "TB03", None), ("TB03", "TB02", "退回重新核算"),
            ("TB03", "TB04", "通过"), ("TB04", "TB05", "是"), ("TB04", "TB06", "否"),
            ("TB05", "TB06", "批准"),
        ]
    ]  # fmt: skip
    risks = [
        _risk("YK-R1", "YK02", "资料不全仍违规受理，或为关系户降低审核标准", "medium"),
        _risk("YK-R2", "YK05", "勘查时向客户索要好处，或指定设计、施工、设备单位", li=(4, 5)),
        _risk("YK-R3", "YK05", "故意拖延出具供电方案以谋取利益", "medium"),
        _risk("YK-R4", "YK06", "违规审批超容量或不符合规划的供电方案", "high"),
        _risk("YK-R5", "YK08", "少收、截留或挪用业务费用", li=(3, 4)),
        _risk("YK-R6", "YK09", "指定或变相指定施工单位", "high"),
        _risk("YK-R7", "YK11", "未经验收合格即装表送电", "low"),
        _risk("TB-R1", "TB02", "虚构差错为客户多退电费", li=(3, 4)),
        _risk("TB-R2", "TB03", "审核把关不严，人情退补", "high"),
        _risk("TB-R3", "TB06", "退补款项未退至客户账户", "medium"),
    ]
    controls = [
        Control(id="YK-C1", risk_id="YK-R1", measure="营销系统强制校验必填资料", kind="preventive",
                owner_post_id="CN-P2"),
        Control(id="YK-C2", risk_id="YK-R2", measure="两人同行勘查，全程记录仪录像", kind="preventive",
                owner_post_id="CN-P2"),
        Control(id="YK-C3", risk_id="YK-R3", measure="办理时限预警，超期由所长督办", kind="detective",
                owner_post_id="CN-P4"),
        Control(id="YK-C4", risk_id="YK-R4", measure="审批纪要报县公司营销部复核", kind="detective"),
        Control(id="YK-C5", risk_id="YK-R5", measure="日终对账，所长复核票据", kind="detective",
                owner_post_id="CN-P4"),
        Control(id="YK-C6", risk_id="YK-R7", measure="验收单须客户签字并拍照上传", kind="preventive",
                owner_post_id="CN-P1"),
        Control(id="TB-C1", risk_id="TB-R1", measure="退补工单附抄表记录，稽查班抽查", kind="detective",
                owner_post_id="CN-P4"),
        Control(id="TB-C2", risk_id="TB-R3", measure="退补款只能原路退回客户账户", kind="preventive",
                owner_post_id="CN-P2"),
    ]  # fmt: skip
    return Workbook(
        units=[
            Unit(id="CN", name="城南供电所"),
            Unit(id=RATED_UNIT, name="城南供电所营销班", parent_id="CN", kind="team"),
        ],
        posts=posts,
        people=people,
        assignments=assignments,
        processes=processes,
        nodes=nodes,
        flows=flows,
        risks=risks,
        controls=controls,
    )


_TASKS = ["受理申请", "审核资料", "现场核查", "审批", "收费", "派工", "验收", "归档", "复核", "公示结果"]
_BEHAVIORS = ["违规受理", "索要好处", "虚报数据", "越权审批", "截留款项", "优亲厚友"]
KINDS: list[NodeKind] = ["task", "task", "task", "task", "decision"]
LEVELS: list[Level] = ["high", "medium", "low"]


def big_process(count: int = 200) -> Workbook:
    """One unit with one process of `count` nodes across 8 posts: chains with decisions, rework
    loops, risks and controls, the same every time."""
    rng = random.Random(7)
    post_ids = [f"BIG-P{k}" for k in range(8)]
    pid = "BIG-F"
    ids = [f"{pid}-N{k:03d}" for k in range(count)]
    nodes: list[Node] = []
    flows: list[Flow] = []
    risks: list[Risk] = []
    controls: list[Control] = []
    for k, nid in enumerate(ids):
        kind: NodeKind = "start" if k == 0 else "end" if k == count - 1 else rng.choice(KINDS)
        name, min_people = f"{rng.choice(_TASKS)}第{k}步", rng.choice([1, 1, 1, 2])
        post = rng.choice(post_ids)
        nodes.append(
            Node(id=nid, process_id=pid, name=name, kind=kind, post_id=[post], min_people=min_people)
        )
        if k:
            flows.append(Flow(from_id=ids[k - 1], to_id=nid, condition="是" if kind == "decision" else None))
        if kind == "decision" and k > 2:
            flows.append(Flow(from_id=nid, to_id=ids[rng.randrange(1, k)], condition="否：退回"))
        if kind == "task" and rng.random() < 0.5:
            rid = f"{nid}-R"
            behavior, level = rng.choice(_BEHAVIORS), rng.choice(LEVELS)
            risks.append(Risk(id=rid, node_id=nid, behavior=behavior, level=level))
            if rng.random() < 0.7:
                owner = rng.choice([*post_ids, None])
                controls.append(
                    Control(id=f"{rid}-C", risk_id=rid, measure="复核", kind="detective", owner_post_id=owner)
                )
    return Workbook(
        units=[Unit(id="BIG", name="大流程供电所")],
        posts=[Post(id=q, name=f"第{k}岗位", key=True, unit_id="BIG") for k, q in enumerate(post_ids)],
        processes=[Process(id=pid, name=f"流程{pid}", unit_id="BIG", domain="营销")],
        nodes=nodes,
        flows=flows,
        risks=risks,
        controls=controls,
    )
