"""BPMN 2.0 import: files in the style of bpmn.io/Camunda, Signavio and Bizagi; hostile XML refused."""

from pathlib import Path

from neo4j import Driver

from api.ingest import import_bytes, import_path
from graph.rows import Unit, Workbook
from tests.build import LIMITS, RISK, load
from tests.db import check_nodes, check_rels, checksum, counts, ids, read_rows, read_value

DB = "neo4j"
NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"

# bpmn.io / Camunda Modeler: `bpmn:` prefix, a collaboration of two pools, nested lanes, a sub-process.
CAMUNDA = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="{NS}" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="Collab_1">
    <bpmn:participant id="Pool_Station" name="城关供电所" processRef="Process_YK" />
    <bpmn:participant id="Pool_Customer" name="客户" processRef="Process_Customer" />
    <bpmn:messageFlow id="Msg_1" sourceRef="Task_Apply" targetRef="Task_Accept" />
  </bpmn:collaboration>
  <bpmn:process id="Process_YK" isExecutable="false">
    <bpmn:laneSet id="LaneSet_1">
      <bpmn:lane id="Lane_Marketing" name="营销班">
        <bpmn:flowNodeRef>Start_1</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Task_Accept</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Gateway_1</bpmn:flowNodeRef>
        <bpmn:childLaneSet id="LaneSet_2">
          <bpmn:lane id="Lane_Manager" name="营销班班长">
            <bpmn:flowNodeRef>Task_Accept</bpmn:flowNodeRef>
          </bpmn:lane>
        </bpmn:childLaneSet>
      </bpmn:lane>
      <bpmn:lane id="Lane_Design">
        <bpmn:flowNodeRef>Sub_Survey</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>End_1</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Start_1" name="客户申请" />
    <bpmn:userTask id="Task_Accept" name="受理用电申请" />
    <bpmn:exclusiveGateway id="Gateway_1" />
    <bpmn:subProcess id="Sub_Survey" name="现场勘查">
      <bpmn:startEvent id="Sub_Start" />
      <bpmn:manualTask id="Sub_Task" name="勘查供电方案" />
      <bpmn:endEvent id="Sub_End" />
      <bpmn:sequenceFlow id="SF_s1" sourceRef="Sub_Start" targetRef="Sub_Task" />
      <bpmn:sequenceFlow id="SF_s2" sourceRef="Sub_Task" targetRef="Sub_End" />
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="Timer_1" attachedToRef="Sub_Survey" />
    <bpmn:endEvent id="End_1" name="办结" />
    <bpmn:sequenceFlow id="SF_1" sourceRef="Start_1" targetRef="Task_Accept" />
    <bpmn:sequenceFlow id="SF_2" sourceRef="Task_Accept" targetRef="Gateway_1" />
    <bpmn:sequenceFlow id="SF_3" name="资料齐全" sourceRef="Gateway_1" targetRef="Sub_Survey" />
    <bpmn:sequenceFlow id="SF_4" sourceRef="Gateway_1" targetRef="End_1">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${{!complete}}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="SF_5" sourceRef="Sub_Survey" targetRef="End_1" />
  </bpmn:process>
  <bpmn:process id="Process_Customer" name="客户报装">
    <bpmn:task id="Task_Apply" name="提交申请" />
  </bpmn:process>
  <bpmn:process id="Process_Empty" name="空池" />
</bpmn:definitions>
"""

# Signavio / ARIS export: the BPMN namespace as the default namespace.
SIGNAVIO = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="{NS}" id="sid-1" targetNamespace="http://www.signavio.com">
  <process id="sid-P" name="废旧物资处置">
    <startEvent id="sid-S" name="开始"/>
    <businessRuleTask id="sid-T1" name="技术鉴定"/>
    <callActivity id="sid-T2" name="报废审批"/>
    <parallelGateway id="sid-G"/>
    <intermediateThrowEvent id="sid-I" name="通知"/>
    <endEvent id="sid-E"/>
    <sequenceFlow id="sid-F1" sourceRef="sid-S" targetRef="sid-T1"/>
    <sequenceFlow id="sid-F2" sourceRef="sid-T1" targetRef="sid-T2"/>
    <sequenceFlow id="sid-F3" sourceRef="sid-T2" targetRef="sid-G"/>
    <sequenceFlow id="sid-F4" sourceRef="sid-G" targetRef="sid-I"/>
    <sequenceFlow id="sid-F5" sourceRef="sid-I" targetRef="sid-E"/>
  </process>
</definitions>
"""

# Bizagi / Enterprise Architect: `bpmn2:` prefix, the process named only by its pool, a transaction.
BIZAGI = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn2:definitions xmlns:bpmn2="{NS}" id="Biz_1">
  <bpmn2:collaboration id="C1">
    <bpmn2:participant id="Part_1" name="物资出入库" processRef="Proc_1"/>
  </bpmn2:collaboration>
  <bpmn2:process id="Proc_1">
    <bpmn2:laneSet>
      <bpmn2:lane id="L1" name="物资管理员"><bpmn2:flowNodeRef>T1</bpmn2:flowNodeRef></bpmn2:lane>
    </bpmn2:laneSet>
    <bpmn2:startEvent id="S1"/>
    <bpmn2:serviceTask id="T1" name="验收入库"/>
    <bpmn2:transaction id="Tx1" name="出库">
      <bpmn2:scriptTask id="T2" name="登记台账"/>
      <bpmn2:sendTask id="T3" name="通知领用人"/>
      <bpmn2:receiveTask id="T4" name="领用确认"/>
      <bpmn2:sequenceFlow id="F3" sourceRef="T2" targetRef="T3"/>
    </bpmn2:transaction>
    <bpmn2:inclusiveGateway id="G1"/>
    <bpmn2:intermediateCatchEvent id="W1"/>
    <bpmn2:endEvent id="E1"/>
    <bpmn2:sequenceFlow id="F1" sourceRef="S1" targetRef="T1"/>
    <bpmn2:sequenceFlow id="F2" sourceRef="T1" targetRef="Tx1"/>
  </bpmn2:process>
</bpmn2:definitions>
"""


def _unit(db: Driver) -> None:
    load(db, DB, Workbook(units=[Unit(id="CG", name="城关供电所")]))


def _nodes(db: Driver, process: str) -> dict[str, tuple[str, str, list[str]]]:
    rows = read_rows(
        db,
        DB,
        "MATCH (n:Node)-[:IN_PROCESS]->(:Process {id: $p}) OPTIONAL MATCH (q:Post)-[:PERFORMS]->(n) "
        "RETURN n.id AS id, n.kind AS kind, n.name AS name, collect(q.name) AS posts",
        p=process,
    )
    return {r["id"]: (r["kind"], r["name"], r["posts"]) for r in rows}


def test_camunda_style_with_pools_nested_lanes_and_a_sub_process(db: Driver, tmp_path: Path) -> None:
    _unit(db)
    path = tmp_path / "业扩.bpmn"
    path.write_text(CAMUNDA, encoding="utf-8")
    result = import_path(db, DB, path, unit="CG", model=RISK, limits=LIMITS)
    assert result.ok, result.problems
    in_cg = {p for p, u in check_rels(db, DB, "Process", "id", "IN_UNIT", "Unit", "id") if u == "CG"}
    processes = {p: name for p, name in check_nodes(db, DB, "Process", ("id", "name")) if p in in_cg}
    posts_in_cg = {p for p, u in check_rels(db, DB, "Post", "id", "IN_UNIT", "Unit", "id") if u == "CG"}
    posts = {p: name for p, name in check_nodes(db, DB, "Post", ("id", "name")) if p in posts_in_cg}
    flows = {
        (r["a"], r["b"], r["c"])
        for r in read_rows(db, DB, "MATCH (a)-[f:NEXT]->(b) RETURN a.id AS a, b.id AS b, f.condition AS c")
    }
    # The empty pool is no process; the unnamed one takes its participant's name.
    assert processes == {"业扩:Process_YK": "城关供电所", "业扩:Process_Customer": "客户报装"}
    assert posts == {
        "业扩:Lane_Marketing": "营销班",
        "业扩:Lane_Manager": "营销班班长",
        "业扩:Lane_Design": "Lane_Design",
    }
    nodes = _nodes(db, "业扩:Process_YK")
    assert nodes == {
        "业扩:Start_1": ("start", "客户申请", ["营销班"]),
        "业扩:Task_Accept": ("task", "受理用电申请", ["营销班班长"]),  # the innermost lane wins
        "业扩:Gateway_1": ("decision", "判断 Gateway_1", ["营销班"]),
        "业扩:Sub_Survey": ("subprocess", "现场勘查", ["Lane_Design"]),
        "业扩:Sub_Start": ("start", "开始 Sub_Start", []),
        "业扩:Sub_Task": ("task", "勘查供电方案", []),
        "业扩:Sub_End": ("end", "结束 Sub_End", []),
        "业扩:Timer_1": ("event", "事件 Timer_1", []),
        "业扩:End_1": ("end", "办结", ["Lane_Design"]),
    }
    assert ("业扩:Gateway_1", "业扩:Sub_Survey", "资料齐全") in flows
    assert ("业扩:Gateway_1", "业扩:End_1", "${!complete}") in flows
    assert ("业扩:Sub_Start", "业扩:Sub_Task", None) in flows
    assert len(flows) == 7


def test_signavio_default_namespace_and_bizagi_prefix(db: Driver) -> None:
    _unit(db)
    assert import_bytes(
        db, DB, "sig.bpmn", SIGNAVIO.encode(), unit="CG", prefix="WZ", model=RISK, limits=LIMITS
    ).ok
    assert {k for k, *_ in _nodes(db, "WZ:sid-P").values()} == {"start", "task", "decision", "event", "end"}
    result = import_bytes(db, DB, "biz.bpmn", BIZAGI.encode(), unit="CG", model=RISK, limits=LIMITS)
    assert result.ok, result.problems
    assert read_value(db, DB, "MATCH (p:Process {id: 'biz:Proc_1'}) RETURN p.name") == "物资出入库"
    kinds = {i: k for i, (k, _, _) in _nodes(db, "biz:Proc_1").items()}
    assert kinds["biz:Tx1"] == "subprocess" and kinds["biz:T4"] == "task" and kinds["biz:W1"] == "event"
    assert _nodes(db, "biz:Proc_1")["biz:T1"][2] == ["物资管理员"]


def test_reimport_is_idempotent_and_replaces_the_process(db: Driver) -> None:
    _unit(db)
    assert import_bytes(db, DB, "sig.bpmn", SIGNAVIO.encode(), unit="CG", model=RISK, limits=LIMITS).ok
    first = (counts(db, DB), checksum(db, DB))
    assert import_bytes(db, DB, "sig.bpmn", SIGNAVIO.encode(), unit="CG", model=RISK, limits=LIMITS).ok
    assert (counts(db, DB), checksum(db, DB)) == first
    smaller = (
        SIGNAVIO.replace('<intermediateThrowEvent id="sid-I" name="通知"/>', "")
        .replace('<sequenceFlow id="sid-F5" sourceRef="sid-I" targetRef="sid-E"/>', "")
        .replace('targetRef="sid-I"', 'targetRef="sid-E"')
    )
    assert import_bytes(db, DB, "sig.bpmn", smaller.encode(), unit="CG", model=RISK, limits=LIMITS).ok
    assert "sig:sid-I" not in ids(db, DB, "Node")


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
  <process id="p" name="&lol3;"><task id="t"/></process>
</definitions>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
  <process id="p" name="&xxe;"><task id="t"/></process>
</definitions>
"""


def test_hostile_and_broken_files_are_refused_and_nothing_written(db: Driver) -> None:
    _unit(db)
    before = (counts(db, DB), checksum(db, DB))
    cases = {
        BOMB: "refused",
        EXTERNAL: "refused",
        "<definitions><process": "not well-formed XML",
        '<definitions xmlns="http://example.com/not-bpmn"/>': "not BPMN 2.0",
        f'<definitions xmlns="{NS}"><process id="p"/></definitions>': "no process with a flow node",
    }
    for text, message in cases.items():
        result = import_bytes(db, DB, "x.bpmn", text.encode(), unit="CG", model=RISK, limits=LIMITS)
        assert not result.ok and message in result.problems[0].message, (message, result.problems)
    assert (counts(db, DB), checksum(db, DB)) == before


def test_the_unit_must_exist(db: Driver) -> None:
    result = import_bytes(db, DB, "sig.bpmn", SIGNAVIO.encode(), unit="NOPE", model=RISK, limits=LIMITS)
    assert not result.ok and all("unit NOPE does not exist" in p.message for p in result.problems)
    assert counts(db, DB) == {}
    assert (
        "needs --unit"
        in import_bytes(db, DB, "sig.bpmn", SIGNAVIO.encode(), model=RISK, limits=LIMITS).problems[0].message
    )
