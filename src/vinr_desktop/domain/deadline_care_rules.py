"""Bevakningar for the insatser of a case: vårdplan missing, genomförandeplan to remind about,
follow-up due, and an insats whose period ran out without an Avsluta insats record.

The dates come from domain/care_deadlines.py (reminder_due, follow_up_due), so the page and the
case's own care checks agree on them.
"""

from __future__ import annotations

from datetime import date

from vinr_desktop.domain.care_deadlines import follow_up_due, reminder_due
from vinr_desktop.domain.deadline_facts import DeadlineSettings, InsatsDeadlineFacts
from vinr_desktop.domain.deadline_kinds import Deadline, DeadlineKind, Tab
from vinr_desktop.domain.decisions import DecisionOutcome, InsatsState, insats_state


def next_reminder_due(
    requested_on: date, last_reminder_on: date | None, reminder_days: int
) -> date:
    """The next reminder about a genomförandeplan: `reminder_days` after the request, or after
    the newest reminder sent (a reminder moves the next one)."""
    start = requested_on if last_reminder_on is None else max(requested_on, last_reminder_on)
    return reminder_due(start, reminder_days)


def insats_deadlines(
    insats: InsatsDeadlineFacts, today: date, settings: DeadlineSettings
) -> tuple[Deadline, ...]:
    """The open deadlines of one granted insats on `today`."""
    state = insats_state(
        DecisionOutcome.GRANTED,
        True,
        insats.period_from,
        insats.period_to,
        insats.ended_on,
        today,
    )
    label = insats.label
    if state is InsatsState.EXPIRED:
        assert insats.period_to is not None  # expired: its period had an end
        return (
            Deadline(
                DeadlineKind.INSATS_ENDED,
                insats.period_to,
                "Insats avslutad utan skäl",
                Tab.CARE,
                f"{label}, perioden slutade {insats.period_to.isoformat()}",
            ),
        )
    if state not in (InsatsState.PLANNED, InsatsState.RUNNING):
        return ()
    out: list[Deadline] = []
    if not insats.has_signed_plan:
        out.append(
            Deadline(
                DeadlineKind.CARE_PLAN,
                insats.period_from,
                "Vårdplan saknas",
                Tab.CARE,
                f"{label} från {insats.period_from.isoformat()}",
            )
        )
    requested = insats.implementation_requested_on
    if (
        not insats.own_provider
        and requested is not None
        and insats.implementation_received_on is None
    ):
        due = next_reminder_due(requested, insats.last_reminder_on, settings.reminder_days)
        reminded = (
            f", påmind {insats.last_reminder_on.isoformat()}"
            if insats.last_reminder_on is not None
            else ""
        )
        out.append(
            Deadline(
                DeadlineKind.IMPLEMENTATION_PLAN,
                due,
                "Påminn om genomförandeplan",
                Tab.CARE,
                f"{label}, begärd {requested.isoformat()}{reminded}",
            )
        )
    if state is InsatsState.RUNNING:
        due = follow_up_due(
            insats.period_from,
            settings.interval_months,
            last_proposed=insats.last_follow_up_next_on,
            plan_follow_up_on=insats.plan_follow_up_on,
            review_on=insats.review_on,
            period_to=insats.period_to,
        )
        text = "Uppföljning försenad" if today > due else "Uppföljning"
        out.append(Deadline(DeadlineKind.FOLLOW_UP, due, text, Tab.CARE, label))
    return tuple(out)
