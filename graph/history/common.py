"""Times, ids and JSON helpers shared by the history modules."""

import json
import secrets
from datetime import UTC, date, datetime
from typing import Any

# Every history time is an ISO-8601 UTC string with microseconds: one format, so strings sort as times.
_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"


def iso(moment: datetime) -> str:
    """`moment` as a history time string (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_FORMAT)


def now_iso() -> str:
    return iso(datetime.now(UTC))


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def day_of(text: str) -> date:
    """The calendar date of a history time string (UTC)."""
    return parse_iso(text).date()


def new_id(prefix: str, at: str) -> str:
    """`prefix-YYYYMMDDTHHMMSS-xxxxxx`: readable, sortable by time, unique."""
    stamp = parse_iso(at).strftime("%Y%m%dT%H%M%S")
    return f"{prefix}-{stamp}-{secrets.token_hex(3)}"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None
