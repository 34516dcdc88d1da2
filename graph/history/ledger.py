"""The rectification ledger (整改台账, contract section 6): one `LedgerItem` per finding_id.

Status: `open` (待整改), `closed` (已销号), `accepted` (已接受风险). A scan opens an item for every
finding it sees for the first time, closes (销号) every open item of its scope whose finding is
gone, reopens (`reopened` + 1) a closed item whose finding is back, and lapses an accepted item
back to open at the first scan after its end date. Nobody closes a scan-born item by hand; the
only manual close is of an `inspection` item (a problem a level-3 supervisor reported), by an
analyst, with a note.

Defaults (docs/history.md): owner = a supervisor of the process the finding lies in, active
first, level 3 (业务专责, who carries out the checks) first, then level 2, then level 1;
due = the day the item is opened (or reopened) + `powermap_ledger_due_days` (30 days unless set).
Every change is appended to the item's `history` with who (a token's name, or `scan`) and when.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.connection import Row, Tx, in_read, in_write, rows_of, write_batches
from graph.history.common import day_of, dumps, loads, now_iso
from graph.queries import query

STATUSES = ("open", "closed", "accepted")
STATUS_ZH = {"open": "待整改", "closed": "已销号", "accepted": "已接受风险", "overdue": "已逾期"}
SCAN_ORIGIN = "scan"
TASK_ORIGIN = "task"


class LedgerError(ValueError):
    """A change the ledger refuses (e.g. closing a scan-born item by hand): the API answers 422."""


class NotInLedgerError(LookupError):
    """No ledger item for this finding id: the API answers 404."""


def subjects(finding: dict[str, Any]) -> Row:
    """The processes, nodes and posts a finding lies in: where its default owner is looked for."""
    processes = {finding["process_id"]} if finding.get("process_id") else set()
    nodes = {finding["node_id"]} if finding.get("node_id") else set()
    posts = {finding["post_id"]} if finding.get("post_id") else set()
    for item in finding.get("via") or []:
        if item.get("node_id"):
            nodes.add(item["node_id"])
        if item.get("post_id"):
            posts.add(item["post_id"])
    for item in (finding.get("posts") or []) + (finding.get("performers") or []):
        if item.get("post_id"):
            posts.add(item["post_id"])
    return {"processes": sorted(processes), "nodes": sorted(nodes), "posts": sorted(posts)}


def _entry(at: str, who: str, action: str, **details: Any) -> dict[str, Any]:
    return {"at": at, "who": who, "action": action, **{k: v for k, v in details.items() if v is not None}}


def item_json(props: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """A stored item as the ledger JSON of contract section 6 (and a few more fields)."""
    due = props.get("due")
    today = today or date.today()
    return {
        "finding_id": props["finding_id"],
        "check": props["check"],
        "status": props["status"],
        "opened_at": props.get("opened_at"),
        "closed_at": props.get("closed_at"),
        "reopened": int(props.get("reopened") or 0),
        "owner_id": props.get("owner_id"),
        "due": due,
        "overdue": props["status"] == "open" and bool(due) and date.fromisoformat(str(due)) < today,
        "unit_id": props.get("unit_id"),
        "origin": props.get("origin"),
        "accepted_until": props.get("accepted_until"),
        "reason": props.get("reason"),
        "note": props.get("note"),
        "history": loads(props.get("history")) or [],
        "finding": loads(props.get("finding")) or {},
    }


@dataclass
class ScanLedger:
    """What a scan did to the ledger."""

    opened: int = 0
    closed: int = 0
    reopened: int = 0
    lapsed: int = 0


def apply_scan(
    tx: Tx,
    *,
    scan_id: str,
    at: str,
    units: list[str] | None,
    findings: list[dict[str, Any]],
    due_days: int,
) -> ScanLedger:
    """Bring the ledger up to date with a scan of `units` (None: all units), in the scan's transaction."""
    today = day_of(at)
    due = (today + timedelta(days=due_days)).isoformat()
    current = {f["finding_id"]: f for f in findings}
    items = {
        r["item"]["finding_id"]: r["item"]
        for r in rows_of(tx, query("history/ledger_for_scan"), {"ids": list(current), "units": units})
    }
    out = ScanLedger()
    writes: list[Row] = []
    new_ids: list[str] = []
    for fid, finding in current.items():
        item = items.get(fid)
        snapshot = {"finding": dumps(finding), "unit_id": finding.get("unit_id")}
        if item is None:
            out.opened += 1
            new_ids.append(fid)
            history = [_entry(at, "scan", "opened", scan_id=scan_id)]
            props = {
                "check": finding["check"],
                "status": "open",
                "origin": SCAN_ORIGIN,
                "opened_at": at,
                "reopened": 0,
                "due": due,
                "history": dumps(history),
                **snapshot,
            }
            writes.append({"finding_id": fid, "props": props})
            continue
        props = dict(snapshot)
        # The history is parsed only for an item whose status moves: most items stay as they are.
        if item["status"] == "closed":
            out.reopened += 1
            history = [*(loads(item.get("history")) or []), _entry(at, "scan", "reopened", scan_id=scan_id)]
            props |= {"status": "open", "closed_at": None, "reopened": int(item.get("reopened") or 0) + 1}
            props |= {"due": due, "history": dumps(history)}
        elif item["status"] == "accepted" and _lapsed(item, today):
            out.lapsed += 1
            lapsed = _entry(at, "scan", "lapsed", scan_id=scan_id, until=item.get("accepted_until"))
            history = [*(loads(item.get("history")) or []), lapsed]
            props |= {"status": "open", "due": due, "history": dumps(history)}
        # An item whose status and finding are as the last scan left them is not written again: a
        # province's steady-state scan rewrites only what moved.
        if len(props) > len(snapshot) or any(item.get(k) != v for k, v in snapshot.items()):
            writes.append({"finding_id": fid, "props": props})
    for fid, item in items.items():
        if fid in current or item.get("origin") != SCAN_ORIGIN:
            continue
        history = loads(item.get("history")) or []
        if item["status"] == "accepted":
            if not _lapsed(item, today):
                continue
            out.lapsed += 1
            history.append(_entry(at, "scan", "lapsed", scan_id=scan_id, until=item.get("accepted_until")))
        if item["status"] in ("open", "accepted"):
            out.closed += 1
            history.append(_entry(at, "scan", "closed", scan_id=scan_id))
            writes.append(
                {"finding_id": fid, "props": {"status": "closed", "closed_at": at, "history": dumps(history)}}
            )
    if new_ids:
        owners = _owners(tx, [current[f] for f in new_ids])
        for w in writes:
            if w["finding_id"] in owners and "opened_at" in w["props"]:
                w["props"]["owner_id"] = owners[w["finding_id"]]
    write_batches(tx, query("history/ledger_upsert"), writes)
    return out


def _lapsed(item: dict[str, Any], today: date) -> bool:
    until = item.get("accepted_until")
    return bool(until) and date.fromisoformat(str(until)) < today


def _owners(tx: Tx, findings: Iterable[dict[str, Any]]) -> dict[str, str]:
    rows = [{"finding_id": f["finding_id"], **subjects(f)} for f in findings]
    return {
        r["finding_id"]: r["owner_id"]
        for r in rows_of(tx, query("history/owners"), {"rows": rows})
        if r["owner_id"]
    }


def scope_units(tx: Tx, unit: str | None) -> list[str] | None:
    """The unit and its sub-units; None (all units) when `unit` is None."""
    if unit is None:
        return None
    return [r["id"] for r in rows_of(tx, query("history/scope_units"), {"unit": unit})]


def list_items(
    driver: Driver,
    database: str,
    *,
    status: str | None = None,
    unit: str | None = None,
    check: str | None = None,
    today: date | None = None,
) -> list[dict[str, Any]]:
    """The ledger items, filtered; `status` may also be `overdue` (open and past due)."""
    if status is not None and status not in (*STATUSES, "overdue"):
        raise ValueError(
            f"没有这个状态 / unknown status: {status}；可选 / known: open, closed, accepted, overdue"
        )
    today = today or date.today()

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        units = scope_units(tx, unit)
        stored = "open" if status == "overdue" else status
        rows = rows_of(
            tx, query("history/ledger_items"), {"status": stored, "units": units, "check": check, "ids": None}
        )
        return [item_json(r["item"], today) for r in rows]

    items = in_read(driver, database, work)
    if status == "overdue":
        items = [i for i in items if i["overdue"]]
    return items


def get_item(tx: Tx, finding_id: str) -> dict[str, Any]:
    rows = rows_of(
        tx, query("history/ledger_items"), {"status": None, "units": None, "check": None, "ids": [finding_id]}
    )
    if not rows:
        raise NotInLedgerError(f"台账中没有这个问题 / no ledger item for finding: {finding_id}")
    item: dict[str, Any] = rows[0]["item"]
    return item


def _save(tx: Tx, finding_id: str, props: dict[str, Any]) -> None:
    write_batches(tx, query("history/ledger_upsert"), [{"finding_id": finding_id, "props": props}])


def update_item(
    driver: Driver,
    database: str,
    finding_id: str,
    *,
    who: str,
    owner_id: str | None = None,
    due: date | None = None,
    note: str | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """Change an item's owner, due date or note (analyst). `status="closed"` closes an `inspection`
    item (with a note); a scan-born item is closed only by a scan: LedgerError."""
    if status is not None and status != "closed":
        raise LedgerError(
            f"只能把状态改为 closed（仅限核查发现的问题）/ status can only be set to 'closed', not {status!r}"
        )
    at = now_iso()

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        item = get_item(tx, finding_id)
        history = loads(item.get("history")) or []
        props: dict[str, Any] = {}
        if status == "closed":
            if item.get("origin") != TASK_ORIGIN:
                raise LedgerError(
                    "扫描发现的问题只能由扫描销号：整改后重新扫描，问题消失即自动销号 / "
                    "a scan-born item is closed only by a scan that no longer finds it"
                )
            if not note:
                raise LedgerError("销号须附说明 / closing an inspection item needs a note")
            if item["status"] != "closed":
                props |= {"status": "closed", "closed_at": at}
                history.append(_entry(at, who, "closed", note=note))
        if owner_id is not None and owner_id != item.get("owner_id"):
            found = rows_of(tx, query("history/person_exists"), {"id": owner_id})
            if not found[0]["exists"]:
                raise LedgerError(f"没有这个人员 / no such person: {owner_id}")
            props["owner_id"] = owner_id
            history.append(_entry(at, who, "owner", old=item.get("owner_id"), new=owner_id))
        if due is not None and due.isoformat() != item.get("due"):
            props["due"] = due.isoformat()
            history.append(_entry(at, who, "due", old=item.get("due"), new=due.isoformat()))
        if note is not None and status != "closed":
            props["note"] = note
            history.append(_entry(at, who, "note", note=note))
        if props:
            props["history"] = dumps(history)
            _save(tx, finding_id, props)
        return item_json({**item, **props})

    return in_write(driver, database, work)


def accept_item(
    driver: Driver,
    database: str,
    finding_id: str,
    *,
    who: str,
    reason: str,
    until: date,
    today: date | None = None,
) -> dict[str, Any]:
    """Accept the risk of an open item until `until` (admin): it lapses back to open at the first
    scan after that date."""
    today = today or date.today()
    if not reason.strip():
        raise LedgerError("接受风险须说明理由 / accepting a risk needs a reason")
    if until < today:
        raise LedgerError(f"截止日期已过 / the end date {until} is in the past")
    at = now_iso()

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        item = get_item(tx, finding_id)
        if item["status"] == "closed":
            raise LedgerError("已销号的问题无须接受 / the item is closed already")
        history = loads(item.get("history")) or []
        history.append(_entry(at, who, "accepted", reason=reason, until=until.isoformat()))
        props = {
            "status": "accepted",
            "accepted_until": until.isoformat(),
            "reason": reason,
            "history": dumps(history),
        }
        _save(tx, finding_id, props)
        return item_json({**item, **props}, today)

    return in_write(driver, database, work)


def open_inspection_item(
    tx: Tx,
    *,
    finding: dict[str, Any],
    at: str,
    who: str,
    owner_id: str | None,
    due_days: int,
    note: str | None,
) -> dict[str, Any]:
    """Open (or reopen) the ledger item of a problem a supervisor reported on a task."""
    fid = finding["finding_id"]
    rows = rows_of(
        tx, query("history/ledger_items"), {"status": None, "units": None, "check": None, "ids": [fid]}
    )
    due = (day_of(at) + timedelta(days=due_days)).isoformat()
    if rows:
        item = rows[0]["item"]
        history = loads(item.get("history")) or []
        props: dict[str, Any] = {"finding": dumps(finding), "note": note}
        if item["status"] == "closed":
            history.append(_entry(at, who, "reopened", note=note))
            props |= {
                "status": "open",
                "closed_at": None,
                "reopened": int(item.get("reopened") or 0) + 1,
                "due": due,
            }
        props["history"] = dumps(history)
        _save(tx, fid, props)
        return item_json({**item, **props})
    props = {
        "check": finding["check"],
        "status": "open",
        "origin": TASK_ORIGIN,
        "opened_at": at,
        "reopened": 0,
        "due": due,
        "owner_id": owner_id,
        "unit_id": finding.get("unit_id"),
        "note": note,
        "finding": dumps(finding),
        "history": dumps([_entry(at, who, "opened", note=note)]),
    }
    _save(tx, fid, props)
    return item_json({"finding_id": fid, **props})
