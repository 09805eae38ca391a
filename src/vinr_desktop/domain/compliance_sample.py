"""The egenkontroll's stickprov: which cases of a period are asked the ten questions.

As auditors do: the first N cases by intake; or N at random with a seed that is shown, so the
same seed draws the same sample again; or every case of the period. Adults, children or both.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput

MAX_SEED = 999_999
MAX_COUNT = 10_000


class Group(StrEnum):
    BOTH = "both"
    ADULTS = "adults"
    CHILDREN = "children"


GROUP_LABELS: dict[Group, str] = {
    Group.BOTH: "Vuxna och barn",
    Group.ADULTS: "Vuxna",
    Group.CHILDREN: "Barn",
}


class SampleMode(StrEnum):
    FIRST = "first"  # the first N by intake
    RANDOM = "random"  # N at random, with a seed
    ALL = "all"


@dataclass(frozen=True)
class Selection:
    """What the user asked for: the intake period, the group, the sample and the review date."""

    period_from: date
    period_to: date
    review_on: date
    group: Group = Group.BOTH
    mode: SampleMode = SampleMode.ALL
    count: int = 5
    seed: int | None = None  # RANDOM: None draws a new one (shown with the table)


def check_selection(selection: Selection) -> Selection:
    """The selection as it will be used, or InvalidInput in Swedish."""
    if selection.period_to < selection.period_from:
        raise InvalidInput("Periodens slut ligger före dess början.")
    if selection.mode is not SampleMode.ALL and not 1 <= selection.count <= MAX_COUNT:
        raise InvalidInput(f"Antalet ärenden ska vara mellan 1 och {MAX_COUNT}.")
    if selection.seed is not None and not 0 <= selection.seed <= MAX_SEED:
        raise InvalidInput(f"Slumptalsfröet ska vara mellan 0 och {MAX_SEED}.")
    return selection


def draw(cases: Sequence[tuple[str, date]], selection: Selection, seed: int) -> list[str]:
    """The ids of the sampled cases, in intake order. `cases` are (id, intake) of the period;
    ties on the intake day are broken by id so the order never depends on the store."""
    ordered = [case_id for case_id, _day in sorted(cases, key=lambda c: (c[1], c[0]))]
    if selection.mode is SampleMode.ALL or selection.count >= len(ordered):
        return ordered
    if selection.mode is SampleMode.FIRST:
        return ordered[: selection.count]
    chosen = set(random.Random(seed).sample(ordered, selection.count))
    return [case_id for case_id in ordered if case_id in chosen]


def selection_words(selection: Selection, seed: int | None) -> str:
    """'Vuxna, de 5 första efter aktualisering' / '…, 5 slumpvis (frö 4711)' / '…, alla'."""
    group = GROUP_LABELS[selection.group]
    if selection.mode is SampleMode.FIRST:
        return f"{group}, de {selection.count} första efter aktualisering"
    if selection.mode is SampleMode.RANDOM:
        return f"{group}, {selection.count} slumpvis (frö {seed})"
    return f"{group}, alla ärenden"


def selection_code(selection: Selection, seed: int | None) -> str:
    """The selection in codes for its audit event: no case, no person."""
    parts = (
        selection.period_from.isoformat(),
        selection.period_to.isoformat(),
        selection.group.value,
        selection.mode.value,
        str(selection.count),
        str(seed) if seed is not None else "",
        selection.review_on.isoformat(),
    )
    return ":".join(parts)


def selection_code_words(code: str) -> str:
    """The audit event's code in the log review's words; a code it cannot read as it is."""
    parts = code.split(":")
    if len(parts) != 7:
        return code
    start, end, group, mode, count, seed, review = parts
    try:
        selection = Selection(
            date.fromisoformat(start),
            date.fromisoformat(end),
            date.fromisoformat(review),
            Group(group),
            SampleMode(mode),
            int(count),
        )
    except ValueError:
        return code
    words = selection_words(selection, int(seed) if seed.isdigit() else None)
    return f"Aktualiserade {start} – {end}; {words.lower()}; granskningsdag {review}"
