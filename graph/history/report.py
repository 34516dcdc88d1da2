"""The monthly report (`powermap report --month YYYY-MM -o FILE.pdf`): page 1 is what a leader
reads in a minute (the trend of findings per check over the last scans, what drifted this
month, the ledger's numbers, the red-light people and ★★★ processes); then the details."""

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.checks import CHECKS
from graph.connection import in_read, rows_of
from graph.history.changes import KINDS, changes_between
from graph.history.common import day_of, loads
from graph.history.drift import describe, drift, local_day, story
from graph.history.ledger import item_json
from graph.history.pages import Document
from graph.history.tasks import month_after, parse_month
from graph.queries import query

TREND_SCANS = 12
LIST_LIMIT = 60  # change lines in the details; `powermap drift` lists them all


def gather(
    driver: Driver, database: str, *, month: str, unit: str | None = None, today: date | None = None
) -> dict[str, Any]:
    """Everything the report shows, as plain data (also `--format json`)."""
    parse_month(month)
    start, end = f"{month}-01", f"{month_after(month, 1)}-01"
    today = today or date.today()

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        scans = rows_of(tx, query("history/scans"), {"scope": None, "limit": 1000})
        # The trend follows one scope: the unit asked for, else the scope scanned most often.
        scopes = Counter(s["scope"] for s in scans)
        scope = unit if unit is not None else (scopes.most_common(1)[0][0] if scopes else "*")
        trend = [
            {"scan_id": s["id"], "at": s["at"], "summary": loads(s["summary"])}
            for s in scans
            if s["scope"] == scope and s["at"][:10] < end
        ][:TREND_SCANS][::-1]
        changes = changes_between(tx, f"{start}T00:00:00", f"{end}T00:00:00", None)
        items = [
            item_json(r["item"], today)
            for r in rows_of(
                tx, query("history/ledger_items"), {"status": None, "units": None, "check": None, "ids": None}
            )
        ]
        leaders = rows_of(tx, query("history/report_leaders"), {})
        return {"scope": scope, "trend": trend, "changes": changes, "items": items, "leaders": leaders}

    data = in_read(driver, database, work)
    items = data["items"]
    drifted: list[str] = []
    if data["trend"]:
        scope_unit = None if data["scope"] == "*" else data["scope"]
        drifted = story(drift(driver, database, to_id=data["trend"][-1]["scan_id"], unit=scope_unit))

    def in_month(at: str | None) -> bool:
        return bool(at) and start <= str(at)[:10] < end

    opened = [i for i in items if in_month(i["opened_at"])]
    closed = [i for i in items if i["status"] == "closed" and in_month(i["closed_at"])]
    on_time = [i for i in closed if i["due"] and day_of(i["closed_at"]).isoformat() <= i["due"]]
    reopened = [
        i for i in items if any(h["action"] == "reopened" and in_month(h["at"]) for h in i["history"])
    ]
    overdue = [i for i in items if i["overdue"]]
    return {
        "month": month,
        "scope": data["scope"],
        "trend": data["trend"],
        "changes": data["changes"],
        "drift": drifted,
        "ledger": {
            "opened": len(opened),
            "closed": len(closed),
            "closed_on_time": len(on_time),
            "overdue": len(overdue),
            "reopened": len(reopened),
            "open": sum(1 for i in items if i["status"] == "open"),
            "accepted": sum(1 for i in items if i["status"] == "accepted"),
        },
        "overdue_items": overdue,
        "open_items": [i for i in items if i["status"] == "open"],
        "red_people": [r for r in data["leaders"] if r["kind"] == "person"],
        "three_star": [r for r in data["leaders"] if r["kind"] == "process"],
    }


def write_pdf(report: dict[str, Any], path: Path, font: str) -> None:
    doc = Document(path, font, f"廉洁风险防控月度报告 {report['month']}")
    ledger = report["ledger"]
    trend = report["trend"]
    latest = trend[-1]["summary"] if trend else {}
    previous = trend[-2]["summary"] if len(trend) > 1 else {}
    total, before = sum(latest.values()), sum(previous.values())
    doc.text(f"廉洁风险防控月度报告 · {report['month']}", 18, bold=True)
    doc.text(
        f"范围：{'全部单位' if report['scope'] == '*' else report['scope']}；扫描 {len(trend)} 次",
        9,
        color="#555555",
    )
    doc.gap()
    arrow = "↑" if total > before else "↓" if total < before else "→"
    doc.text(
        f"现有问题 {total} 个（上次扫描 {before} 个 {arrow}）；本月新立 {ledger['opened']}，"
        f"销号 {ledger['closed']}（按期 {ledger['closed_on_time']}），"
        f"逾期 {ledger['overdue']}，重新打开 {ledger['reopened']}。",
        12,
        bold=True,
        color="#b00020" if ledger["overdue"] or total > before else "#1b5e20",
    )
    doc.gap()
    ax = doc.chart(0.30)
    if trend:
        xs = [local_day(s["at"]) for s in trend]
        for name in CHECKS:
            ys = [s["summary"].get(name, 0) for s in trend]
            if any(ys):
                ax.plot(range(len(xs)), ys, marker="o", label=CHECKS[name].title)
        ax.set_xticks(range(len(xs)), xs, rotation=30, fontsize=7)
        ax.legend(fontsize=7, loc="upper left", frameon=False)
    ax.set_title("各类问题数量趋势（最近的扫描）", fontsize=10)
    ax.set_ylabel("问题数", fontsize=8)
    ax.grid(alpha=0.3)
    doc.text("最近一次扫描以来的变化（导入 → 问题）", 11, bold=True)
    for line in report["drift"][:8] or ["无变化"]:
        doc.text("· " + line, 9)
    if len(report["drift"]) > 8:
        doc.text(f"……共 {len(report['drift'])} 条，见第 2 页", 9)
    doc.text("本月导入变化（按类）", 11, bold=True)
    counts = Counter(c["kind"] for c in report["changes"])
    doc.text("；".join(f"{KIND_ZH[k]} {counts[k]}" for k in KINDS if counts[k]) or "本月没有导入变化", 9)
    doc.text("红灯人员（暴露度最高）", 11, bold=True)
    doc.text("、".join(f"{p['name']}（{p['exposure']:.0f}）" for p in report["red_people"][:10]) or "无", 9)
    doc.text("★★★ 流程（剩余风险最高）", 11, bold=True)
    doc.text(
        "、".join(f"{p['name']}（{p['residual']:.0f}）" for p in report["three_star"][:10])
        or "无（或尚未运行 powermap rate）",
        9,
    )
    doc.new_page()

    doc.text("一、最近一次扫描以来的变化", 13, bold=True)
    for line in report["drift"] or ["无变化"]:
        doc.text("· " + line, 8)
    doc.gap()
    doc.text("二、本月导入变化明细", 13, bold=True)
    lines = [f"{describe(c)}（{local_day(c['at'])}导入）" for c in report["changes"]]
    for line in lines[:LIST_LIMIT] or ["无"]:
        doc.text("· " + line, 8)
    if len(lines) > LIST_LIMIT:
        doc.text(f"……另有 {len(lines) - LIST_LIMIT} 项，见 powermap drift", 8)
    doc.gap()
    doc.text(f"三、逾期未整改（{len(report['overdue_items'])}）", 13, bold=True, color="#b00020")
    rows = [
        [i["finding"].get("message"), i["owner_id"], i["due"], i["reopened"]] for i in report["overdue_items"]
    ]
    doc.table(("问题", "责任人", "期限", "重开"), rows, (70, 12, 12, 6))
    doc.text(f"四、待整改（{len(report['open_items'])}）", 13, bold=True)
    rows = [
        [i["finding"].get("message"), i["owner_id"], i["due"], i["reopened"]] for i in report["open_items"]
    ]
    doc.table(("问题", "责任人", "期限", "重开"), rows, (70, 12, 12, 6))
    doc.close()


KIND_ZH = {
    "assignment_added": "新任A/B角",
    "assignment_removed": "卸任A/B角",
    "status_changed": "人员状态变化",
    "post_added": "新设岗位",
    "post_removed": "撤销岗位",
    "key_changed": "关键岗位调整",
    "performer_added": "新增执行岗位",
    "performer_removed": "撤销执行岗位",
    "risk_added": "新增风险点",
    "risk_removed": "删除风险点",
    "control_added": "新增防控措施",
    "control_removed": "撤销防控措施",
    "rule_added": "新增不相容规则",
}
