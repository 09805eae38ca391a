"""Deadlines and rules of decisions, vårdplaner and follow-ups (pure, no store)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from vinr_desktop.domain.care_deadlines import (
    CheckCode,
    ChildAlongFacts,
    InsatsFacts,
    PlanStatus,
    ProposalBasis,
    add_months,
    care_checks,
    follow_up_due,
    follow_up_overdue,
    follow_up_proposal,
    next_follow_up,
    plan_status,
    reminder_due,
)
from vinr_desktop.domain.decisions import (
    DecisionDraft,
    DecisionOutcome,
    InsatsState,
    check_draft,
    grounds_for,
    insats_state,
    parse_legal_grounds,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.resources import care_data


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2026, 11, 1), 2, date(2027, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected
    assert next_follow_up(start, months) == expected


def test_the_genomforandeplan_reminder() -> None:
    requested = date(2026, 3, 2)
    assert reminder_due(requested, 14) == date(2026, 3, 16)

    def status(today: date, days: int = 14, received: date | None = None) -> PlanStatus:
        return plan_status(
            own=False, requested_on=requested, received_on=received, reminder_days=days, today=today
        )

    assert status(date(2026, 3, 15)) is PlanStatus.REQUESTED
    assert status(date(2026, 3, 16)) is PlanStatus.REMINDER_DUE
    assert status(date(2026, 3, 10), days=7) is PlanStatus.REMINDER_DUE  # the setting changed
    assert status(date(2026, 4, 1), received=date(2026, 3, 20)) is PlanStatus.RECEIVED
    none = plan_status(
        own=False, requested_on=None, received_on=None, reminder_days=14, today=requested
    )
    assert none is PlanStatus.NOT_REQUESTED
    own = plan_status(
        own=True, requested_on=None, received_on=None, reminder_days=14, today=requested
    )
    assert own is PlanStatus.OWN_NOT_WRITTEN


def test_the_follow_up_date_and_when_it_is_overdue() -> None:
    start = date(2026, 3, 1)
    assert follow_up_due(start, 6, last_proposed=None, plan_follow_up_on=None) == date(2026, 9, 1)
    assert follow_up_due(start, 6, last_proposed=None, plan_follow_up_on=date(2026, 5, 1)) == date(
        2026, 5, 1
    )
    assert follow_up_due(
        start, 6, last_proposed=date(2026, 7, 1), plan_follow_up_on=date(2026, 5, 1)
    ) == date(2026, 7, 1)
    assert follow_up_due(start, 3, last_proposed=None, plan_follow_up_on=None) == date(2026, 6, 1)

    def overdue(today: date, state: InsatsState = InsatsState.RUNNING) -> bool:
        return follow_up_overdue(state, start, today, 6, last_proposed=None, plan_follow_up_on=None)

    assert not overdue(date(2026, 9, 1))
    assert overdue(date(2026, 9, 2))
    assert not overdue(date(2026, 9, 2), InsatsState.ENDED)  # only while the insats runs


def test_insats_state_over_its_period() -> None:
    def state(today: date, ended: date | None = None, signed: bool = True) -> InsatsState:
        return insats_state(
            DecisionOutcome.GRANTED, signed, date(2026, 3, 1), date(2026, 5, 31), ended, today
        )

    assert state(date(2026, 2, 28)) is InsatsState.PLANNED
    assert state(date(2026, 3, 1)) is InsatsState.RUNNING
    assert state(date(2026, 6, 1)) is InsatsState.EXPIRED
    assert state(date(2026, 4, 1), ended=date(2026, 4, 1)) is InsatsState.ENDED
    assert state(date(2026, 4, 1), signed=False) is InsatsState.NOT_INSATS
    refused = insats_state(DecisionOutcome.REFUSED, True, None, None, None, date(2026, 4, 1))
    assert refused is InsatsState.NOT_INSATS


def test_the_checks_of_a_running_shelter_insats_with_a_child() -> None:
    facts = InsatsFacts(
        decision_id="d",
        label="Skyddat boende",
        state=InsatsState.RUNNING,
        period_from=date(2026, 1, 1),
        shelter=True,
        own_provider=False,
        has_signed_plan=False,
        plan_follow_up_on=None,
        implementation_requested_on=date(2026, 1, 5),
        implementation_received_on=None,
        last_follow_up_next_on=None,
        children_along=(ChildAlongFacts("c", "Liten Fiktiv", True, False),),
    )
    checks = {
        c.code: c
        for c in care_checks([facts], date(2026, 7, 2), reminder_days=14, interval_months=6)
    }
    assert not checks[CheckCode.CARE_PLAN].ok
    assert not checks[CheckCode.IMPLEMENTATION_PLAN].ok
    assert checks[CheckCode.IMPLEMENTATION_PLAN].due_on == date(2026, 1, 19)
    assert not checks[CheckCode.FOLLOW_UP].ok and checks[CheckCode.FOLLOW_UP].due_on == date(
        2026, 7, 1
    )
    child = checks[CheckCode.SHELTER_CHILD]
    assert not child.ok and "saknar eget beslut" in child.text


def test_legal_grounds_are_data_and_offered_by_date() -> None:
    grounds = parse_legal_grounds(care_data("legal_grounds"))
    before = {g.code for g in grounds_for(grounds, date(2025, 6, 30), child=False)}
    after = {g.code for g in grounds_for(grounds, date(2025, 7, 1), child=False)}
    assert "sol2001_bistand" in before and "sol2001_bistand" not in after
    assert "sol2025_bistand" in after and "sol2025_bistand" not in before
    with pytest.raises(ValueError, match="unique"):
        parse_legal_grounds({"grounds": [{"code": "a", "label": "A"}, {"code": "a", "label": "B"}]})
    with pytest.raises(InvalidInput):
        from vinr_desktop.domain.decisions import check_ending

        check_ending(date(2026, 3, 1), None, date(2026, 2, 1), date(2026, 4, 1), "x")


def test_no_legal_ground_says_the_same_words_twice() -> None:
    """ "Insats utan individuell behovsprövning, socialtjänstlagen (2025:400), insatser utan
    individuell behovsprövning" repeated its label in its reference."""
    for ground in parse_legal_grounds(care_data("legal_grounds")):
        words = re.findall(r"\w+", ground.text.casefold())
        triples = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
        assert len(triples) == len(set(triples)), ground.text


# -- the next follow-up: the earliest of the review date, the end and the interval ------


def test_a_three_month_decision_is_followed_up_within_its_three_months() -> None:
    """ "3 månader, därefter omprövning": not the general six months."""
    start = date(2026, 3, 1)
    ends = date(2026, 5, 31)
    proposal = follow_up_proposal(start, 6, period_to=ends)
    assert proposal.on == ends and proposal.basis is ProposalBasis.PERIOD_END
    review = follow_up_proposal(start, 6, review_on=date(2026, 5, 15), period_to=ends)
    assert review.on == date(2026, 5, 15) and review.basis is ProposalBasis.REVIEW
    tie = follow_up_proposal(start, 6, review_on=ends, period_to=ends)
    assert tie.basis is ProposalBasis.REVIEW
    plain = follow_up_proposal(start, 6)
    assert plain.on == date(2026, 9, 1) and plain.basis is ProposalBasis.INTERVAL
    shorter = follow_up_proposal(start, 2, review_on=date(2026, 8, 1), period_to=None)
    assert shorter.on == date(2026, 5, 1) and shorter.basis is ProposalBasis.INTERVAL
    # After a follow-up held on the review date, that date is past and no longer counts.
    after = next_follow_up(date(2026, 5, 15), 6, review_on=date(2026, 5, 15), period_to=ends)
    assert after == ends
    assert next_follow_up(date(2026, 6, 1), 6, review_on=None, period_to=ends) == date(2026, 12, 1)


def test_the_follow_up_due_without_a_plan_date_comes_from_the_decision() -> None:
    start = date(2026, 3, 1)
    due = follow_up_due(
        start,
        6,
        last_proposed=None,
        plan_follow_up_on=None,
        review_on=date(2026, 6, 1),
        period_to=None,
    )
    assert due == date(2026, 6, 1)
    assert follow_up_overdue(
        InsatsState.RUNNING,
        start,
        date(2026, 6, 2),
        6,
        last_proposed=None,
        plan_follow_up_on=None,
        review_on=date(2026, 6, 1),
    )
    # A date the vårdplan or the last follow-up set is what the record says.
    assert follow_up_due(
        start,
        6,
        last_proposed=None,
        plan_follow_up_on=date(2026, 7, 1),
        review_on=date(2026, 6, 1),
    ) == date(2026, 7, 1)


def test_a_review_date_lies_inside_the_period() -> None:
    def draft(review: date | None) -> DecisionDraft:
        return DecisionDraft(
            outcome=DecisionOutcome.GRANTED,
            applied_on=date(2026, 2, 1),
            decided_on=date(2026, 2, 20),
            legal_ground="sol2025_bistand",
            insats_type="stodsamtal",
            provider_id="p",
            period_from=date(2026, 3, 1),
            period_to=date(2026, 5, 31),
            extent="3 månader, därefter omprövning",
            motivation="Fiktiv motivering.",
            review_on=review,
        )

    check_draft(draft(date(2026, 5, 31)))
    check_draft(draft(None))
    with pytest.raises(InvalidInput, match="efter periodens början"):
        check_draft(draft(date(2026, 3, 1)))
    with pytest.raises(InvalidInput, match="efter periodens slut"):
        check_draft(draft(date(2026, 6, 1)))
