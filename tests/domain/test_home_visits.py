"""The home visit rules without a store: the plan's checks, the overdue rule, the check-out
entry and the small counts of the arbetsmiljö statistics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.home_visits import (
    Answer,
    Consent,
    Incident,
    RiskQuestion,
    VisitOutcome,
    VisitPlanInput,
    VisitStatus,
    check_outcome,
    check_plan,
    is_overdue,
    outcome_entry_text,
    risk_questions,
    small_count_text,
)
from vinr_desktop.resources import home_visit_data

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
QUESTIONS = (RiskQuestion("a", "A?"), RiskQuestion("b", "B?"))


def plan(**changes: object) -> VisitPlanInput:
    values: dict[str, object] = {
        "starts_at": START,
        "expected_back_at": START + timedelta(hours=2),
        "address": "",
        "purpose": "Samtal",
        "consent": Consent.GIVEN,
        "unannounced_reason": "",
        "companions": "",
        "risk_answers": {"a": Answer.NO, "b": Answer.UNKNOWN},
        "risk_note": "",
    }
    values.update(changes)
    return VisitPlanInput(**values)  # type: ignore[arg-type]


def test_the_bundled_risk_check_has_its_questions() -> None:
    ids = [q.id for q in risk_questions(home_visit_data("risk_check"))]
    assert {"violent_person_there", "weapons", "dogs", "earlier_threats"} <= set(ids)
    with pytest.raises(ValueError):
        risk_questions({"questions": [{"id": "x"}]})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"expected_back_at": START}, "efter besökets början"),
        ({"expected_back_at": START + timedelta(hours=17)}, "högst 16 timmar"),
        ({"purpose": "  "}, "syftet"),
        ({"consent": Consent.UNANNOUNCED}, "kräver ett skäl"),
        ({"risk_answers": {"a": Answer.YES}}, "riskkontrollen"),
    ],
)
def test_a_plan_that_cannot_be_saved_says_why(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_plan(plan(**changes), QUESTIONS)


def test_an_unannounced_visit_with_a_reason_is_a_plan() -> None:
    check_plan(plan(consent=Consent.UNANNOUNCED, unannounced_reason="Oro för barnen"), QUESTIONS)


def test_only_a_started_visit_past_its_time_is_overdue() -> None:
    back = (START + timedelta(hours=2)).isoformat()
    later = START + timedelta(hours=3)
    assert is_overdue(VisitStatus.STARTED, back, later)
    assert not is_overdue(VisitStatus.STARTED, back, START)
    assert not is_overdue(VisitStatus.HELD, back, later)
    assert not is_overdue(VisitStatus.PLANNED, back, later)


def test_the_check_out_entry_says_who_when_and_what_happened() -> None:
    quiet = VisitOutcome(True, START, "Klienten", Incident.NONE, "", "")
    assert outcome_entry_text(quiet, "11:00") == (
        "Hembesök genomfört.\nDeltagare: Klienten\nTillbaka: 11:00\nIngen incident under besöket."
    )
    with pytest.raises(InvalidInput, match="Beskriv"):
        check_outcome(VisitOutcome(True, START, "", Incident.VIOLENCE, " ", ""))
    missed = VisitOutcome(False, START, "", Incident.OTHER, "Ingen öppnade", "")
    assert outcome_entry_text(missed, "10:00").startswith("Hembesök inte genomfört.")
    assert "Incident: Annan händelse. Ingen öppnade" in outcome_entry_text(missed, "10:00")


def test_small_counts_are_not_shown() -> None:
    assert [small_count_text(n) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]
