"""Drift (contract section 6): what changed between two scans, and the import changes that explain it.

`drift` compares the findings snapshots of two scans (default: the last two of the scope): `new`,
`resolved`, and `changed` (same finding_id, different severity or details); `changes` are the
import changes recorded between the two scans, within the scope. `links` joins each change to
the findings it touches (by person, post, node, risk or control), for the Chinese table:
"王丽不再担任营销稽查员的B角（3月5日导入）→ 新增：关键岗位“营销稽查员”无B角".
"""

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from neo4j import Driver, ManagedTransaction

from graph.connection import Row, Tx, in_read, rows_of
from graph.history.changes import changes_between
from graph.history.ledger import scope_units
from graph.history.scans import UnknownScanError, get_scan, scope_of
from graph.queries import query
from graph.vocab import ROLES, STATUSES, word

# Dates are shown as the users' clock shows them.
LOCAL = ZoneInfo("Asia/Shanghai")


class NoScansError(LookupError):
    pass


def _latest_two(tx: Tx, scope: str) -> list[Row]:
    return rows_of(tx, query("history/scans"), {"scope": scope, "limit": 2})


def drift(
    driver: Driver,
    database: str,
    *,
    from_id: str | None = None,
    to_id: str | None = None,
    unit: str | None = None,
) -> dict[str, Any]:
    """The drift JSON of contract section 6, plus `links` (change -> findings it touches)."""

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        units = scope_units(tx, unit)
        if unit is not None and not units:
            raise LookupError(f"没有这个单位 / no such unit: {unit}")
        if to_id is None:
            latest = _latest_two(tx, scope_of(unit))
            if not latest:
                raise NoScansError(
                    f"范围 {scope_of(unit)} 还没有扫描，请先运行 powermap scan / "
                    f"no scans of scope {scope_of(unit)} yet"
                )
            to = get_scan(tx, latest[0]["id"])
            default_from = latest[1]["id"] if len(latest) > 1 else None
        else:
            to = get_scan(tx, to_id)
            previous = rows_of(tx, query("history/previous_scan"), {"scope": to["scope"], "before": to["at"]})
            default_from = previous[0]["id"] if previous else None
        chosen_from = from_id if from_id is not None else default_from
        frm = get_scan(tx, chosen_from) if chosen_from else None
        if frm is not None and frm["at"] > to["at"]:
            raise ValueError(f"起点扫描晚于终点扫描 / --from {frm['id']} is later than --to {to['id']}")
        changes = changes_between(tx, frm["at"] if frm else None, to["at"], units)
        return compare(frm, to, changes, units)

    return in_read(driver, database, work)


def _in_scope(findings: list[dict[str, Any]], units: list[str] | None) -> dict[str, dict[str, Any]]:
    keep = None if units is None else set(units)
    return {f["finding_id"]: f for f in findings if keep is None or f.get("unit_id") in keep}


def compare(
    frm: Row | None, to: Row, changes: list[dict[str, Any]], units: list[str] | None
) -> dict[str, Any]:
    before = _in_scope(frm["findings"], units) if frm else {}
    after = _in_scope(to["findings"], units)
    new = [f for fid, f in after.items() if fid not in before]
    resolved = [f for fid, f in before.items() if fid not in after]
    changed = [f for fid, f in after.items() if fid in before and details(before[fid]) != details(f)]
    return {
        "from": {"scan_id": frm["id"], "at": frm["at"]} if frm else None,
        "to": {"scan_id": to["id"], "at": to["at"]},
        "new": new,
        "resolved": resolved,
        "changed": changed,
        "changes": changes,
        "links": links(changes, {"new": new, "resolved": resolved, "changed": changed}),
    }


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted(
            (_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str)
        )
    return value


def details(finding: dict[str, Any]) -> Any:
    """What `changed` compares: the finding with its lists in a canonical order and without its
    message (the checks list paths in no fixed order, and the message follows that order)."""
    return _canonical({k: v for k, v in finding.items() if k != "message"})


def subject_keys(finding: dict[str, Any]) -> set[tuple[str, str]]:
    """Every person, post, node, risk and control a finding names, as (kind, id)."""
    keys: set[tuple[str, str]] = set()

    def add(kind: str, value: Any) -> None:
        if isinstance(value, str) and value:
            keys.add((kind, value))

    for kind in ("person", "post", "node", "risk", "control"):
        add(kind, finding.get(f"{kind}_id"))
    for field in ("holders", "people", "via", "posts", "performers", "controls", "supervisors"):
        items = finding.get(field)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                for kind in ("person", "post", "node", "control"):
                    add(kind, item.get(f"{kind}_id"))
    return keys


def change_keys(change: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (kind, change[f"{kind}_id"])
        for kind in ("person", "post", "node", "risk", "control")
        if change.get(f"{kind}_id")
    }


def links(changes: list[dict[str, Any]], groups: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """For each change that touches a finding of `groups`: {change index, group, finding_id}."""
    out: list[dict[str, Any]] = []
    indexed = [(group, f, subject_keys(f)) for group, found in groups.items() for f in found]
    for i, change in enumerate(changes):
        keys = change_keys(change)
        if not keys:
            continue
        for group, finding, subjects in indexed:
            if keys & subjects:
                out.append({"change": i, "group": group, "finding_id": finding["finding_id"]})
    return out


def local_day(at: str) -> str:
    """`3月5日`: the local calendar day of a history time."""
    moment = datetime.fromisoformat(at).astimezone(LOCAL)
    return f"{moment.month}月{moment.day}日"


def describe(change: dict[str, Any]) -> str:
    """One change in plain Chinese, e.g. "王丽不再担任营销稽查员的B角"."""
    kind = change["kind"]
    person = change.get("person_name") or change.get("person_id") or ""
    post = change.get("post_name") or change.get("post_id") or ""
    node = change.get("node_name") or change.get("node_id") or ""
    role = word(ROLES, change.get("role")) if change.get("role") else ""
    if kind == "assignment_added":
        return f"{person}开始担任{post}的{role}"
    if kind == "assignment_removed":
        return f"{person}不再担任{post}的{role}"
    if kind == "status_changed":
        return f"{person}由{word(STATUSES, change.get('from'))}变为{word(STATUSES, change.get('to'))}"
    if kind == "post_added":
        return f"新设岗位{post}"
    if kind == "post_removed":
        return f"撤销岗位{post}"
    if kind == "key_changed":
        return f"{post}{'改为关键岗位' if change.get('to') else '不再是关键岗位'}"
    if kind == "performer_added":
        return f"{post}开始执行“{node}”环节"
    if kind == "performer_removed":
        return f"{post}不再执行“{node}”环节"
    if kind == "risk_added":
        return f"新增风险点{change.get('risk_id')}“{change.get('behavior') or ''}”"
    if kind == "risk_removed":
        return f"删除风险点{change.get('risk_id')}“{change.get('behavior') or ''}”"
    if kind == "control_added":
        return (
            f"风险点{change.get('risk_id')}新增防控措施“{change.get('measure') or change.get('control_id')}”"
        )
    if kind == "control_removed":
        return (
            f"风险点{change.get('risk_id')}撤销防控措施“{change.get('measure') or change.get('control_id')}”"
        )
    if kind == "rule_added":
        return f"新增不相容职责规则：{change.get('duty_a')} ↔ {change.get('duty_b')}"
    return str(kind)


GROUP_ZH = {"new": "新增", "resolved": "已解决", "changed": "有变化"}


def story(result: dict[str, Any]) -> list[str]:
    """The drift as Chinese sentences: each change, when it was imported, and what it did."""
    by_id = {f["finding_id"]: f for g in ("new", "resolved", "changed") for f in result[g]}
    lines: list[str] = []
    linked: dict[int, list[dict[str, Any]]] = {}
    for link in result["links"]:
        linked.setdefault(link["change"], []).append(link)
    for i, change in enumerate(result["changes"]):
        head = f"{describe(change)}（{local_day(change['at'])}导入）"
        found = linked.get(i)
        if not found:
            lines.append(head)
            continue
        for link in found:
            lines.append(f"{head} → {GROUP_ZH[link['group']]}：{by_id[link['finding_id']]['message']}")
    return lines


__all__ = ["NoScansError", "UnknownScanError", "compare", "describe", "drift", "story"]
