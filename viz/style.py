"""Colours, bands and words shared by every chart: one place, so a legend never disagrees."""

from enum import Enum

# Scores as in the contract: likelihood x impact (1-25), or high 16, medium 9, low 4.
HIGH_FROM = 15.0
MEDIUM_FROM = 8.0


class Band(Enum):
    """A traffic light: fill (pale, so black text stays readable), strong colour, Chinese name."""

    RED = ("#F8B4B4", "#C00000", "红（高）")
    YELLOW = ("#FFE08A", "#B7791F", "黄（中）")
    GREEN = ("#C6EFCE", "#2F7D32", "绿（低）")
    NONE = ("#FFFFFF", "#808080", "无风险点")

    def __init__(self, fill: str, strong: str, label: str) -> None:
        self.fill = fill
        self.strong = strong
        self.label = label


# `light` as the risk rating may write it, in English or Chinese.
_LIGHTS = {
    "red": Band.RED,
    "红": Band.RED,
    "yellow": Band.YELLOW,
    "amber": Band.YELLOW,
    "orange": Band.YELLOW,
    "黄": Band.YELLOW,
    "green": Band.GREEN,
    "绿": Band.GREEN,
}
_LEVELS = {"high": Band.RED, "medium": Band.YELLOW, "low": Band.GREEN}


def band_of_light(light: str | None) -> Band | None:
    return _LIGHTS.get(light.strip().lower()) if light else None


def band_of_score(score: float | None, level: str | None = None) -> Band:
    """The band of a score; the level when there is no score; NONE when neither."""
    if score is None:
        return _LEVELS.get(level or "", Band.NONE)
    if score >= HIGH_FROM:
        return Band.RED
    return Band.YELLOW if score >= MEDIUM_FROM else Band.GREEN


UNCONTROLLED = "#C00000"
CONFLICT = "#7B2D8E"
TWO_PERSON = "#1F5FA8"
REWORK = "#B45309"
LANE_FILL = ("#F3F6FA", "#FAFAF5")
NOTE_FILL = "#FFFBE6"

KIND_NAMES = {"preventive": "预防", "detective": "检查"}
STATUS_NAMES = {"leave": "休假", "left": "离岗"}
