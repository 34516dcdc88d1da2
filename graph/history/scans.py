"""Scans (contract section 6): every check run, remembered, and the ledger brought up to date.

A scan runs in one write transaction: the checks read one consistent snapshot, the `Scan` node
(id, time, scope, summary, the findings' ids, severities and a JSON snapshot of each finding,
what drift compares) and the ledger are written with it. The answer compares it with the
previous scan of the same scope (`*` for all units, else the unit id).
"""

from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.checks.run import CHECKS, ensure_unit, run_checks_in
from graph.connection import Row, Tx, in_read, in_write, rows_of
from graph.history import ledger
from graph.history.common import dumps, iso, loads, new_id, now_iso
from graph.queries import query

ALL = "*"


def scope_of(unit: str | None) -> str:
    return unit if unit is not None else ALL


def run_scan(
    driver: Driver,
    database: str,
    *,
    threshold: int,
    due_days: int,
    unit: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Run every check over `unit` and its sub-units (all units when None), record the scan, update
    the ledger. JSON: {scan_id, at, scope, summary, new, resolved, ledger}."""
    if threshold < 1:
        raise ValueError(
            f"一人多职的阈值至少为 1 / the concentration threshold must be >= 1, not {threshold}"
        )
    if due_days < 1:
        raise ValueError(f"整改期限至少 1 天 / the ledger due days must be >= 1, not {due_days}")
    if unit is not None:
        ensure_unit(driver, database, unit)
    at = iso(now) if now is not None else now_iso()
    scan_id = new_id("scan", at)
    scope = scope_of(unit)
    today = (now or datetime.now(UTC)).date()

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        report = run_checks_in(tx, list(CHECKS), threshold, unit, today)
        findings: list[dict[str, Any]] = report.model_dump(mode="json")["findings"]
        previous = _previous(tx, scope, at)
        rows_of(
            tx,
            query("history/record_scan"),
            {
                "id": scan_id,
                "at": at,
                "scope": scope,
                "summary": dumps(report.summary),
                "finding_ids": [f["finding_id"] for f in findings],
                "severities": [f["severity"] for f in findings],
                "findings": dumps(findings),
            },
        )
        units = ledger.scope_units(tx, unit)
        done = ledger.apply_scan(
            tx, scan_id=scan_id, at=at, units=units, findings=findings, due_days=due_days
        )
        before = {f["finding_id"]: f for f in (loads(previous["findings"]) if previous else [])}
        now_ids = {f["finding_id"] for f in findings}
        return {
            "scan_id": scan_id,
            "at": at,
            "scope": scope,
            "previous_scan_id": previous["id"] if previous else None,
            "summary": report.summary,
            "new": [f for f in findings if f["finding_id"] not in before],
            "resolved": [f for fid, f in before.items() if fid not in now_ids],
            "ledger": vars(done),
        }

    return in_write(driver, database, work)


def _previous(tx: Tx, scope: str, before: str) -> Row | None:
    rows = rows_of(tx, query("history/previous_scan"), {"scope": scope, "before": before})
    return rows[0] if rows else None


def list_scans(driver: Driver, database: str, *, scope: str | None = None, limit: int = 100) -> list[Row]:
    """The scans, newest first: id, at, scope, summary."""
    rows = in_read(
        driver, database, lambda tx: rows_of(tx, query("history/scans"), {"scope": scope, "limit": limit})
    )
    return [{**r, "summary": loads(r["summary"])} for r in rows]


class UnknownScanError(LookupError):
    pass


def get_scan(tx: Tx, scan_id: str) -> Row:
    rows = rows_of(tx, query("history/scan"), {"id": scan_id})
    if not rows:
        raise UnknownScanError(f"没有这次扫描 / no such scan: {scan_id}")
    row = rows[0]
    return {**row, "summary": loads(row["summary"]), "findings": loads(row["findings"])}
