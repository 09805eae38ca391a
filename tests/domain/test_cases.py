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
    status_after_decision,
    steps_to,
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
    assert is_child(None, TODAY)  # unknown age: a child until the birth date is known


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


@pytest.mark.parametrize(
    ("current", "granting", "expected"),
    [
        (CaseStatus.INTAKE, True, CaseStatus.INTERVENTION),
        (CaseStatus.INTAKE, False, CaseStatus.INVESTIGATION),
        (CaseStatus.INVESTIGATION, True, CaseStatus.INTERVENTION),
        (CaseStatus.INVESTIGATION, False, None),
        (CaseStatus.INTERVENTION, True, None),
        (CaseStatus.INTERVENTION, False, None),
        (CaseStatus.CLOSED, True, None),
    ],
)
def test_a_signed_decision_says_how_far_the_case_has_come(
    current: CaseStatus, granting: bool, expected: CaseStatus | None
) -> None:
    """No "Aktualiserad — Nästa steg: Utredning" after an insats was granted."""
    assert status_after_decision(current, granting) is expected


def test_the_steps_forward_go_one_status_at_a_time() -> None:
    assert steps_to(CaseStatus.INTAKE, CaseStatus.INTERVENTION) == (
        CaseStatus.INVESTIGATION,
        CaseStatus.INTERVENTION,
    )
    assert steps_to(CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION) == (CaseStatus.INTERVENTION,)
    assert steps_to(CaseStatus.INTERVENTION, CaseStatus.INTERVENTION) == ()
    assert steps_to(CaseStatus.CLOSED, CaseStatus.INTERVENTION) == ()


def test_reporters_are_a_list_from_resources() -> None:
    """A kvinnojour, a school, health care and the police can all report a case."""
    from vinr_desktop.domain.cases import (
        IntakeKind,
        ReporterText,
        check_reporter,
        parse_reporter_kinds,
        reporter_choice,
    )
    from vinr_desktop.resources import reporter_kinds_data

    kinds = parse_reporter_kinds(reporter_kinds_data())
    labels = {k.code: k.label for k in kinds}
    for code in ("police", "school", "health_care", "womens_shelter", "person", "authority"):
        assert code in labels
    assert labels["womens_shelter"] == "Kvinnojour eller tjejjour"
    report = IntakeKind.REPORT
    assert check_reporter(kinds, report, "womens_shelter", "  ") == ("womens_shelter", "")
    assert check_reporter(kinds, report, "school", " Ängeskolan ") == ("school", "Ängeskolan")
    assert check_reporter(kinds, IntakeKind.APPLICATION, "none", "x") == ("none", "")
    with pytest.raises(InvalidInput, match="alltid en anmälare"):
        check_reporter(kinds, report, "none", "")
    with pytest.raises(InvalidInput, match="Skriv vem"):
        check_reporter(kinds, report, "person", " ")
    with pytest.raises(InvalidInput, match="Skriv vilken myndighet"):
        check_reporter(kinds, report, "authority", "")
    with pytest.raises(InvalidInput, match="Välj vem"):
        check_reporter(kinds, report, "granne", "x")
    school = reporter_choice(kinds, "school")
    assert school is not None and school.text is ReporterText.OPTIONAL
    assert school.words("Ängeskolan") == "Skola eller förskola (Ängeskolan)"
    assert school.words("") == "Skola eller förskola"
    authority = reporter_choice(kinds, "authority")
    assert authority is not None and authority.words("Polisen") == "Polisen"  # older cases
    none = reporter_choice(kinds, "none")
    assert none is not None and none.words("") == ""
    with pytest.raises(ValueError, match="unique"):
        parse_reporter_kinds({"kinds": [{"code": "none", "label": "A"}] * 2})
    with pytest.raises(ValueError, match="'none'"):
        parse_reporter_kinds({"kinds": [{"code": "police", "label": "Polisen"}]})
