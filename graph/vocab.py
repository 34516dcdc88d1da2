"""powermap's vocabulary: every domain word and number that importers, checks, rating, charts and
the command line share, in one place, so that no two copies can disagree.

Canonical values are the contract's English words; each comes with the spellings a workbook may
use (Chinese first) and the Chinese word shown to people.
"""

import datetime as dt
import re
from collections.abc import Mapping
from typing import Literal

# --- enums of the workbook (contract section 1): canonical value -> accepted spellings -------------

UNIT_KINDS: dict[str, tuple[str, ...]] = {"company": ("公司",), "station": ("供电所",), "team": ("班组",)}
STATUSES: dict[str, tuple[str, ...]] = {"active": ("在岗",), "leave": ("休假",), "left": ("离岗",)}
ROLES: dict[str, tuple[str, ...]] = {"A": ("A角", "a角"), "B": ("B角", "b角")}
NODE_KINDS: dict[str, tuple[str, ...]] = {
    "start": ("开始",),
    "task": ("任务",),
    "decision": ("判断",),
    "event": ("事件",),
    "subprocess": ("子流程",),
    "end": ("结束",),
}
LEVELS: dict[str, tuple[str, ...]] = {"high": ("高",), "medium": ("中",), "low": ("低",)}
CONTROL_KINDS: dict[str, tuple[str, ...]] = {"preventive": ("预防",), "detective": ("检查",)}
SEVERITIES: dict[str, tuple[str, ...]] = {
    "critical": ("严重",),
    "high": ("高",),
    "medium": ("中",),
    "low": ("低",),
}
SUPERVISOR_LEVELS: dict[str, tuple[str, ...]] = {"1": ("一级",), "2": ("二级",), "3": ("三级",)}

TRUE_WORDS = ("yes", "true", "1", "y", "是")
FALSE_WORDS = ("no", "false", "0", "n", "否")
LIST_SEPARATORS = ";；,，、"


def word(choices: Mapping[str, tuple[str, ...]], value: str | None) -> str:
    """The Chinese word of a canonical value ('' for None, the value itself when unknown)."""
    if value is None:
        return ""
    return choices[value][0] if value in choices else value


# --- severity of findings ------------------------------------------------------------------------

Severity = Literal["critical", "high", "medium", "low"]
SEVERITY_ORDER: tuple[Severity, ...] = ("critical", "high", "medium", "low")  # worst first
# Contract section 7: a choke point's score sums these weights over the findings its absence creates.
SEVERITY_WEIGHT: dict[str, int] = {"critical": 4, "high": 3, "medium": 2, "low": 1}
RULE_DEFAULT_SEVERITY: Severity = "high"  # contract section 1: a conflict rule defaults to high

# --- risk scores (contract section 1) ------------------------------------------------------------

Level = Literal["high", "medium", "low"]
LEVEL_SCORES: dict[str, int] = {"high": 16, "medium": 9, "low": 4}
# An inherent score (1-25) is high from 15 and medium from 8: the tiers of the uncontrolled
# check's severity and of the flowcharts' risk colours before rating.
HIGH_SCORE_FROM = 15.0
MEDIUM_SCORE_FROM = 8.0


def inherent_score(level: str | None, likelihood: int | None, impact: int | None) -> int | None:
    """likelihood x impact when both are given, else by level; None when neither."""
    if likelihood is not None and impact is not None:
        return likelihood * impact
    return LEVEL_SCORES.get(level or "")


def score_tier(score: float) -> Level:
    return "high" if score >= HIGH_SCORE_FROM else "medium" if score >= MEDIUM_SCORE_FROM else "low"


# --- traffic lights of the risk rating -----------------------------------------------------------

Light = Literal["red", "yellow", "green"]
LIGHT_WORD: dict[str, str] = {"red": "红", "yellow": "黄", "green": "绿"}
# `light` as older data or people may spell it.
LIGHT_ALIASES: dict[str, Light] = {
    "red": "red",
    "红": "red",
    "yellow": "yellow",
    "amber": "yellow",
    "orange": "yellow",
    "黄": "yellow",
    "green": "green",
    "绿": "green",
}


def light_of(value: str | None) -> Light | None:
    return LIGHT_ALIASES.get(value.strip().lower()) if value else None


# --- charts --------------------------------------------------------------------------------------

DEFAULT_FONT = "Noto Sans CJK SC"  # fontconfig family of every chart (Debian's fonts-noto-cjk)


# --- reading one value as people write it --------------------------------------------------------

_SPLIT = re.compile(f"[{re.escape(LIST_SEPARATORS)}]")


class BadValue(ValueError):
    """A value that cannot be read; the message is Chinese, then English."""


def to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise BadValue("应为 是/否（yes/no、true/false、1/0、y/n） / must be yes or no")


def to_enum(value: object, choices: Mapping[str, tuple[str, ...]]) -> str:
    text = str(value).strip()
    for canonical, aliases in choices.items():
        if text.lower() == canonical.lower() or text in aliases or text.lower() in aliases:
            return canonical
    allowed = "、".join(f"{k}/{v[0]}" for k, v in choices.items())
    raise BadValue(f"取值无效，可选：{allowed} / must be one of {', '.join(choices)}")


def to_list(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in _SPLIT.split(str(value)) if part.strip()]


def to_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadValue("应为日期 YYYY-MM-DD / must be a date YYYY-MM-DD") from None
