"""Realistic station workbooks for benchmarks: `python -m benchmarks.generate --stations N --seed S -o DIR`.

Writes one CSV directory per station (`DIR/S0001/`, Chinese file names and headers, UTF-8
with BOM as Excel saves them), deterministic by seed: about 200 graph nodes and 800-1,000
relationships per station, with the conflicts, risks, controls, people and gaps a real
station has. `--import` also imports every station into the configured database, one
transaction per station. Other code can call `station(index, rng)` for a `Workbook`.
"""

import argparse
import csv
import itertools
import random
import sys
import time
from pathlib import Path
from typing import Literal

from graph.rows import (
    Assignment,
    Conflict,
    Control,
    Flow,
    Mitigation,
    Node,
    Person,
    Post,
    Process,
    Risk,
    Supervisor,
    Unit,
    Workbook,
)
from graph.vocab import Level, Severity
from importers.tables import TABLE_BY_NAME

LEVELS: tuple[Level, ...] = ("high", "medium", "low")
SUPERVISOR_LEVELS: tuple[Literal[1, 2, 3], ...] = (1, 2, 3)

# Post key -> (name, key post).
POSTS = {
    "所长": ("所长", True),
    "副所长": ("副所长", True),
    "营销": ("营销班班长", True),
    "业扩": ("业扩报装员", False),
    "抄表": ("抄表员", False),
    "核算": ("电费核算员", True),
    "收费": ("收费员", True),
    "运检": ("运维检修班班长", True),
    "抢修": ("抢修工", False),
    "安全": ("安全员", True),
    "物资": ("物资管理员", True),
    "会计": ("兼职会计", True),
    "出纳": ("出纳", True),
    "综合": ("综合事务员", False),
    "司机": ("驾驶员", False),
}
# Process name, domain, nodes as (name, duty, performing posts).
PROCESSES = [
    (
        "高压业扩报装",
        "营销",
        [
            ("受理用电申请", "业扩受理", ["业扩"]),
            ("现场勘查", "现场勘查", ["业扩", "运检"]),
            ("拟定供电方案", "方案拟定", ["营销"]),
            ("供电方案审批", "方案审批", ["所长"]),
            ("设计文件审查", "设计审查", ["运检"]),
            ("中间检查", "工程检查", ["运检"]),
            ("竣工验收", "竣工验收", ["运检", "安全"]),
            ("装表接电", "装表接电", ["抄表"]),
            ("资料归档", "档案管理", ["综合"]),
        ],
    ),
    (
        "低压居民报装（零费用接入）",
        "营销",
        [
            ("受理申请", "业扩受理", ["业扩"]),
            ("勘查装表", "装表接电", ["抄表"]),
            ("接电确认", "接电确认", ["营销"]),
            ("回访", "客户回访", ["综合"]),
        ],
    ),
    (
        "故障抢修",
        "生产",
        [
            ("接收工单", "工单派发", ["运检"]),
            ("许可开工", "工作许可", ["运检"]),
            ("现场抢修", "工作负责", ["抢修"]),
            ("恢复送电", "送电操作", ["抢修"]),
            ("工单归档", "档案管理", ["综合"]),
        ],
    ),
    (
        "工作票管理",
        "安全",
        [
            ("签发工作票", "工作票签发", ["运检"]),
            ("许可工作", "工作许可", ["安全"]),
            ("执行工作", "工作负责", ["抢修"]),
            ("终结工作票", "工作票终结", ["安全"]),
        ],
    ),
    (
        "物资出入库",
        "物资",
        [
            ("提出需求", "物资领用", ["运检"]),
            ("审批领用", "领用审批", ["副所长"]),
            ("验收入库", "物资验收", ["物资"]),
            ("出库登记", "物资保管", ["物资"]),
            ("账务登记", "物资记账", ["会计"]),
        ],
    ),
    (
        "废旧物资处置",
        "物资",
        [
            ("拆旧登记", "物资保管", ["物资"]),
            ("技术鉴定", "技术鉴定", ["运检"]),
            ("报废审批", "报废审批", ["所长"]),
            ("交旧入库", "物资保管", ["物资"]),
        ],
    ),
    (
        "费用报销",
        "财务",
        [
            ("填报单据", "报销经办", ["综合"]),
            ("审核单据", "报销审核", ["会计"]),
            ("审批", "费用审批", ["所长"]),
            ("付款", "出纳", ["出纳"]),
            ("凭证归档", "会计档案保管", ["会计"]),
        ],
    ),
    (
        "电费抄核收",
        "营销",
        [
            ("抄表", "抄表", ["抄表"]),
            ("电量核算", "电费核算", ["核算"]),
            ("电费发行", "电费发行", ["营销"]),
            ("收费", "收费", ["收费"]),
            ("欠费催收", "欠费催收", ["收费"]),
        ],
    ),
    (
        "车辆管理",
        "综合",
        [
            ("用车申请", "用车申请", ["运检"]),
            ("派车审批", "派车审批", ["副所长"]),
            ("出车登记", "车辆登记", ["司机"]),
            ("油料结算", "报销经办", ["司机"]),
        ],
    ),
    (
        "安全工器具管理",
        "安全",
        [
            ("定期试验", "工器具试验", ["安全"]),
            ("领用登记", "物资领用", ["抢修"]),
            ("检查报废", "报废审批", ["安全"]),
        ],
    ),
]
RISKS = [
    "违规受理或拖延办理",
    "吃拿卡要、收受好处",
    "弄虚作假、篡改数据",
    "超越权限审批",
    "账实不符",
    "未按规定执行两票",
]
MEASURES = [
    "系统全程留痕",
    "关键环节双人复核",
    "所长月度抽查",
    "客户回访评价",
    "纪检监督员专项检查",
    "定期盘点对账",
]
CONFLICTS: list[tuple[str, str, Severity, str]] = [
    ("出纳", "报销审核", "critical", "会计法第三十七条：出纳不得兼任稽核"),
    ("出纳", "会计档案保管", "critical", "会计法第三十七条"),
    ("工作许可", "工作负责", "critical", "电力安全工作规程：工作许可人与工作负责人不得为同一人"),
    ("抄表", "电费核算", "high", "抄核收分离"),
    ("电费核算", "收费", "high", "抄核收分离"),
    ("物资保管", "物资记账", "high", "物资管理：保管与记账分离"),
    ("物资领用", "领用审批", "high", "领用与审批分离"),
    ("物资验收", "领用审批", "medium", "验收与审批分离"),
    ("报销经办", "报销审核", "high", "报销经办与审核分离"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def station(index: int, rng: random.Random) -> Workbook:
    """Station `index`: 15 posts, 20-30 people, 10 processes, ~45 nodes x 2, risks and controls."""
    u = f"S{index:04d}"
    wb = Workbook(units=[Unit(id=u, name=f"第{index}供电所", parent_id=None)])
    wb.posts = [Post(id=f"{u}-{k}", name=name, unit_id=u, key=key) for k, (name, key) in POSTS.items()]
    people = rng.randint(20, 30)
    wb.people = [
        Person(
            id=f"{u}-E{i:02d}",
            name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN)),
            unit_id=u,
            status=rng.choices(("active", "leave", "left"), (90, 7, 3))[0],
        )
        for i in range(people)
    ]
    holders = iter(rng.sample(wb.people, len(wb.people)))
    for post in wb.posts:
        wb.assignments.append(
            Assignment(person_id=next(holders, rng.choice(wb.people)).id, post_id=post.id, role="A")
        )
        if rng.random() < 0.85:  # some key posts have no B角: a finding to find
            backup = rng.choice(wb.people).id
            if all(a.person_id != backup or a.post_id != post.id for a in wb.assignments):
                wb.assignments.append(Assignment(person_id=backup, post_id=post.id, role="B"))
    for p, (name, domain, steps) in enumerate(PROCESSES):
        # Each station keeps the process twice over (e.g. 城区/农村), as real stations do.
        for copy in (1, 2):
            pid = f"{u}-L{p:02d}{copy}"
            wb.processes.append(
                Process(id=pid, name=f"{name}（{'城区' if copy == 1 else '农村'}）", unit_id=u, domain=domain)
            )
            ids = [f"{pid}-00", *(f"{pid}-{i + 1:02d}" for i in range(len(steps))), f"{pid}-99"]
            wb.nodes.append(Node(id=ids[0], process_id=pid, name="开始", kind="start"))
            for i, (step, duty, posts) in enumerate(steps, start=1):
                wb.nodes.append(
                    Node(
                        id=ids[i],
                        process_id=pid,
                        name=step,
                        duty=duty,
                        post_id=[f"{u}-{k}" for k in posts],
                        discretion=rng.random() < 0.3,
                        min_people=2 if duty in ("工作负责", "送电操作") else 1,
                    )
                )
            wb.nodes.append(Node(id=ids[-1], process_id=pid, name="结束", kind="end"))
            wb.flows += [Flow(from_id=a, to_id=b) for a, b in itertools.pairwise(ids)]
            if len(ids) > 4:  # a send-back loop at the approval step
                wb.flows.append(Flow(from_id=ids[3], to_id=ids[1], condition="退回"))
            for node_id in ids[1:-1]:
                if rng.random() < 0.45:
                    level = rng.choice(LEVELS)
                    risk = Risk(
                        id=f"{node_id}-R",
                        node_id=node_id,
                        behavior=rng.choice(RISKS),
                        level=level,
                        prone_post_id=rng.choice(wb.posts).id,
                    )
                    wb.risks.append(risk)
                    for c in range(rng.choice((0, 1, 1, 2))):
                        owner = rng.choice(wb.posts).id if rng.random() < 0.9 else None
                        wb.controls.append(
                            Control(
                                id=f"{risk.id}-C{c}",
                                risk_id=risk.id,
                                measure=rng.choice(MEASURES),
                                kind=rng.choice(("preventive", "detective")),
                                owner_post_id=owner,
                            )
                        )
            wb.supervisors += [
                Supervisor(person_id=rng.choice(wb.people).id, process_id=pid, level=level)
                for level in SUPERVISOR_LEVELS
            ]
            wb.supervisors = list({(s.person_id, s.process_id): s for s in wb.supervisors}.values())
    wb.conflicts = [Conflict(duty_a=a, duty_b=b, severity=s, reason=r) for a, b, s, r in CONFLICTS]
    wb.mitigations = [
        Mitigation(
            person_id=wb.people[0].id, duty_a="物资保管", duty_b="物资记账", measure="所长每月盘点复核"
        )
    ]
    return wb


def write_station(wb: Workbook, directory: Path) -> None:
    """One CSV file per table, Chinese names and headers, UTF-8 with BOM."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in wb.counts().items():
        if not rows:
            continue
        table = TABLE_BY_NAME[name]
        with (directory / f"{table.zh}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow([c.zh for c in table.columns])
            for row in wb.rows(name):
                values = row.model_dump()
                out.writerow([_cell(values.get(c.name)) for c in table.columns])


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "；".join(value)
    return str(value)


def stations(count: int, seed: int) -> list[Workbook]:
    rng = random.Random(seed)
    return [station(i, rng) for i in range(1, count + 1)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stations", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument(
        "--import", dest="load", action="store_true", help="also import them, one transaction each"
    )
    args = parser.parse_args(argv)
    books = stations(args.stations, args.seed)
    for wb in books:
        write_station(wb, args.output / wb.units[0].id)
    print(f"{len(books)} stations -> {args.output}")
    if args.load:
        from api.ingest import import_workbook
        from graph.connection import make_driver
        from graph.settings import get_settings

        settings = get_settings()
        started = time.perf_counter()
        with make_driver(settings) as driver:
            for wb in books:
                result = import_workbook(driver, settings.neo4j_database, wb, model=settings.powermap_risk)
                if not result.ok:
                    sys.exit(f"{wb.units[0].id} was not imported: {result.problems[:5]}")
        print(f"imported in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
