"""Assessment rules: support count, what signing needs, the next date, the case flag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.instruments import Instrument, RiskLevel
from vinr_desktop.domain.risk import (
    Answer,
    AssessmentDraft,
    ContactState,
    check_draft,
    check_signable,
    due_date,
    flag_text,
    missing_for_signing,
    needs_assessment,
    support_count,
)
from vinr_desktop.domain.risk_instrument_check import parse_instrument_bytes
from vinr_desktop.resources import instrument_files

TODAY = date(2026, 3, 2)


def _instrument(instrument_id: str) -> Instrument:
    for _name, data in instrument_files():
        instrument = parse_instrument_bytes(data)
        if instrument.instrument_id == instrument_id:
            return instrument
    raise AssertionError(instrument_id)


def test_support_counts_risk_answers_only_and_ignores_unanswered() -> None:
    checklist = _instrument("vinr-riskfaktorer")
    answers = {
        "vapen": Answer("ja"),
        "dodshot": Answer("ja", "Sa det i januari"),
        "strypning": Answer("nej"),
        "okning": Answer("vet_ej"),
        "gravid": Answer("ej_besvarad"),
    }
    support = support_count(checklist, answers)
    assert support is not None
    assert (support.risk_answers, support.items, support.answered) == (2, 14, 4)
    assert support.text == "Stöd: 2 av 14 riskfaktorer besvarade ja"
    assert support_count(_instrument("skyddsbedomning-barn"), {}) is None  # summary: none


def test_signing_lists_everything_missing() -> None:
    checklist = _instrument("vinr-riskfaktorer")
    missing = missing_for_signing(checklist, AssessmentDraft(assessed_on=TODAY), TODAY)
    assert missing == [
        "Välj bedömd risk: låg, medel eller hög.",
        "Skriv en motivering.",
        "Skriv den utsattas egen bedömning av risken.",
    ]
    ready = AssessmentDraft(
        assessed_on=TODAY,
        judgement=RiskLevel.HIGH,
        motivation="Dödshot och tillgång till vapen.",
        victim_level=RiskLevel.HIGH,
    )
    check_signable(checklist, ready, TODAY)
    with pytest.raises(InvalidInput) as refused:
        check_signable(checklist, AssessmentDraft(assessed_on=TODAY + timedelta(days=1)), TODAY)
    assert "framtiden" in refused.value.message and "motivering" in refused.value.message


def test_mandatory_items_and_external_fields() -> None:
    child = _instrument("skyddsbedomning-barn")
    missing = missing_for_signing(child, AssessmentDraft(assessed_on=TODAY), TODAY)
    assert 'Besvara frågan "Behöver barnet skydd omedelbart?".' in missing
    external = _instrument("externt-resultat")
    draft = AssessmentDraft(
        assessed_on=TODAY,
        judgement=RiskLevel.MEDIUM,
        field_values={"instrument": "Något annat", "datum": "2026-13-01", "gjord_av": "Polisen"},
    )
    assert missing_for_signing(external, draft, TODAY) == [
        "Instrument: välj ett av alternativen.",
        "Datum för bedömningen: skriv datumet som ÅÅÅÅ-MM-DD.",
    ]


def test_a_draft_with_unknown_items_or_options_is_refused() -> None:
    checklist = _instrument("vinr-riskfaktorer")
    with pytest.raises(InvalidInput):
        check_draft(checklist, AssessmentDraft(answers={"finns_inte": Answer("ja")}))
    with pytest.raises(InvalidInput):
        check_draft(checklist, AssessmentDraft(answers={"vapen": Answer("kanske")}))


def test_reassessment_date_is_signing_date_plus_interval() -> None:
    assert due_date(TODAY, _instrument("vinr-riskfaktorer")) == date(2026, 5, 31)  # 90 days
    assert due_date(TODAY, _instrument("skyddsbedomning-barn")) == date(2026, 3, 16)


def test_the_next_assessment_follows_the_judged_level() -> None:
    """A "hög" judgement is not left for 90 days: version 2 of the checklist says 30."""
    shipped = [parse_instrument_bytes(d) for _n, d in instrument_files()]
    checklist = next(
        i for i in shipped if i.instrument_id == "vinr-riskfaktorer" and i.version == 2
    )
    assert due_date(TODAY, checklist, RiskLevel.HIGH) == date(2026, 4, 1)
    assert due_date(TODAY, checklist, RiskLevel.MEDIUM) == date(2026, 5, 1)
    assert due_date(TODAY, checklist, RiskLevel.LOW) == date(2026, 5, 31)
    assert due_date(TODAY, checklist) == date(2026, 5, 31)


def test_the_flag_rule() -> None:
    yes, no, unknown = ContactState.YES, ContactState.NO, ContactState.UNKNOWN
    assert needs_assessment(yes, None, TODAY)  # contact and no assessment at all
    assert needs_assessment(yes, TODAY, TODAY)  # the newest ran out today
    assert needs_assessment(yes, TODAY - timedelta(days=1), TODAY)
    assert not needs_assessment(yes, TODAY + timedelta(days=1), TODAY)
    assert not any(needs_assessment(c, None, TODAY) for c in (no, unknown, None))
    assert "ingen riskbedömning" in flag_text(yes, None, TODAY)
    assert "2026-03-01" in flag_text(yes, date(2026, 3, 1), TODAY)
    assert flag_text(no, None, TODAY) == ""
