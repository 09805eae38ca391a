"""Vårdplan: the handläggare's plan for one insats, given to the provider.

Goals (each with how it will be seen that it is reached), who does what, the client's part and
own view, the children's needs, and when and how the plan is followed up. A plan is versioned:
version 1 is drafted and signed; after a follow-up a new version starts as a copy of the last
signed one, is edited and signed. Old versions stay as they were (a trigger refuses changes to
a signed version, its goals and its responsibilities).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.errors import InvalidInput

MAX_GOALS = 30
MAX_GOAL_TEXT = 2_000


class ResponsibleRole(StrEnum):
    CASEWORKER = "caseworker"  # handläggare
    PROVIDER = "provider"  # utförare
    CLIENT = "client"  # klienten
    OTHER = "other"  # andra (skola, BUP, polis …)


ROLE_LABELS: dict[ResponsibleRole, str] = {
    ResponsibleRole.CASEWORKER: "Handläggare",
    ResponsibleRole.PROVIDER: "Utförare",
    ResponsibleRole.CLIENT: "Klienten",
    ResponsibleRole.OTHER: "Andra",
}


@dataclass(frozen=True)
class GoalDraft:
    text: str  # the goal
    indicator: str  # how it will be seen that it is reached


@dataclass(frozen=True)
class Responsibility:
    role: ResponsibleRole
    text: str  # what this party does


@dataclass(frozen=True)
class CarePlanDraft:
    """A vårdplan as the form holds it."""

    goals: tuple[GoalDraft, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    period_from: date | None = None
    period_to: date | None = None
    client_participation: str = ""  # how the client took part in making the plan
    client_view: str = ""  # the client's own view of the plan
    children_needs: str = ""
    follow_up_on: date | None = None  # when it is followed up
    follow_up_how: str = ""


def check_draft(draft: CarePlanDraft) -> None:
    """A draft may be incomplete, never too long or back to front."""
    if len(draft.goals) > MAX_GOALS:
        raise InvalidInput(f"En vårdplan kan ha högst {MAX_GOALS} mål.")
    for goal in draft.goals:
        if len(goal.text) > MAX_GOAL_TEXT or len(goal.indicator) > MAX_GOAL_TEXT:
            raise InvalidInput(f"Ett mål får vara högst {MAX_GOAL_TEXT} tecken.")
    for item in draft.responsibilities:
        check_text(item.text, "Ansvarsfördelningen")
    for text, what in (
        (draft.client_participation, "Klientens delaktighet"),
        (draft.client_view, "Klientens synpunkter"),
        (draft.children_needs, "Barnens behov"),
        (draft.follow_up_how, "Uppföljningen"),
    ):
        check_text(text, what)
    if draft.period_from and draft.period_to and draft.period_to < draft.period_from:
        raise InvalidInput("Periodens slut ligger före dess början.")


def check_signable(draft: CarePlanDraft) -> None:
    """What a signed vårdplan must hold (egenkontroll: a plan that can be followed up)."""
    check_draft(draft)
    goals = [g for g in draft.goals if g.text.strip() or g.indicator.strip()]
    if not goals:
        raise InvalidInput("Skriv minst ett mål.")
    for number, goal in enumerate(goals, 1):
        if not goal.text.strip():
            raise InvalidInput(f"Mål {number} saknar text.")
        if not goal.indicator.strip():
            raise InvalidInput(f"Skriv hur det syns att mål {number} är uppnått.")
    if not any(r.text.strip() for r in draft.responsibilities):
        raise InvalidInput("Skriv vem som gör vad.")
    if draft.period_from is None:
        raise InvalidInput("Ange vårdplanens period.")
    if not draft.client_participation.strip():
        raise InvalidInput("Beskriv hur klienten har varit delaktig.")
    if draft.follow_up_on is None:
        raise InvalidInput("Ange när vårdplanen ska följas upp.")
    if draft.follow_up_on < draft.period_from:
        raise InvalidInput("Uppföljningen kan inte ligga före periodens början.")
    if not draft.follow_up_how.strip():
        raise InvalidInput("Beskriv hur vårdplanen ska följas upp.")


def cleaned(draft: CarePlanDraft) -> CarePlanDraft:
    """Empty goals and responsibilities dropped, text trimmed."""
    return CarePlanDraft(
        goals=tuple(
            GoalDraft(g.text.strip(), g.indicator.strip())
            for g in draft.goals
            if g.text.strip() or g.indicator.strip()
        ),
        responsibilities=tuple(
            Responsibility(r.role, r.text.strip()) for r in draft.responsibilities if r.text.strip()
        ),
        period_from=draft.period_from,
        period_to=draft.period_to,
        client_participation=draft.client_participation.strip(),
        client_view=draft.client_view.strip(),
        children_needs=draft.children_needs.strip(),
        follow_up_on=draft.follow_up_on,
        follow_up_how=draft.follow_up_how.strip(),
    )


def may_start_new_version(has_draft: bool, has_signed: bool) -> None:
    """A new version starts from the last signed one, and only one draft at a time."""
    if has_draft:
        raise InvalidInput("Det finns redan ett utkast till vårdplanen. Fortsätt med det.")
    if not has_signed:
        raise InvalidInput("Signera den första versionen innan en ny påbörjas.")
