"""Case status moves, child-case steps, closing and correction rules, markers."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain import markers
from vinr_desktop.domain.cases import (
    CaseStatus,
    ChildSteps,
    PreliminaryOutcome,
    case_number,
    check_closing,
    check_transition,
    is_child,
    next_status,
    parse_closing_reasons,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.journal import (
    EntryDraft,
    EntryKind,
    SourceKind,
    check_correction,
    check_signable,
)
from vinr_desktop.resources import closing_reasons_data

ADULT = ChildSteps(False, False, None)
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("current", list(CaseStatus))
@pytest.mark.parametrize("target", list(CaseStatus))
def test_only_the_next_status_is_allowed_by_hand(current: CaseStatus, target: CaseStatus) -> None:
    allowed = {
        (CaseStatus.INTAKE, CaseStatus.INVESTIGATION),
        (CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION),
    }
    if (current, target) in allowed:
        check_transition(current, target, ADULT)
        assert next_status(current) is target
    else:
        with pytest.raises(InvalidInput):
            check_transition(current, target, ADULT)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (ChildSteps(True, False, None), "skyddsbedömningen"),
        (ChildSteps(True, True, None), "Förhandsbedömningen"),
        (ChildSteps(True, True, PreliminaryOutcome.NO_INVESTIGATION), "Förhandsbedömningen"),
    ],
)
def test_a_child_investigation_needs_both_first_steps(steps: ChildSteps, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_transition(CaseStatus.INTAKE, CaseStatus.INVESTIGATION, steps)
    check_transition(
        CaseStatus.INTAKE,
        CaseStatus.INVESTIGATION,
        ChildSteps(True, True, PreliminaryOutcome.OPEN_INVESTIGATION),
    )


def test_child_is_under_18_on_the_day() -> None:
    assert is_child(date(2008, 11, 24), TODAY)
    assert not is_child(date(2008, 11, 23), TODAY)
    assert not is_child(None, TODAY)


def test_case_number() -> None:
    assert case_number("VINR", 2026, 42) == "VINR-2026-0042"


def test_closing_reasons_come_from_resources_and_are_required() -> None:
    reasons = parse_closing_reasons(closing_reasons_data())
    assert [r.label for r in reasons][:2] == ["Övergripande mål uppnått", "Mål delvis uppnått"]
    assert {r.code for r in reasons if r.goal_reached} == {"goal_reached", "goal_partly_reached"}
    assert check_closing(reasons, "other", "Motivering").code == "other"
    with pytest.raises(InvalidInput):
        check_closing(reasons, "nonsense", "Motivering")
    with pytest.raises(InvalidInput):
        check_closing(reasons, "other", " ")


def _draft(**changes: object) -> EntryDraft:
    values: dict[str, object] = {
        "event_date": date(2026, 11, 20),
        "kind": EntryKind.PHONE,
        "source": SourceKind.CLIENT,
        "source_detail": "",
        "text": "Samtal.",
    }
    values.update(changes)
    return EntryDraft(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"event_date": None}, "datum"),
        ({"event_date": date(2026, 11, 24)}, "framtiden"),
        ({"source": None}, "uppgiftslämnare"),
        ({"source": SourceKind.AUTHORITY}, "vem"),
        ({"text": "  "}, "tom"),
        ({"kind": EntryKind.EVENT}, "programmet"),
    ],
)
def test_a_signed_entry_has_who_source_and_when(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_signable(_draft(**changes), TODAY)
    check_signable(_draft(), TODAY)


def test_correction_rules() -> None:
    assert check_correction(True, False, " Fel datum ") == "Fel datum"
    for signed, corrected, reason in ((False, False, "x"), (True, True, "x"), (True, False, "")):
        with pytest.raises(InvalidInput):
            check_correction(signed, corrected, reason)


def test_every_domain_marker_group_is_represented() -> None:
    groups = {m.group for m in markers.MARKERS}
    assert groups == set(markers.MarkerGroup)
    assert markers.added_text("violence_economic") == "Markering tillagd: ekonomiskt våld"
    assert len(markers.MARKER_BY_CODE) == len(markers.MARKERS)
