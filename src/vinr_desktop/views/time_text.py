"""How a stored moment is shown: in the computer's local time, the way Swedish forms write it.

The store keeps moments as ISO text in UTC ("2026-11-23T13:05:09+00:00"); every screen,
document and log line shows them through here: "2026-11-23 14:05", "2026-11-23", "14:05" or
"14:05:09". Text without an offset is UTC too. Text that is no moment at all (never written by
the program) is shown as it is, and a missing moment as `missing`.
"""

from __future__ import annotations

from datetime import UTC, datetime


def local_moment(utc_iso: str) -> datetime:
    """The stored moment in local time (ValueError for text that is no moment)."""
    moment = datetime.fromisoformat(utc_iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def _shown(utc_iso: str | None, pattern: str, missing: str) -> str:
    if not utc_iso:
        return missing
    try:
        return local_moment(utc_iso).strftime(pattern)
    except ValueError:
        return utc_iso


def datetime_text(utc_iso: str | None, missing: str = "") -> str:
    """'2026-11-23 14:05'."""
    return _shown(utc_iso, "%Y-%m-%d %H:%M", missing)


def date_text(utc_iso: str | None, missing: str = "") -> str:
    """'2026-11-23', the local date of the moment."""
    return _shown(utc_iso, "%Y-%m-%d", missing)


def clock_text(utc_iso: str | None, missing: str = "", *, seconds: bool = False) -> str:
    """'14:05', or '14:05:09' with `seconds` (when a draft was saved)."""
    return _shown(utc_iso, "%H:%M:%S" if seconds else "%H:%M", missing)


def now_clock_text() -> str:
    """The local time now, '14:05:09'."""
    return datetime.now().strftime("%H:%M:%S")
