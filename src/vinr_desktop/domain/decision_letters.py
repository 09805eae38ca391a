"""The beslutsmeddelande: the letter that tells the client a decision, and the record that it
was sent — the day, how (handed over at a visit, by post, by secure e-mail sent outside the
program) and, when known, the day she got it, from which the time to appeal runs.

`unsent_letter_due` is the Bevakningar rule: a decision going against her (avslag, delvis
avslag) whose letter is not recorded as sent a number of days (a setting, default 7) after the
decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vinr_desktop.domain.communication import ADVERSE
from vinr_desktop.domain.deadline_kinds import Deadline, DeadlineKind, Tab
from vinr_desktop.domain.decisions import OUTCOME_LABELS, DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.settings import UNSENT_LETTER_DAYS

DEFAULT_UNSENT_LETTER_DAYS = UNSENT_LETTER_DAYS.default


class DeliveryHow(StrEnum):
    VISIT = "visit"  # överlämnat vid besök
    POST = "post"
    SECURE_EMAIL = "secure_email"  # säker e-post, sent outside the program


DELIVERY_LABELS: dict[DeliveryHow, str] = {
    DeliveryHow.VISIT: "Överlämnat vid besök",
    DeliveryHow.POST: "Med post",
    DeliveryHow.SECURE_EMAIL: "Säker e-post (utanför programmet)",
}


@dataclass(frozen=True)
class Delivery:
    sent_on: date
    how: DeliveryHow
    received_on: date | None  # the day she got it (fick del av), when known


def delivered(sent_on: date, how: DeliveryHow, received_on: date | None) -> Delivery:
    """Handed over at a visit, she got it that day; otherwise the day is given when known."""
    if how is DeliveryHow.VISIT:
        return Delivery(sent_on, how, received_on or sent_on)
    return Delivery(sent_on, how, received_on)


def check_delivery(decided_on: date, delivery: Delivery, today: date) -> None:
    if delivery.sent_on > today:
        raise InvalidInput("Datumet då beslutet skickades kan inte ligga i framtiden.")
    if delivery.sent_on < decided_on:
        raise InvalidInput("Beslutsmeddelandet kan inte ha skickats före beslutet.")
    received = delivery.received_on
    if received is not None:
        if received > today:
            raise InvalidInput("Datumet då klienten fick beslutet kan inte ligga i framtiden.")
        if received < delivery.sent_on:
            raise InvalidInput("Klienten kan inte ha fått beslutet innan det skickades.")


@dataclass(frozen=True)
class LetterFacts:
    """One signed decision of a case, for the Bevakningar rule."""

    decision_id: str
    outcome: DecisionOutcome
    decided_on: date
    sent: bool


def unsent_letter_due(facts: LetterFacts, days: int = DEFAULT_UNSENT_LETTER_DAYS) -> date | None:
    """When a decision going against her without a sent letter needs attention, or None."""
    if facts.sent or facts.outcome not in ADVERSE:
        return None
    return facts.decided_on + timedelta(days=days)


def unsent_letter_line(
    facts: LetterFacts, today: date, days: int = DEFAULT_UNSENT_LETTER_DAYS
) -> tuple[date, str, str] | None:
    """(due, text, detail) from the day it is due, as a Bevakningar line (tab: Insatser):
    "Beslutsmeddelande inte skickat", "avslag 2026-03-02"."""
    due = unsent_letter_due(facts, days)
    if due is None or due > today:
        return None
    outcome = OUTCOME_LABELS[facts.outcome].lower()
    return due, "Beslutsmeddelande inte skickat", f"{outcome} {facts.decided_on.isoformat()}"


def letter_deadlines(
    letters: tuple[LetterFacts, ...], today: date, days: int = DEFAULT_UNSENT_LETTER_DAYS
) -> tuple[Deadline, ...]:
    """The Bevakningar lines of a case's decisions whose letter is not sent (tab Insatser)."""
    out = []
    for facts in letters:
        line = unsent_letter_line(facts, today, days)
        if line is not None:
            due, text, detail = line
            out.append(Deadline(DeadlineKind.UNSENT_LETTER, due, text, Tab.CARE, detail))
    return tuple(out)
