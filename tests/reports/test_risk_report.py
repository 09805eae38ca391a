"""The assessment PDF rendered from its view model and read back: a draft is marked as one, an
external result shows its fields, and without a count there is no support line."""

from __future__ import annotations

import io

import pypdf

from vinr_desktop.reports import risk_report
from vinr_desktop.services.risk_views import AssessmentReport, Recipient

REPORT = AssessmentReport(
    document_id="RB-TEST-0001",
    municipality="Exempelby kommun (fiktiv)",
    unit="VINR-enheten (fiktiv)",
    recipient=Recipient.FILE,
    case_number="VINR-2026-0007",
    instrument_title="Resultat från externt bedömningsinstrument (version 1)",
    publisher="VINR Desktop",
    about="Testa Testsson-Fiktiv (huvudperson)",
    author="Anna Ansvarigsson-Fiktiv",
    assessed_on="2026-03-01",
    signed_utc=None,
    judgement_caption="Samlad risknivå enligt bedömningen",
    judgement="",
    motivation="",
    victim_estimate="",
    victim_level="",
    protective_factors="",
    actions="<b>Kontakt</b> med polisen & kvinnojouren",
    next_assessment_on="",
    support_text="",
    sections=(),
    fields=(("Instrument", "SARA:SV"), ("Gjord av", "Polisen i Demoby (fiktiv)")),
    licence="Egen text.",
)


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_draft_external_result_reads_back() -> None:
    text = _text(
        risk_report.render(
            REPORT, "Anna Ansvarigsson-Fiktiv", printed_utc="2026-03-02T09:00:00+00:00"
        )
    )
    assert "UTKAST – inte signerad" in text
    assert "Samlad risknivå enligt bedömningen: Inte vald" in text
    assert "Instrument SARA:SV" in text and "Gjord av Polisen i Demoby (fiktiv)" in text
    assert "<b>Kontakt</b> med polisen & kvinnojouren" in text  # user text as typed
    assert "Stöd:" not in text and "Frågor och svar" not in text
    assert "Skyddsfaktorer" not in text  # empty, and an external result has no checklist
    assert "Mottagare: Akten" in text and "Sida 1 av 1" in text
