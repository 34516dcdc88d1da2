"""Test graphs as users describe them: workbooks (`graph.rows.Workbook`) built in code, loaded
through the real import (tests/build.py: validation, then the writer), and CSV workbook files.

`Station` is a compact spec: one call per row, the defaults the tests rely on filled in.
"""

import csv
from datetime import date
from pathlib import Path

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
    Role,
    Severity,
    Status,
    Supervisor,
    SupervisorLevel,
    Unit,
    Workbook,
)
from graph.vocab import Level


class Station:
    """A workbook, a row at a time: each method adds one row and returns the station."""

    def __init__(self) -> None:
        self.workbook = Workbook()

    def unit(self, id: str, name: str | None = None, parent_id: str | None = None) -> "Station":
        self.workbook.units.append(Unit(id=id, name=name or id, parent_id=parent_id))
        return self

    def post(self, id: str, unit_id: str, name: str | None = None, key: bool = False) -> "Station":
        self.workbook.posts.append(Post(id=id, name=name or id, unit_id=unit_id, key=key))
        return self

    def person(self, id: str, unit_id: str, name: str | None = None, status: Status = "active") -> "Station":
        self.workbook.people.append(Person(id=id, name=name or id, unit_id=unit_id, status=status))
        return self

    def hold(self, person_id: str, post_id: str, role: Role = "A") -> "Station":
        self.workbook.assignments.append(Assignment(person_id=person_id, post_id=post_id, role=role))
        return self

    def process(self, id: str, unit_id: str, name: str | None = None) -> "Station":
        self.workbook.processes.append(Process(id=id, name=name or id, unit_id=unit_id, domain="物资"))
        return self

    def node(
        self,
        id: str,
        process_id: str,
        post_ids: tuple[str, ...] = (),
        duty: str | None = None,
        name: str | None = None,
        discretion: bool = False,
        min_people: int = 1,
    ) -> "Station":
        self.workbook.nodes.append(
            Node(
                id=id,
                process_id=process_id,
                name=name or id,
                post_id=list(post_ids),
                duty=duty,
                discretion=discretion,
                min_people=min_people,
            )
        )
        return self

    def flow(self, from_id: str, to_id: str, condition: str | None = None) -> "Station":
        self.workbook.flows.append(Flow(from_id=from_id, to_id=to_id, condition=condition))
        return self

    def risk(
        self,
        id: str,
        node_id: str,
        level: Level | None = "high",
        likelihood: int | None = None,
        impact: int | None = None,
        behavior: str | None = None,
        prone_post_id: str | None = None,
    ) -> "Station":
        self.workbook.risks.append(
            Risk(
                id=id,
                node_id=node_id,
                behavior=behavior or f"{id}的风险行为",
                level=level,
                likelihood=likelihood,
                impact=impact,
                prone_post_id=prone_post_id,
            )
        )
        return self

    def control(self, id: str, risk_id: str, owner_post_id: str | None = None) -> "Station":
        self.workbook.controls.append(
            Control(
                id=id, risk_id=risk_id, measure=f"{id}的措施", kind="preventive", owner_post_id=owner_post_id
            )
        )
        return self

    def conflict(
        self, duty_a: str, duty_b: str, severity: Severity = "high", reason: str | None = None
    ) -> "Station":
        self.workbook.conflicts.append(
            Conflict(duty_a=duty_a, duty_b=duty_b, severity=severity, reason=reason)
        )
        return self

    def supervisor(self, person_id: str, process_id: str, level: SupervisorLevel = 3) -> "Station":
        self.workbook.supervisors.append(Supervisor(person_id=person_id, process_id=process_id, level=level))
        return self

    def mitigation(
        self,
        person_id: str,
        duty_a: str,
        duty_b: str,
        valid_until: date | None = None,
        monitor_id: str | None = None,
        measure: str = "每月由所长复核",
    ) -> "Station":
        self.workbook.mitigations.append(
            Mitigation(
                person_id=person_id,
                duty_a=duty_a,
                duty_b=duty_b,
                measure=measure,
                monitor_id=monitor_id,
                valid_until=valid_until,
            )
        )
        return self


def station(u: str) -> Workbook:
    """Unit `u`: two processes, posts with A/B roles, risks, controls, a conflict, a supervisor.

    Some rows are spelled as a station types them (是, 休假, A角, 开始, 高, 预防, 严重, 二级, a list of
    posts joined by ；, a date as text): the row models read them as the importer does.
    """
    return Workbook(
        units=[Unit(id=u, name=f"{u}供电所")],
        posts=[
            Post.model_validate({"id": f"{u}-P1", "name": "营销班班长", "unit_id": u, "key": "是"}),
            Post(id=f"{u}-P2", name="出纳", unit_id=u),
            Post(id=f"{u}-P3", name="会计", unit_id=u),
        ],
        people=[
            Person(id=f"{u}-E1", name="张伟", unit_id=u),
            Person.model_validate({"id": f"{u}-E2", "name": "李娜", "unit_id": u, "status": "休假"}),
            Person(id=f"{u}-E3", name="王强", unit_id=u),
        ],
        assignments=[
            Assignment.model_validate({"person_id": f"{u}-E1", "post_id": f"{u}-P1", "role": "A角"}),
            Assignment(person_id=f"{u}-E2", post_id=f"{u}-P1", role="B"),
            Assignment(person_id=f"{u}-E3", post_id=f"{u}-P2", role="A"),
            Assignment(person_id=f"{u}-E3", post_id=f"{u}-P3", role="A"),
        ],
        processes=[
            Process(id=f"{u}-YK", name="高压业扩报装", unit_id=u, domain="营销"),
            Process(id=f"{u}-BX", name="费用报销", unit_id=u, domain="财务"),
        ],
        nodes=[
            Node.model_validate({"id": f"{u}-YK-1", "process_id": f"{u}-YK", "name": "开始", "kind": "开始"}),
            Node(id=f"{u}-YK-2", process_id=f"{u}-YK", name="受理申请", post_id=[f"{u}-P1"], duty="业扩受理"),
            Node(id=f"{u}-YK-3", process_id=f"{u}-YK", name="结束", kind="end"),
            Node(id=f"{u}-BX-1", process_id=f"{u}-BX", name="审核", post_id=[f"{u}-P3"], duty="报销审核"),
            Node.model_validate(
                {
                    "id": f"{u}-BX-2",
                    "process_id": f"{u}-BX",
                    "name": "付款",
                    "post_id": f"{u}-P2；{u}-P3",
                    "duty": "出纳",
                    "min_people": 2,
                }
            ),
        ],
        flows=[
            Flow(from_id=f"{u}-YK-1", to_id=f"{u}-YK-2"),
            Flow(from_id=f"{u}-YK-2", to_id=f"{u}-YK-3", condition="资料齐全"),
            Flow(from_id=f"{u}-BX-1", to_id=f"{u}-BX-2"),
        ],
        risks=[
            Risk.model_validate(
                {
                    "id": f"{u}-R1",
                    "node_id": f"{u}-YK-2",
                    "behavior": "违规受理",
                    "level": "高",
                    "prone_post_id": f"{u}-P1",
                }
            ),
            Risk(id=f"{u}-R2", node_id=f"{u}-BX-2", behavior="虚假报销", likelihood=3, impact=4),
        ],
        controls=[
            Control.model_validate(
                {
                    "id": f"{u}-C1",
                    "risk_id": f"{u}-R1",
                    "measure": "系统留痕",
                    "kind": "预防",
                    "owner_post_id": f"{u}-P3",
                }
            ),
            Control(id=f"{u}-C2", risk_id=f"{u}-R2", measure="月度抽查"),
        ],
        conflicts=[
            Conflict.model_validate(
                {"duty_a": "出纳", "duty_b": "报销审核", "severity": "严重", "reason": "会计法第三十七条"}
            )
        ],
        supervisors=[
            Supervisor.model_validate({"person_id": f"{u}-E1", "process_id": f"{u}-BX", "level": "二级"})
        ],
        mitigations=[
            Mitigation.model_validate(
                {
                    "person_id": f"{u}-E3",
                    "duty_a": "出纳",
                    "duty_b": "报销审核",
                    "measure": "所长复核",
                    "valid_until": "2030-12-31",
                }
            )
        ],
    )


def chain_station(unit: str = "U1") -> Workbook:
    """start -> a (risk 16, no control) -> b (risk 3x3, preventive control by P2) -> end."""
    return Workbook(
        units=[Unit(id=unit, name="测试供电所")],
        posts=[
            Post(id=f"{unit}-P1", name="客户经理", unit_id=unit, key=True),
            Post(id=f"{unit}-P2", name="营销班长", unit_id=unit),
        ],
        people=[
            Person(id=f"{unit}-E1", name="张三", unit_id=unit),
            Person(id=f"{unit}-E2", name="李四", unit_id=unit),
        ],
        assignments=[
            Assignment(person_id=f"{unit}-E1", post_id=f"{unit}-P1", role="A"),
            Assignment(person_id=f"{unit}-E2", post_id=f"{unit}-P1", role="B"),
            Assignment(person_id=f"{unit}-E2", post_id=f"{unit}-P2", role="A"),
        ],
        processes=[Process(id=f"{unit}-YK", name="高压业扩报装", unit_id=unit, domain="营销")],
        nodes=[
            Node(id=f"{unit}-s", process_id=f"{unit}-YK", name="开始", kind="start"),
            Node(id=f"{unit}-a", process_id=f"{unit}-YK", name="受理", post_id=[f"{unit}-P1"]),
            Node(id=f"{unit}-b", process_id=f"{unit}-YK", name="勘查", post_id=[f"{unit}-P1"]),
            Node(id=f"{unit}-e", process_id=f"{unit}-YK", name="结束", kind="end"),
        ],
        flows=[
            Flow(from_id=f"{unit}-s", to_id=f"{unit}-a"),
            Flow(from_id=f"{unit}-a", to_id=f"{unit}-b"),
            Flow(from_id=f"{unit}-b", to_id=f"{unit}-e"),
            Flow(from_id=f"{unit}-b", to_id=f"{unit}-a", condition="退回"),
        ],
        risks=[
            Risk(id=f"{unit}-R1", node_id=f"{unit}-a", behavior="违规受理", level="high"),
            Risk(id=f"{unit}-R2", node_id=f"{unit}-b", behavior="勘查不实", likelihood=3, impact=3),
        ],
        controls=[
            Control(
                id=f"{unit}-C1",
                risk_id=f"{unit}-R2",
                measure="班长复核",
                kind="preventive",
                owner_post_id=f"{unit}-P2",
            )
        ],
    )


def write_csv_dir(directory: Path, tables: dict[str, list[list[str]]], encoding: str = "utf-8") -> Path:
    """One CSV file per table: `tables` maps a file stem to its rows, header first."""
    directory.mkdir(parents=True, exist_ok=True)
    for stem, rows in tables.items():
        with (directory / f"{stem}.csv").open("w", encoding=encoding, newline="") as handle:
            csv.writer(handle).writerows(rows)
    return directory


def tables() -> dict[str, list[list[str]]]:
    """Unit A as CSV tables (file stem -> rows, header first): two processes, one of them with a flow."""
    return {
        "units": [["id", "name"], ["A", "城关供电所"]],
        "posts": [
            ["id", "name", "unit_id", "key"],
            ["A-P1", "出纳", "A", "yes"],
            ["A-P2", "会计", "A", "no"],
        ],
        "people": [["id", "name", "unit_id", "status"], ["A-E1", "张伟", "A", "active"]],
        "assignments": [["person_id", "post_id", "role"], ["A-E1", "A-P1", "A"]],
        "processes": [["id", "name", "unit_id"], ["A-X", "费用报销", "A"], ["A-Y", "车辆管理", "A"]],
        "nodes": [
            ["id", "process_id", "name", "kind", "post_id", "min_people"],
            ["A-X1", "A-X", "审核", "task", "A-P2", "1"],
            ["A-X2", "A-X", "付款", "task", "A-P1", "2"],
            ["A-Y1", "A-Y", "派车", "task", "A-P2", ""],
        ],
        "flows": [["from_id", "to_id"], ["A-X1", "A-X2"]],
        "risks": [["id", "node_id", "behavior", "level"], ["A-R1", "A-X2", "虚假报销", "high"]],
    }
