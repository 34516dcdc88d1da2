"""One Chinese sentence per finding that a station chief understands at a glance.

e.g. 「关键岗位“物资管理员”无B角：仅张三一人在岗」. Names, not ids; ids stay in the JSON.
"""

from collections.abc import Iterable

from graph.checks.models import (
    AbGapRow,
    ConcentrationRow,
    Holder,
    SodConflictRow,
    SodPostRow,
    TwoPersonRow,
    UncontrolledRow,
    UnsupervisedDiscretionRow,
)
from graph.vocab import STATUSES

# In a sentence a person who left reads 「已离岗」 (has left).
STATUS = {k: v[0] for k, v in STATUSES.items()} | {"left": "已离岗"}
MAX_LISTED = 3  # longer lists end in 「等N处」: a message is read at a glance


def _quoted(names: Iterable[str | None]) -> str:
    return "、".join(f"“{n}”" for n in names)


def _joined(names: Iterable[str], more: str = "等{n}处") -> str:
    items = list(dict.fromkeys(names))
    shown = "、".join(items[:MAX_LISTED])
    return shown + (more.format(n=len(items)) if len(items) > MAX_LISTED else "")


def _person(holder: Holder) -> str:
    return holder.person_name or holder.person_id


def _away(holders: list[Holder], role: str) -> str:
    """「A角张三休假」 for the inactive holders of a role, or ''."""
    return "，".join(
        f"{role}角{_person(h)}{STATUS.get(h.status or '', h.status or '状态不明')}"
        for h in holders
        if h.role == role and h.status != "active"
    )


def ab_gap(row: AbGapRow) -> str:
    post = f"关键岗位“{row.post_name or row.post_id}”"
    active = [h for h in row.holders if h.status == "active"]
    a = [_person(h) for h in active if h.role == "A"]
    if row.kind == "vacant":
        detail = _away(row.holders, "A") or "未设A角"
        acting = [_person(h) for h in active if h.role == "B"]
        if acting:
            detail += f"，现由B角{'、'.join(acting)}顶岗"
        return f"{post}无A角在岗：{detail}"
    if row.kind == "no_backup":
        alone = f"仅{a[0]}一人在岗" if len(a) == 1 else f"仅{'、'.join(a)}在岗" if a else "无人在岗"
        away = _away(row.holders, "B")
        return f"{post}无B角：{alone}" + (f"（{away}）" if away else "")
    b = list(dict.fromkeys(_person(h) for h in active if h.role == "B"))
    return f"{post}的B角由A角兼任：{'、'.join(b)}既是A角又是B角，无人替补"


def sod_conflict(row: SodConflictRow) -> str:
    who = row.person_name or row.person_id
    parts = []
    for duty in row.duties:
        paths = [
            f"“{p.post_name or p.post_id}”（{p.role}角{'，假设' if p.assumed else ''}）"
            f"的“{p.node_name or p.node_id}”环节"
            for p in row.via
            if p.duty == duty
        ]
        parts.append(f"{duty}来自{_joined(paths)}")
    text = f"{who}一人兼任不相容职责“{row.duties[0]}”与“{row.duties[1]}”：{'；'.join(parts)}"
    if row.mitigation is not None:
        m = row.mitigation
        monitor = f"，监督人{m.monitor_name or m.monitor_id}" if m.monitor_id else ""
        until = f"，有效期至{m.valid_until.isoformat()}" if m.valid_until else ""
        text += f"。已采取补偿措施：{m.measure}{monitor}{until}"
    elif row.expired_until is not None:
        text += f"。补偿措施已于{row.expired_until.isoformat()}到期，视为未补偿"
    return text


def sod_post(row: SodPostRow) -> str:
    nodes = _joined(f"“{v.node_name or v.node_id}”" for v in row.via)
    return (
        f"岗位“{row.post_name or row.post_id}”自身同时承担不相容职责“{row.duties[0]}”与“{row.duties[1]}”"
        f"（{nodes}环节），无论谁任此岗都是一人兼任"
    )


def uncontrolled(row: UncontrolledRow) -> str:
    risk = f"风险点“{row.behavior or row.risk_id}”（“{row.node_name or row.node_id}”环节）"
    if row.reason == "no_control":
        return f"{risk}没有任何防控措施"
    if row.reason == "self_control":
        performers = {p.post_id for p in row.performers}
        owners = [c.owner_post_name or c.owner_post_id for c in row.controls if c.owner_post_id in performers]
        return f"{risk}的防控措施由执行该环节的{_quoted(dict.fromkeys(owners))}自己负责，自己监督自己"
    return f"{risk}的防控措施没有责任岗位，无人负责"


def two_person(row: TwoPersonRow) -> str:
    node = f"“{row.node_name or row.node_id}”环节须至少{row.required}人"
    if row.holders == 0:
        return f"{node}，但其执行岗位没有任何在岗人员"
    names = "、".join(p.person_name or p.person_id for p in row.people)
    return f"{node}，但其执行岗位只有{row.holders}名在岗人员（{names}），双人制衡无法落实"


def concentration(row: ConcentrationRow) -> str:
    posts = _joined((f"“{p.post_name or p.post_id}”" for p in row.posts), more="等{n}个")
    return f"{row.person_name or row.person_id}一人担任{row.count}个岗位的A角（一人多职）：{posts}"


def unsupervised_discretion(row: UnsupervisedDiscretionRow) -> str:
    return (
        f"自由裁量环节“{row.node_name or row.node_id}”所在流程“{row.process_name or row.process_id}”"
        "没有在岗的三级监督员"
    )
