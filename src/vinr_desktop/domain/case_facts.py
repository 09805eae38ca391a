"""Facts of a case the auditors ask about, each its own record: the investigation (start,
method, extension, end and outcome), the assigned handläggare, the child heard, a samverkan or
SIP meeting, and a person's kön.

Pure rules: the labels, the checks of what a user typed (InvalidInput in Swedish) and the
investigation's deadline. The methods and outcomes are data in resources/investigation.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.care_deadlines import add_months
from vinr_desktop.domain.errors import InvalidInput

MAX_NOTE = 4_000
CHILD_INVESTIGATION_MONTHS = 4


class Sex(StrEnum):
    """Kön as recorded by the handläggare; never derived from the personnummer."""

    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"
    UNKNOWN = "unknown"


SEX_LABELS: dict[Sex, str] = {
    Sex.WOMAN: "Kvinna",
    Sex.MAN: "Man",
    Sex.OTHER: "Annat",
    Sex.UNKNOWN: "Okänt",
}


class StartBasis(StrEnum):
    """What started the investigation."""

    PRELIMINARY = "preliminary"  # a child: the förhandsbedömning decided to investigate
    APPLICATION = "application"  # an adult's own application
    DECISION = "decision"  # a decision to investigate (initiative, report about an adult)


START_LABELS: dict[StartBasis, str] = {
    StartBasis.PRELIMINARY: "Förhandsbedömning (utredning inleds)",
    StartBasis.APPLICATION: "Ansökan",
    StartBasis.DECISION: "Beslut att inleda utredning",
}


# The start in the journal's words: "Utredning inledd 2026-02-22 efter ansökan."
START_WORDS: dict[StartBasis, str] = {
    StartBasis.PRELIMINARY: "efter förhandsbedömning",
    StartBasis.APPLICATION: "efter ansökan",
    StartBasis.DECISION: "efter beslut att inleda utredning",
}


@dataclass(frozen=True)
class Choice:
    """A method or an outcome from resources/investigation.json."""

    code: str
    label: str
    standardised: bool = False


def parse_choices(data: Mapping[str, object], key: str) -> tuple[Choice, ...]:
    """The methods or outcomes of the investigation file; codes unique and non-empty."""
    raw = data.get(key)
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"investigation.json: '{key}' must be a non-empty list")
    found = tuple(
        Choice(str(item["code"]), str(item["label"]), bool(item.get("standardised", False)))
        for item in raw
    )
    codes = [c.code for c in found]
    if len(set(codes)) != len(codes) or any(not c or len(c) > 20 for c in codes):
        raise ValueError(f"investigation.json: '{key}' codes must be unique, 1-20 characters")
    return found


def choice_of(choices: tuple[Choice, ...], code: str, what: str) -> Choice:
    found = next((c for c in choices if c.code == code), None)
    if found is None:
        raise InvalidInput(f"Välj {what}.")
    return found


def child_investigation_due(started_on: date, extended_to: date | None = None) -> date:
    """The day a child investigation must be finished: four calendar months after its start
    (the 31st becomes the month's last day), or the recorded extension."""
    return (
        extended_to
        if extended_to is not None
        else add_months(started_on, CHILD_INVESTIGATION_MONTHS)
    )


def check_note(text: str, what: str, *, required: bool = False) -> str:
    cleaned = text.strip()
    if required and not cleaned:
        raise InvalidInput(f"{what} måste fyllas i.")
    if len(cleaned) > MAX_NOTE:
        raise InvalidInput(f"{what} är för lång (högst {MAX_NOTE} tecken).")
    return cleaned


def check_past(value: date, today: date, what: str) -> date:
    if value > today:
        raise InvalidInput(f"{what} kan inte ligga i framtiden.")
    return value


def check_extension(started_on: date, current_due: date, new_end: date, reason: str) -> str:
    """A child investigation extended past four months: a later end date and a reason."""
    if new_end <= current_due:
        raise InvalidInput(f"Det nya slutdatumet måste ligga efter {current_due.isoformat()}.")
    if new_end <= started_on:
        raise InvalidInput("Det nya slutdatumet måste ligga efter utredningens start.")
    return check_note(reason, "Skälet till förlängningen", required=True)


# -- the child heard ------------------------------------------------------------------------


class HeardWay(StrEnum):
    TALK = "talk"
    OBSERVATION = "observation"
    VIA_OTHER = "via_other"


HEARD_WAY_LABELS: dict[HeardWay, str] = {
    HeardWay.TALK: "Samtal med barnet",
    HeardWay.OBSERVATION: "Observation",
    HeardWay.VIA_OTHER: "Genom någon annan",
}


class NotHeardReason(StrEnum):
    AGE = "age"
    MATURITY = "maturity"
    DECLINED = "declined"
    OTHER = "other"


NOT_HEARD_LABELS: dict[NotHeardReason, str] = {
    NotHeardReason.AGE: "Barnets ålder",
    NotHeardReason.MATURITY: "Barnets mognad",
    NotHeardReason.DECLINED: "Barnet avböjde",
    NotHeardReason.OTHER: "Annat skäl",
}


@dataclass(frozen=True)
class ChildHeardInput:
    """What the handläggare records: heard (on a date, in a way) or not (why, and how the
    child's situation was learnt instead)."""

    person_id: str
    on: date
    heard: bool
    way: HeardWay | None = None
    reason: NotHeardReason | None = None
    learnt_otherwise: str = ""
    note: str = ""


def check_child_heard(value: ChildHeardInput, today: date) -> ChildHeardInput:
    """The record as it will be stored, or InvalidInput saying what is missing."""
    check_past(value.on, today, "Datumet")
    note = check_note(value.note, "Kommentaren")
    if value.heard:
        if value.way is None:
            raise InvalidInput("Välj hur barnet kom till tals.")
        return ChildHeardInput(value.person_id, value.on, True, value.way, None, "", note)
    if value.reason is None:
        raise InvalidInput("Välj varför barnet inte kom till tals.")
    learnt = check_note(value.learnt_otherwise, "Hur barnets situation blev känd", required=True)
    return ChildHeardInput(value.person_id, value.on, False, None, value.reason, learnt, note)


def child_heard_words(value: ChildHeardInput) -> str:
    """'Barnet har kommit till tals 2026-03-02: samtal med barnet.' for the journal."""
    if value.heard and value.way is not None:
        return (
            f"Barnet har kommit till tals {value.on.isoformat()}: "
            f"{HEARD_WAY_LABELS[value.way].lower()}."
        )
    reason = NOT_HEARD_LABELS[value.reason].lower() if value.reason else ""
    return (
        f"Barnet har inte kommit till tals ({value.on.isoformat()}). Skäl: {reason}. "
        f"Barnets situation blev känd genom: {value.learnt_otherwise}"
    )


# -- samverkan ------------------------------------------------------------------------------


class MeetingKind(StrEnum):
    SIP = "sip"
    SAMVERKAN = "samverkan"


MEETING_LABELS: dict[MeetingKind, str] = {
    MeetingKind.SIP: "SIP-möte (samordnad individuell plan)",
    MeetingKind.SAMVERKAN: "Samverkansmöte",
}
