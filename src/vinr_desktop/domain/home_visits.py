"""Hembesök (home visits): the plan, the short risk check before leaving, the visit mode's
rules and the entry written when the visit is over. Pure rules: no store, no Qt.

JO has said consent is the rule for a home visit: an unannounced visit needs a stated reason.
A protected person's address is never written into the plan; "enligt överenskommelse" is
printed instead (the colleague at the office has it in the program, not on paper).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.plurals import count_text

AGREED_ADDRESS = "Enligt överenskommelse"
MAX_TEXT = 2000
MAX_HOURS = 16  # a visit planned to last longer than this is a typing mistake


class Consent(StrEnum):
    GIVEN = "given"  # the client agreed to the visit
    UNANNOUNCED = "unannounced"  # oanmält: needs a reason


CONSENT_LABELS: dict[Consent, str] = {
    Consent.GIVEN: "Klienten har samtyckt till besöket",
    Consent.UNANNOUNCED: "Oanmält besök",
}


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


ANSWER_LABELS: dict[Answer, str] = {Answer.YES: "Ja", Answer.NO: "Nej", Answer.UNKNOWN: "Vet inte"}


class VisitStatus(StrEnum):
    PLANNED = "planned"
    STARTED = "started"  # the visit mode is on
    HELD = "held"
    NOT_HELD = "not_held"


STATUS_LABELS: dict[VisitStatus, str] = {
    VisitStatus.PLANNED: "Planerat",
    VisitStatus.STARTED: "Pågår",
    VisitStatus.HELD: "Genomfört",
    VisitStatus.NOT_HELD: "Inte genomfört",
}


class Incident(StrEnum):
    NONE = "none"
    THREAT = "threat"  # hot
    VIOLENCE = "violence"  # våld
    OTHER = "other"


INCIDENT_LABELS: dict[Incident, str] = {
    Incident.NONE: "Ingen händelse",
    Incident.THREAT: "Hot",
    Incident.VIOLENCE: "Våld",
    Incident.OTHER: "Annan händelse",
}


@dataclass(frozen=True)
class RiskQuestion:
    id: str
    text: str


def risk_questions(data: dict[str, object]) -> tuple[RiskQuestion, ...]:
    """The risk check's questions from resources/home_visits/risk_check.json."""
    items = data.get("questions")
    if not isinstance(items, list) or not items:
        raise ValueError("risk_check.json: 'questions' must be a non-empty list")
    found: list[RiskQuestion] = []
    for item in items:
        if not isinstance(item, dict) or not item.get("id") or not item.get("text"):
            raise ValueError("risk_check.json: every question needs an id and a text")
        found.append(RiskQuestion(str(item["id"]), str(item["text"])))
    return tuple(found)


@dataclass(frozen=True)
class VisitPlanInput:
    """What the handläggare types when she plans a visit (times are the user's local time)."""

    starts_at: datetime  # aware
    expected_back_at: datetime  # aware
    address: str  # ignored for a protected person: the plan says AGREED_ADDRESS
    purpose: str
    consent: Consent
    unannounced_reason: str
    companions: str  # colleague, security company
    risk_answers: dict[str, Answer]
    risk_note: str


def check_plan(plan: VisitPlanInput, questions: tuple[RiskQuestion, ...]) -> None:
    """InvalidInput, in Swedish, for a plan that cannot be saved."""
    if plan.expected_back_at <= plan.starts_at:
        raise InvalidInput("Beräknad tid tillbaka måste vara efter besökets början.")
    if plan.expected_back_at - plan.starts_at > timedelta(hours=MAX_HOURS):
        raise InvalidInput(
            "Ett hembesök kan planeras för högst " + count_text(MAX_HOURS, "timme", "timmar") + "."
        )
    if not plan.purpose.strip():
        raise InvalidInput("Skriv syftet med besöket.")
    if plan.consent is Consent.UNANNOUNCED and not plan.unannounced_reason.strip():
        raise InvalidInput("Ett oanmält besök kräver ett skäl. Samtycke är huvudregeln.")
    missing = [q for q in questions if q.id not in plan.risk_answers]
    if missing:
        raise InvalidInput("Besvara alla frågor i riskkontrollen före besöket.")
    for text in (
        plan.address,
        plan.purpose,
        plan.unannounced_reason,
        plan.companions,
        plan.risk_note,
    ):
        if len(text) > MAX_TEXT:
            raise InvalidInput(f"En text i planen är för lång (högst {MAX_TEXT} tecken).")


def risk_flags(answers: dict[str, Answer]) -> int:
    """How many risk questions were answered "ja" (shown beside, never instead of, judgement)."""
    return sum(1 for a in answers.values() if a is Answer.YES)


def is_overdue(status: VisitStatus, expected_back_utc: str, now: datetime) -> bool:
    """A started visit whose expected time back has passed: ring the colleague."""
    if status is not VisitStatus.STARTED:
        return False
    return datetime.fromisoformat(expected_back_utc) < now


@dataclass(frozen=True)
class VisitOutcome:
    """What the handläggare says when the visit is over."""

    held: bool
    back_at: datetime  # aware
    participants: str
    incident: Incident
    incident_text: str
    note: str


def check_outcome(outcome: VisitOutcome) -> None:
    if outcome.incident is not Incident.NONE and not outcome.incident_text.strip():
        raise InvalidInput("Beskriv kort vad som hände (utan namn på andra än klienten).")
    for text in (outcome.participants, outcome.incident_text, outcome.note):
        if len(text) > MAX_TEXT:
            raise InvalidInput(f"Texten är för lång (högst {MAX_TEXT} tecken).")


def outcome_entry_text(outcome: VisitOutcome, back_clock: str) -> str:
    """The signed journal entry written when the visit is checked out."""
    lines = ["Hembesök genomfört." if outcome.held else "Hembesök inte genomfört."]
    if outcome.participants.strip():
        lines.append(f"Deltagare: {outcome.participants.strip()}")
    lines.append(f"Tillbaka: {back_clock}")
    if outcome.incident is Incident.NONE:
        lines.append("Ingen incident under besöket.")
    else:
        lines.append(
            f"Incident: {INCIDENT_LABELS[outcome.incident]}. {outcome.incident_text.strip()}"
        )
    if outcome.note.strip():
        lines.append(outcome.note.strip())
    return "\n".join(lines)


SMALL_COUNT = "< 5"


def small_count_text(count: int) -> str:
    """A count for the unit's statistics: 1–4 shown as "< 5" so no one can be recognised."""
    return SMALL_COUNT if 0 < count < 5 else str(count)
