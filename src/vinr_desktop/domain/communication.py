"""Kommunicering: before a decision that goes against the client (a refusal or a partial one),
she is to see the material and have a chance to answer (förvaltningslagen; the reference is in
resources/letters/communication_letter.sv.json). The program records what was communicated,
when and how, the last day for her answer and her answer. Signing such a decision with no
kommunicering, or before the last day while she has not answered, asks for a reason, which is
recorded with the decision.

`communicated_before_adverse` answers the egenkontroll question "kommunicering före beslut som
går parten emot" (JA / NEJ / ET) for one case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput

ADVERSE = frozenset({DecisionOutcome.PARTLY_GRANTED, DecisionOutcome.REFUSED})
MAX_MATERIAL = 2000


class CommunicationHow(StrEnum):
    VISIT = "visit"  # vid besök / samtal
    POST = "post"
    SECURE_EMAIL = "secure_email"  # säker e-post, outside the program
    PHONE = "phone"  # läst upp per telefon


HOW_LABELS: dict[CommunicationHow, str] = {
    CommunicationHow.VISIT: "Vid besök",
    CommunicationHow.POST: "Med post",
    CommunicationHow.SECURE_EMAIL: "Säker e-post (utanför programmet)",
    CommunicationHow.PHONE: "Per telefon",
}


@dataclass(frozen=True)
class Communication:
    """One kommunicering before a decision."""

    communicated_on: date
    how: CommunicationHow
    material: str
    answer_by: date
    answered_on: date | None = None
    answer: str = ""


def check_communication(item: Communication, today: date) -> None:
    """What a recorded kommunicering must have."""
    if not item.material.strip():
        raise InvalidInput("Skriv vilket underlag som kommunicerades.")
    if len(item.material) > MAX_MATERIAL:
        raise InvalidInput(f"Underlaget får beskrivas med högst {MAX_MATERIAL} tecken.")
    if item.communicated_on > today:
        raise InvalidInput("Kommuniceringen kan inte ligga i framtiden.")
    if item.answer_by < item.communicated_on:
        raise InvalidInput("Sista svarsdagen ligger före kommuniceringen.")
    check_answer(item, item.answered_on, item.answer, today)


def check_answer(item: Communication, answered_on: date | None, answer: str, today: date) -> None:
    if answered_on is None:
        if answer.strip():
            raise InvalidInput("Ange när klienten svarade.")
        return
    if answered_on > today:
        raise InvalidInput("Svarsdatumet kan inte ligga i framtiden.")
    if answered_on < item.communicated_on:
        raise InvalidInput("Svaret kan inte ha kommit före kommuniceringen.")
    if not answer.strip():
        raise InvalidInput("Skriv klientens svar (eller att hon avstod från att svara).")
    check_text(answer, "Svaret")


def complete_on(item: Communication, day: date) -> bool:
    """Kommunicering is done by `day`: she answered, or her last day to answer has passed."""
    return item.communicated_on <= day and (
        (item.answered_on is not None and item.answered_on <= day) or item.answer_by < day
    )


def signing_warning(
    outcome: DecisionOutcome, items: Sequence[Communication], day: date
) -> str | None:
    """Why signing `outcome` on `day` asks for a reason, or None when it does not."""
    if outcome not in ADVERSE:
        return None
    done = [i for i in items if i.communicated_on <= day]
    if not done:
        return (
            "Beslutet går klienten emot, men ingen kommunicering är registrerad. Skriv varför "
            "beslutet fattas utan kommunicering."
        )
    if any(complete_on(i, day) for i in done):
        return None
    last = max(i.answer_by for i in done)
    return (
        f"Klienten har till och med {last.isoformat()} på sig att svara på kommuniceringen och "
        "har inte svarat. Skriv varför beslutet fattas före sista svarsdagen."
    )


def check_reason(warning: str | None, reason: str) -> None:
    """A warning needs a written reason; the reason is recorded with the decision."""
    if warning is not None and not reason.strip():
        raise CommunicationReasonNeeded(warning)
    check_text(reason, "Skälet")


class CommunicationReasonNeeded(InvalidInput):
    """Signing asks for a reason (the message says why): the dialog asks and signs again."""


class Answer(StrEnum):
    """An egenkontroll answer."""

    YES = "ja"
    NO = "nej"
    NOT_APPLICABLE = "et"  # ej tillämpligt


@dataclass(frozen=True)
class SignedDecisionFacts:
    """What the egenkontroll needs of one signed decision of the case."""

    outcome: DecisionOutcome
    signed_on: date
    communications: tuple[Communication, ...]
    reason: str = ""  # the recorded reason for signing without complete kommunicering


QUESTION_LABEL = "Kommunicering före beslut som går parten emot"


def communicated_before_adverse(
    decisions: Sequence[SignedDecisionFacts], on: date | None = None
) -> Answer:
    """ "Kommunicering före beslut som går parten emot": ET without such a decision (signed by
    `on`, the review date, when given); JA when each was signed after a complete kommunicering
    (she answered or her time ran out); NEJ when one was not, even if a reason was recorded
    (the reason is for the reviewer to judge)."""
    return communication_answer(decisions, on)[0]


def communication_answer(
    decisions: Sequence[SignedDecisionFacts], on: date | None = None
) -> tuple[Answer, str]:
    """The answer and its detail in words ("1 av 2 beslut utan fullständig kommunicering,
    1 med skäl")."""
    adverse = [d for d in decisions if d.outcome in ADVERSE and (on is None or d.signed_on <= on)]
    if not adverse:
        return Answer.NOT_APPLICABLE, "inget beslut som går klienten emot"
    missing = [
        d for d in adverse if signing_warning(d.outcome, d.communications, d.signed_on) is not None
    ]
    if not missing:
        return Answer.YES, f"{len(adverse)} av {len(adverse)} beslut kommunicerade före beslutet"
    with_reason = sum(1 for d in missing if d.reason.strip())
    detail = f"{len(missing)} av {len(adverse)} beslut utan fullständig kommunicering"
    if with_reason:
        detail += f", {with_reason} med skäl"
    return Answer.NO, detail
