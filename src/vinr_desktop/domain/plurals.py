"""Swedish singular and plural by count: "1 minut", "5 minuter", "1 loggpost är markerad".

The one helper for every text with a number in it (a test looks for others). Swedish uses the
singular for exactly one and the plural for everything else, zero included ("0 ärenden").
"""

from __future__ import annotations


def by_count(count: int, one: str, many: str, *, number: str | None = None) -> str:
    """`one` when `count` is 1, else `many`; either may hold "{0}" for the number (or for
    `number`, the count as it should be shown, e.g. "1 234").

    For whole sentences whose other words agree with the count:
    `by_count(n, "1 loggpost är markerad.", "{0} loggposter är markerade.")`.
    """
    return (one if abs(count) == 1 else many).format(count if number is None else number)


def count_text(count: int, one: str, many: str) -> str:
    """The number and its word: `count_text(1, "minut", "minuter")` → "1 minut"."""
    return f"{count} {one if abs(count) == 1 else many}"
