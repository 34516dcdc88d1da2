"""Stations written straight into Neo4j with Cypher, in the schema of contract section 2.

The importer lives on another branch; until it is merged these builders give the flowchart
tests, the demo images and the benchmark their graphs. Writes are batched `UNWIND $rows`.
"""

import random
from dataclasses import dataclass, field
from typing import Any, LiteralString

from neo4j import Driver

Row = dict[str, Any]


@dataclass
class Station:
    """One unit's rows, shaped like the workbook tables (ids are global)."""

    unit: Row
    posts: list[Row] = field(default_factory=list)
    people: list[Row] = field(default_factory=list)
    holds: list[Row] = field(default_factory=list)
    processes: list[Row] = field(default_factory=list)
    nodes: list[Row] = field(default_factory=list)
    performs: list[Row] = field(default_factory=list)
    flows: list[Row] = field(default_factory=list)
    risks: list[Row] = field(default_factory=list)
    controls: list[Row] = field(default_factory=list)


_WRITES: list[tuple[str, LiteralString]] = [
    ("units", "UNWIND $rows AS r MERGE (u:Unit {id: r.id}) SET u.name = r.name, u.kind = 'station'"),
    (
        "posts",
        "UNWIND $rows AS r MATCH (u:Unit {id: r.unit_id}) "
        "MERGE (p:Post {id: r.id}) SET p.name = r.name, p.key = r.key MERGE (p)-[:IN_UNIT]->(u)",
    ),
    (
        "people",
        "UNWIND $rows AS r MATCH (u:Unit {id: r.unit_id}) "
        "MERGE (p:Person {id: r.id}) SET p.name = r.name, p.status = r.status MERGE (p)-[:IN_UNIT]->(u)",
    ),
    (
        "holds",
        "UNWIND $rows AS r MATCH (p:Person {id: r.person_id}), (q:Post {id: r.post_id}) "
        "MERGE (p)-[:HOLDS {role: r.role}]->(q)",
    ),
    (
        "processes",
        "UNWIND $rows AS r MATCH (u:Unit {id: r.unit_id}) MERGE (p:Process {id: r.id}) "
        "SET p.name = r.name, p.domain = r.domain, p.stars = r.stars MERGE (p)-[:IN_UNIT]->(u)",
    ),
    (
        "nodes",
        "UNWIND $rows AS r MATCH (p:Process {id: r.process_id}) MERGE (n:Node {id: r.id}) "
        "SET n.name = r.name, n.kind = r.kind, n.discretion = r.discretion, n.min_people = r.min_people, "
        "n.light = r.light, n.exposure = r.exposure MERGE (n)-[:IN_PROCESS]->(p)",
    ),
    (
        "performs",
        "UNWIND $rows AS r MATCH (p:Post {id: r.post_id}), (n:Node {id: r.node_id}) "
        "MERGE (p)-[:PERFORMS]->(n)",
    ),
    (
        "flows",
        "UNWIND $rows AS r MATCH (a:Node {id: r.from_id}), (b:Node {id: r.to_id}) "
        "MERGE (a)-[f:NEXT]->(b) SET f.condition = r.condition",
    ),
    (
        "risks",
        "UNWIND $rows AS r MATCH (n:Node {id: r.node_id}) MERGE (k:Risk {id: r.id}) "
        "SET k.behavior = r.behavior, k.level = r.level, k.likelihood = r.likelihood, k.impact = r.impact, "
        "k.score = r.score, k.residual = r.residual MERGE (k)-[:AT]->(n)",
    ),
    (
        "controls",
        "UNWIND $rows AS r MATCH (k:Risk {id: r.risk_id}) MERGE (c:Control {id: r.id}) "
        "SET c.measure = r.measure, c.kind = r.kind MERGE (c)-[:MITIGATES]->(k) "
        "WITH c, r MATCH (o:Post {id: r.owner_post_id}) MERGE (c)-[:OWNED_BY]->(o)",
    ),
]


def write_station(driver: Driver, station: Station, database: str | None = None) -> None:
    """Write the station in one transaction, table by table."""
    tables: dict[str, list[Row]] = {"units": [station.unit], **vars(station)}

    def work(tx: Any) -> None:
        for table, cypher in _WRITES:
            if tables[table]:
                tx.run(cypher, rows=tables[table]).consume()

    with driver.session(database=database) as session:
        session.execute_write(work)


_SCORE = {"high": 16, "medium": 9, "low": 4}


def _risk(
    rid: str,
    node_id: str,
    behavior: str,
    level: str | None = None,
    li: tuple[int, int] | None = None,
    residual: float | None = None,
) -> Row:
    likelihood, impact = li if li else (None, None)
    score = likelihood * impact if likelihood and impact else _SCORE[level or "medium"]
    return {"id": rid, "node_id": node_id, "behavior": behavior, "level": level, "likelihood": likelihood,
            "impact": impact, "score": score, "residual": residual}  # fmt: skip


def _node(
    nid: str,
    pid: str,
    name: str,
    kind: str = "task",
    min_people: int = 1,
    discretion: bool = False,
    light: str | None = None,
    exposure: float | None = None,
) -> Row:
    return {"id": nid, "process_id": pid, "name": name, "kind": kind, "min_people": min_people,
            "discretion": discretion, "light": light, "exposure": exposure}  # fmt: skip


def demo_station() -> Station:
    """城南供电所: 高压业扩报装 (inherent levels, not yet rated) and 电费退补审批 (rated)."""
    s = Station(unit={"id": "CN", "name": "城南供电所"})
    s.posts = [
        {"id": "CN-P1", "name": "客户经理", "key": True, "unit_id": "CN"},
        {"id": "CN-P2", "name": "业扩报装专责", "key": True, "unit_id": "CN"},
        {"id": "CN-P3", "name": "配电运检班班长", "key": False, "unit_id": "CN"},
        {"id": "CN-P4", "name": "供电所所长", "key": True, "unit_id": "CN"},
        {"id": "CN-P5", "name": "营业厅收费员", "key": True, "unit_id": "CN"},
    ]
    names = ["张伟", "李娜", "王芳", "刘洋", "陈刚", "杨磊", "赵敏", "孙丽", "周杰"]
    s.people = [
        {"id": f"CN-U{i}", "name": n, "unit_id": "CN", "status": "leave" if n == "刘洋" else "active"}
        for i, n in enumerate(names, 1)
    ]
    s.holds = [
        {"person_id": f"CN-U{u}", "post_id": p, "role": r}
        for u, p, r in [
            (1, "CN-P1", "A"), (2, "CN-P1", "B"), (3, "CN-P2", "A"), (4, "CN-P2", "B"), (5, "CN-P3", "A"),
            (6, "CN-P3", "B"), (7, "CN-P4", "A"), (8, "CN-P5", "A"), (9, "CN-P5", "B"), (2, "CN-P5", "B"),
        ]
    ]  # fmt: skip
    s.processes = [
        {"id": "CN-YK", "name": "高压业扩报装", "unit_id": "CN", "domain": "营销", "stars": None},
        {"id": "CN-TB", "name": "电费退补审批", "unit_id": "CN", "domain": "营销", "stars": 4},
    ]
    p = "CN-YK"
    s.nodes = [
        _node("YK01", p, "受理客户用电申请", "start"),
        _node("YK02", p, "审核申请资料完整性与用电主体资格，一次性告知所需材料"),
        _node("YK03", p, "资料是否齐全？", "decision"),
        _node("YK04", p, "退回客户补正材料", "task"),
        _node("YK05", p, "现场勘查并拟定供电方案（接入点、容量、计量方式）", min_people=2),
        _node("YK06", p, "审批供电方案", discretion=True),
        _node("YK07", p, "方案是否批准？", "decision"),
        _node("YK08", p, "收取业务费用并开具票据"),
        _node("YK09", p, "配套工程设计与施工", "subprocess"),
        _node("YK10", p, "客户报竣工", "event"),
        _node("YK11", p, "竣工检验与装表接电", min_people=2),
        _node("YK12", p, "归档并电话回访客户", "end"),
    ]
    performs = [
        ("CN-P1", "YK01"), ("CN-P1", "YK02"), ("CN-P1", "YK03"), ("CN-P1", "YK04"), ("CN-P2", "YK05"),
        ("CN-P3", "YK05"), ("CN-P4", "YK06"), ("CN-P4", "YK07"), ("CN-P5", "YK08"), ("CN-P3", "YK09"),
        ("CN-P1", "YK10"), ("CN-P3", "YK11"), ("CN-P2", "YK12"),
    ]  # fmt: skip
    s.flows = [
        {"from_id": a, "to_id": b, "condition": c}
        for a, b, c in [
            ("YK01", "YK02", None), ("YK02", "YK03", None), ("YK03", "YK04", "否：资料不全"),
            ("YK04", "YK02", "退回补正后重新提交"), ("YK03", "YK05", "是"), ("YK05", "YK06", None),
            ("YK06", "YK07", None), ("YK07", "YK05", "否：退回重新勘查"), ("YK07", "YK08", "是"),
            ("YK08", "YK09", None), ("YK09", "YK10", None), ("YK10", "YK11", None), ("YK11", "YK12", None),
        ]
    ]  # fmt: skip
    s.risks = [
        _risk("YK-R1", "YK02", "资料不全仍违规受理，或为关系户降低审核标准", "medium"),
        _risk("YK-R2", "YK05", "勘查时向客户索要好处，或指定设计、施工、设备单位", li=(4, 5)),
        _risk("YK-R3", "YK05", "故意拖延出具供电方案以谋取利益", "medium"),
        _risk("YK-R4", "YK06", "违规审批超容量或不符合规划的供电方案", "high"),
        _risk("YK-R5", "YK08", "少收、截留或挪用业务费用", li=(3, 4)),
        _risk("YK-R6", "YK09", "指定或变相指定施工单位", "high"),
        _risk("YK-R7", "YK11", "未经验收合格即装表送电", "low"),
    ]
    s.controls = [
        {"id": "YK-C1", "risk_id": "YK-R1", "measure": "营销系统强制校验必填资料", "kind": "preventive",
         "owner_post_id": "CN-P2"},
        {"id": "YK-C2", "risk_id": "YK-R2", "measure": "两人同行勘查，全程记录仪录像", "kind": "preventive",
         "owner_post_id": "CN-P2"},
        {"id": "YK-C3", "risk_id": "YK-R3", "measure": "办理时限预警，超期由所长督办", "kind": "detective",
         "owner_post_id": "CN-P4"},
        {"id": "YK-C4", "risk_id": "YK-R4", "measure": "审批纪要报县公司营销部复核", "kind": "detective",
         "owner_post_id": None},
        {"id": "YK-C5", "risk_id": "YK-R5", "measure": "日终对账，所长复核票据", "kind": "detective",
         "owner_post_id": "CN-P4"},
        {"id": "YK-C6", "risk_id": "YK-R7", "measure": "验收单须客户签字并拍照上传", "kind": "preventive",
         "owner_post_id": "CN-P1"},
    ]  # fmt: skip
    p = "CN-TB"
    s.nodes += [
        _node("TB01", p, "受理退补申请", "start", light="green", exposure=2.0),
        _node("TB02", p, "核实电量电费差错原因并计算退补金额", light="yellow", exposure=9.0),
        _node("TB03", p, "审核退补金额", discretion=True, light="red", exposure=16.0),
        _node("TB04", p, "金额是否超过 5000 元？", "decision", light="green"),
        _node("TB05", p, "报县公司营销部审批", light="green"),
        _node("TB06", p, "系统办理退补并通知客户", "end", min_people=2, light="yellow", exposure=6.0),
    ]
    performs += [
        ("CN-P5", "TB01"), ("CN-P2", "TB02"), ("CN-P4", "TB03"), ("CN-P4", "TB04"), ("CN-P4", "TB05"),
        ("CN-P5", "TB06"),
    ]  # fmt: skip
    s.flows += [
        {"from_id": a, "to_id": b, "condition": c}
        for a, b, c in [
            ("TB01", "TB02", None), ("TB02", "TB03", None), ("TB03", "TB02", "退回重新核算"),
            ("TB03", "TB04", "通过"), ("TB04", "TB05", "是"), ("TB04", "TB06", "否"),
            ("TB05", "TB06", "批准"),
        ]
    ]  # fmt: skip
    s.risks += [
        _risk("TB-R1", "TB02", "虚构差错为客户多退电费", li=(3, 4), residual=9.0),
        _risk("TB-R2", "TB03", "审核把关不严，人情退补", "high", residual=16.0),
        _risk("TB-R3", "TB06", "退补款项未退至客户账户", "medium", residual=6.0),
    ]
    s.controls += [
        {"id": "TB-C1", "risk_id": "TB-R1", "measure": "退补工单附抄表记录，稽查班抽查", "kind": "detective",
         "owner_post_id": "CN-P4"},
        {"id": "TB-C2", "risk_id": "TB-R3", "measure": "退补款只能原路退回客户账户", "kind": "preventive",
         "owner_post_id": "CN-P2"},
    ]  # fmt: skip
    s.performs = [{"post_id": a, "node_id": b} for a, b in performs]
    return s


_TASKS = ["受理申请", "审核资料", "现场核查", "审批", "收费", "派工", "验收", "归档", "复核", "公示结果"]
_BEHAVIORS = ["违规受理", "索要好处", "虚报数据", "越权审批", "截留款项", "优亲厚友"]


def generated_station(index: int, processes: int = 6, nodes: int = 14, seed: int = 0) -> Station:
    """A random but well-formed station: chains with decisions, rework loops, risks and controls."""
    rng = random.Random(seed * 100_003 + index)
    uid = f"G{index:04d}"
    s = Station(unit={"id": uid, "name": f"第{index}供电所"})
    post_ids = [f"{uid}-P{k}" for k in range(1, 7)]
    s.posts = [
        {"id": q, "name": f"岗位{k}", "key": k % 2 == 1, "unit_id": uid} for k, q in enumerate(post_ids, 1)
    ]
    for k, q in enumerate(post_ids, 1):
        for role in "AB":
            pid = f"{uid}-U{k}{role}"
            s.people.append({"id": pid, "name": f"员工{k}{role}", "unit_id": uid, "status": "active"})
            s.holds.append({"person_id": pid, "post_id": q, "role": role})
    for j in range(processes):
        s = _add_process(s, f"{uid}-F{j}", nodes, post_ids, rng)
    return s


def _add_process(s: Station, pid: str, count: int, post_ids: list[str], rng: random.Random) -> Station:
    s.processes.append(
        {"id": pid, "name": f"流程{pid}", "unit_id": s.unit["id"], "domain": "营销", "stars": None}
    )
    ids = [f"{pid}-N{k:03d}" for k in range(count)]
    for k, nid in enumerate(ids):
        kind = "start" if k == 0 else "end" if k == count - 1 else rng.choice(["task"] * 4 + ["decision"])
        s.nodes.append(
            _node(nid, pid, f"{rng.choice(_TASKS)}第{k}步", kind, min_people=rng.choice([1, 1, 1, 2]))
        )
        s.performs.append({"post_id": rng.choice(post_ids), "node_id": nid})
        if k:
            s.flows.append(
                {"from_id": ids[k - 1], "to_id": nid, "condition": "是" if kind == "decision" else None}
            )
        if kind == "decision" and k > 2:
            s.flows.append({"from_id": nid, "to_id": ids[rng.randrange(1, k)], "condition": "否：退回"})
        if kind == "task" and rng.random() < 0.5:
            rid = f"{nid}-R"
            s.risks.append(_risk(rid, nid, rng.choice(_BEHAVIORS), rng.choice(["high", "medium", "low"])))
            if rng.random() < 0.7:
                owner = rng.choice([*post_ids, None])
                s.controls.append({"id": f"{rid}-C", "risk_id": rid, "measure": "复核", "kind": "detective",
                                   "owner_post_id": owner})  # fmt: skip
    return s


def big_process(count: int = 200) -> Station:
    """One unit with one process of `count` nodes across 8 posts."""
    s = Station(unit={"id": "BIG", "name": "大流程供电所"})
    post_ids = [f"BIG-P{k}" for k in range(8)]
    s.posts = [{"id": q, "name": f"第{k}岗位", "key": True, "unit_id": "BIG"} for k, q in enumerate(post_ids)]
    return _add_process(s, "BIG-F", count, post_ids, random.Random(7))
