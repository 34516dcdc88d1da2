"""A BPMN 2.0 XML file -> processes, nodes, flows and lane posts of one unit (contract section 1, BPMN).

Parsed with defusedxml: a DTD, entity expansion (the "billion laughs") and external
entities are refused before anything is read. Elements are matched by namespace URI,
so any prefix works (`bpmn:`, `bpmn2:`, `semantic:`, a default namespace).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from graph.rows import Flow, Node, Post, Process, Workbook
from importers.validate import Parsed

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"

TASKS = (
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "scriptTask",
    "businessRuleTask",
    "sendTask",
    "receiveTask",
    "callActivity",
)
SUBPROCESSES = ("subProcess", "transaction", "adHocSubProcess")
GATEWAYS = ("exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway")
EVENTS = ("intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent")
KINDS: dict[str, str] = {
    **dict.fromkeys(TASKS, "task"),
    **dict.fromkeys(SUBPROCESSES, "subprocess"),
    **dict.fromkeys(GATEWAYS, "decision"),
    **dict.fromkeys(EVENTS, "event"),
    "startEvent": "start",
    "endEvent": "end",
}
# A name for unnamed elements (gateways often are), in the users' words.
KIND_ZH = {
    "start": "开始",
    "task": "任务",
    "decision": "判断",
    "event": "事件",
    "subprocess": "子流程",
    "end": "结束",
}


class BpmnError(ValueError):
    """The file cannot be imported as BPMN; the message says why, in Chinese and English."""


def _tag(local: str) -> str:
    return f"{{{BPMN_NS}}}{local}"


def _local(element: Element) -> str | None:
    ns, _, local = element.tag.partition("}")
    return local if ns == "{" + BPMN_NS else None


def _parse_xml(data: bytes) -> Element:
    try:
        root: Element = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BpmnError(
            f"出于安全考虑，拒绝含 DTD、实体声明或外部实体的 XML / refused: XML with a DTD, "
            f"entity declarations or external entities ({type(exc).__name__})"
        ) from None
    except ParseError as exc:
        raise BpmnError(f"不是格式正确的 XML / not well-formed XML: {exc}") from None
    if root.tag != _tag("definitions"):
        raise BpmnError(
            f"不是 BPMN 2.0 文件（根元素应为 {BPMN_NS} 中的 definitions）/ "
            f"not BPMN 2.0: the root is {root.tag}, not definitions in {BPMN_NS}"
        )
    return root


@dataclass
class _ProcessRows:
    nodes: list[Node]
    flows: list[Flow]
    posts: list[Post]


def _flow_nodes(container: Element) -> Iterator[Element]:
    """Flow nodes at any depth: those of sub-processes come after their sub-process."""
    for child in container:
        local = _local(child)
        if local in KINDS:
            yield child
            if local in SUBPROCESSES:
                yield from _flow_nodes(child)


def _sequence_flows(container: Element) -> Iterator[Element]:
    for child in container:
        local = _local(child)
        if local == "sequenceFlow":
            yield child
        elif local in SUBPROCESSES:
            yield from _sequence_flows(child)


def _lanes(container: Element) -> Iterator[tuple[Element, int]]:
    """Every lane with its depth, from the lane sets of the process and its sub-processes."""

    def walk(lane_set: Element, depth: int) -> Iterator[tuple[Element, int]]:
        for lane in lane_set.findall(_tag("lane")):
            yield lane, depth
            for child_set in lane.findall(_tag("childLaneSet")):
                yield from walk(child_set, depth + 1)

    for lane_set in container.iter(_tag("laneSet")):
        yield from walk(lane_set, 0)


def _condition(flow: Element) -> str | None:
    name = (flow.get("name") or "").strip()
    if name:
        return name
    expression = flow.find(_tag("conditionExpression"))
    text = "".join(expression.itertext()).strip() if expression is not None else ""
    return text or None


def _process_rows(process: Element, process_id: str, unit: str, prefix: str) -> _ProcessRows:
    posts: list[Post] = []
    performer: dict[str, tuple[int, str]] = {}  # bpmn node id -> (lane depth, post id)
    for lane, depth in _lanes(process):
        lane_id = lane.get("id") or f"lane{len(posts) + 1}"
        post_id = f"{prefix}:{lane_id}"
        posts.append(Post(id=post_id, name=(lane.get("name") or "").strip() or lane_id, unit_id=unit))
        for ref in lane.findall(_tag("flowNodeRef")):
            node_ref = (ref.text or "").strip()
            # The innermost lane wins: a deeper lane overrides its parent.
            if node_ref and depth >= performer.get(node_ref, (-1, ""))[0]:
                performer[node_ref] = (depth, post_id)
    nodes = []
    for element in _flow_nodes(process):
        bpmn_id = element.get("id")
        if not bpmn_id:
            continue
        kind = KINDS[_local(element) or ""]
        post = performer.get(bpmn_id)
        nodes.append(
            Node.model_validate(
                {
                    "id": f"{prefix}:{bpmn_id}",
                    "process_id": process_id,
                    "name": (element.get("name") or "").strip() or f"{KIND_ZH[kind]} {bpmn_id}",
                    "kind": kind,
                    "post_id": [post[1]] if post else [],
                }
            )
        )
    flows = [
        Flow(
            from_id=f"{prefix}:{f.get('sourceRef')}",
            to_id=f"{prefix}:{f.get('targetRef')}",
            condition=_condition(f),
        )
        for f in _sequence_flows(process)
        if f.get("sourceRef") and f.get("targetRef")
    ]
    return _ProcessRows(nodes, flows, posts)


def read_bpmn(data: bytes, unit: str, prefix: str) -> Parsed:
    """The rows a BPMN file holds, for unit `unit`, ids `<prefix>:<bpmn id>`."""
    root = _parse_xml(data)
    participants = {
        p.get("processRef"): (p.get("name") or "").strip()
        for p in root.iter(_tag("participant"))
        if p.get("processRef")
    }
    wb = Workbook()
    for process in root.findall(_tag("process")):
        bpmn_id = process.get("id") or ""
        process_id = f"{prefix}:{bpmn_id}"
        rows = _process_rows(process, process_id, unit, prefix)
        if not rows.nodes:
            continue
        name = (process.get("name") or "").strip() or participants.get(bpmn_id) or bpmn_id
        wb.processes.append(Process(id=process_id, name=name, unit_id=unit))
        wb.nodes.extend(rows.nodes)
        wb.flows.extend(rows.flows)
        wb.posts.extend(rows.posts)
    if not wb.processes:
        raise BpmnError(
            "文件中没有含流程节点的流程，没有可导入的内容 / no process with a flow node: nothing to import"
        )
    parsed = Parsed.of(wb)
    parsed.sources = dict.fromkeys(("posts", "processes", "nodes", "flows"), "bpmn")
    return parsed
