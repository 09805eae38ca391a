"""Deadlines (bevakningar) and egenkontroll checks of the insatser in one case.

- Genomförandeplan: requested from the provider, a reminder is due a set number of days after
  the request (setting, default 14), received. When the provider is the handläggare herself
  ("egen insats") there is nothing to request: she writes it.
- Uppföljning: at least every N months while an insats runs (setting, default 6). The next one
  is due on the date the last follow-up proposed, else the date the vårdplan set, else the
  proposal from the decision: the earliest of its review date (omprövning), the end of its
  period and N months after the insats began. A decision "3 månader, därefter omprövning" is
  therefore followed up within its three months, not after the general six.
- Vårdplan: each granted insats has a signed one.
- Skyddat boende with a child: the child has its own case and decision.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vinr_desktop.domain.decisions import InsatsState

ACTIVE_STATES = frozenset({InsatsState.PLANNED, InsatsState.RUNNING})


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reminder_due(requested_on: date, reminder_days: int) -> date:
    """When the provider is to be reminded of a genomförandeplan not yet received."""
    return requested_on + timedelta(days=reminder_days)


class ProposalBasis(StrEnum):
    """What a proposed follow-up date comes from."""

    INTERVAL = "interval"  # the follow-up interval (setting)
    REVIEW = "review"  # the decision's review date (omprövning)
    PERIOD_END = "period_end"  # the last day of the decision's period


@dataclass(frozen=True)
class FollowUpProposal:
    on: date
    basis: ProposalBasis


def follow_up_proposal(
    after: date,
    interval_months: int,
    *,
    review_on: date | None = None,
    period_to: date | None = None,
) -> FollowUpProposal:
    """The follow-up to propose after `after` (the insats's first day, or a follow-up held).

    The earliest of: the decision's review date, the last day of its period, and `after` plus
    the follow-up interval; on a tie the review date, then the period's end, is named. A review
    date or period end on or before `after` is past and does not count.
    """
    candidates = [
        FollowUpProposal(d, basis)
        for d, basis in (
            (review_on, ProposalBasis.REVIEW),
            (period_to, ProposalBasis.PERIOD_END),
        )
        if d is not None and d > after
    ]
    candidates.append(FollowUpProposal(add_months(after, interval_months), ProposalBasis.INTERVAL))
    return min(candidates, key=lambda p: p.on)


def proposed_follow_up(
    after: date,
    interval_months: int,
    *,
    review_on: date | None = None,
    period_to: date | None = None,
) -> date:
    """The date of `follow_up_proposal`."""
    return follow_up_proposal(after, interval_months, review_on=review_on, period_to=period_to).on


def next_follow_up(
    held_on: date,
    interval_months: int,
    *,
    review_on: date | None = None,
    period_to: date | None = None,
) -> date:
    """The next follow-up proposed after one held on `held_on`."""
    return proposed_follow_up(held_on, interval_months, review_on=review_on, period_to=period_to)


def follow_up_due(
    period_from: date,
    interval_months: int,
    *,
    last_proposed: date | None,
    plan_follow_up_on: date | None,
    review_on: date | None = None,
    period_to: date | None = None,
) -> date:
    """When the insats must next be followed up."""
    if last_proposed is not None:
        return last_proposed
    if plan_follow_up_on is not None:
        return plan_follow_up_on
    return proposed_follow_up(
        period_from, interval_months, review_on=review_on, period_to=period_to
    )


class PlanStatus(StrEnum):
    """The genomförandeplan's state."""

    NOT_REQUESTED = "not_requested"
    REQUESTED = "requested"  # waiting, the reminder is not yet due
    REMINDER_DUE = "reminder_due"  # waiting past the reminder date
    RECEIVED = "received"
    OWN_NOT_WRITTEN = "own_not_written"  # egen insats: the handläggare has not written it
    OWN_WRITTEN = "own_written"


PLAN_STATUS_LABELS: dict[PlanStatus, str] = {
    PlanStatus.NOT_REQUESTED: "Inte begärd",
    PlanStatus.REQUESTED: "Begärd",
    PlanStatus.REMINDER_DUE: "Begärd – dags att påminna",
    PlanStatus.RECEIVED: "Mottagen",
    PlanStatus.OWN_NOT_WRITTEN: "Egen insats – inte skriven",
    PlanStatus.OWN_WRITTEN: "Egen insats – skriven",
}


def plan_status(
    *,
    own: bool,
    requested_on: date | None,
    received_on: date | None,
    reminder_days: int,
    today: date,
) -> PlanStatus:
    """Where the genomförandeplan is on `today`."""
    if own:
        return PlanStatus.OWN_WRITTEN if received_on is not None else PlanStatus.OWN_NOT_WRITTEN
    if received_on is not None:
        return PlanStatus.RECEIVED
    if requested_on is None:
        return PlanStatus.NOT_REQUESTED
    if today >= reminder_due(requested_on, reminder_days):
        return PlanStatus.REMINDER_DUE
    return PlanStatus.REQUESTED


@dataclass(frozen=True)
class ChildAlongFacts:
    """A child coming along to skyddat boende, and whether it has its own case and decision."""

    person_id: str
    name: str
    has_own_case: bool
    has_own_decision: bool


@dataclass(frozen=True)
class InsatsFacts:
    """What the checks need to know about one decision's insats."""

    decision_id: str
    label: str  # "Skyddat boende, 2026-03-01 – 2026-05-31"
    state: InsatsState
    period_from: date | None
    shelter: bool
    own_provider: bool
    has_signed_plan: bool
    plan_follow_up_on: date | None  # from the current signed vårdplan
    implementation_requested_on: date | None
    implementation_received_on: date | None
    last_follow_up_next_on: date | None
    children_along: tuple[ChildAlongFacts, ...] = ()
    review_on: date | None = None  # the decision's omprövning
    period_to: date | None = None


class CheckCode(StrEnum):
    CARE_PLAN = "care_plan"
    IMPLEMENTATION_PLAN = "implementation_plan"
    FOLLOW_UP = "follow_up"
    SHELTER_CHILD = "shelter_child"


@dataclass(frozen=True)
class CareCheck:
    """One line of the egenkontroll for an insats: ok or not, in words, with a date if any."""

    code: CheckCode
    decision_id: str
    ok: bool
    text: str
    due_on: date | None = None
    person_id: str | None = None  # SHELTER_CHILD: the child


def care_checks(
    insatser: list[InsatsFacts], today: date, *, reminder_days: int, interval_months: int
) -> tuple[CareCheck, ...]:
    """Every check for the insatser that are planned or running."""
    out: list[CareCheck] = []
    for f in insatser:
        if f.state not in ACTIVE_STATES or f.period_from is None:
            continue
        out.append(
            CareCheck(
                CheckCode.CARE_PLAN,
                f.decision_id,
                f.has_signed_plan,
                f"{f.label}: vårdplan "
                + ("signerad" if f.has_signed_plan else "saknas eller är inte signerad"),
            )
        )
        status = plan_status(
            own=f.own_provider,
            requested_on=f.implementation_requested_on,
            received_on=f.implementation_received_on,
            reminder_days=reminder_days,
            today=today,
        )
        due = (
            reminder_due(f.implementation_requested_on, reminder_days)
            if status in (PlanStatus.REQUESTED, PlanStatus.REMINDER_DUE)
            and f.implementation_requested_on is not None
            else None
        )
        plan_ok = status in (PlanStatus.RECEIVED, PlanStatus.OWN_WRITTEN, PlanStatus.REQUESTED)
        out.append(
            CareCheck(
                CheckCode.IMPLEMENTATION_PLAN,
                f.decision_id,
                plan_ok,
                f"{f.label}: genomförandeplan {PLAN_STATUS_LABELS[status].lower()}",
                due,
            )
        )
        if f.state is InsatsState.RUNNING:
            due_on = follow_up_due(
                f.period_from,
                interval_months,
                last_proposed=f.last_follow_up_next_on,
                plan_follow_up_on=f.plan_follow_up_on,
                review_on=f.review_on,
                period_to=f.period_to,
            )
            late = today > due_on
            out.append(
                CareCheck(
                    CheckCode.FOLLOW_UP,
                    f.decision_id,
                    not late,
                    f"{f.label}: uppföljning "
                    + (f"försenad, skulle ha skett {due_on}" if late else f"senast {due_on}"),
                    due_on,
                )
            )
        if f.shelter:
            for child in f.children_along:
                ok = child.has_own_case and child.has_own_decision
                what = (
                    "har eget ärende och beslut"
                    if ok
                    else "saknar eget beslut"
                    if child.has_own_case
                    else "saknar eget ärende och beslut"
                )
                out.append(
                    CareCheck(
                        CheckCode.SHELTER_CHILD,
                        f.decision_id,
                        ok,
                        f"Skyddat boende med barn: {child.name} {what}",
                        person_id=child.person_id,
                    )
                )
    return tuple(out)


def follow_up_overdue(
    state: InsatsState,
    period_from: date | None,
    today: date,
    interval_months: int,
    *,
    last_proposed: date | None,
    plan_follow_up_on: date | None,
    review_on: date | None = None,
    period_to: date | None = None,
) -> bool:
    """True while a running insats has passed its follow-up date."""
    if state is not InsatsState.RUNNING or period_from is None:
        return False
    due = follow_up_due(
        period_from,
        interval_months,
        last_proposed=last_proposed,
        plan_follow_up_on=plan_follow_up_on,
        review_on=review_on,
        period_to=period_to,
    )
    return today > due
