"""Colours, bands and words shared by every chart: one place, so a legend never disagrees."""

from enum import Enum

from graph.vocab import CONTROL_KINDS, STATUSES, light_of, score_tier


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


_BY_LIGHT = {"red": Band.RED, "yellow": Band.YELLOW, "green": Band.GREEN}
_BY_LEVEL = {"high": Band.RED, "medium": Band.YELLOW, "low": Band.GREEN}


def band_of_light(light: str | None) -> Band | None:
    """The band of a rating's light, in English or Chinese (graph/vocab.py's aliases)."""
    known = light_of(light)
    return _BY_LIGHT[known] if known else None


def band_of_score(score: float | None, level: str | None = None) -> Band:
    """The band of an inherent score (graph/vocab.py's tiers); the level when there is no score;
    NONE when neither."""
    if score is None:
        return _BY_LEVEL.get(level or "", Band.NONE)
    return _BY_LEVEL[score_tier(score)]


UNCONTROLLED = "#C00000"
CONFLICT = "#7B2D8E"
TWO_PERSON = "#1F5FA8"
REWORK = "#B45309"
LANE_FILL = ("#F3F6FA", "#FAFAF5")
NOTE_FILL = "#FFFBE6"

KIND_NAMES = {k: v[0] for k, v in CONTROL_KINDS.items()}
STATUS_NAMES = {k: v[0] for k, v in STATUSES.items() if k != "active"}
