"""The assessment PDF rendered from its view model and read back: a draft is marked as one, an
external result shows its fields, and without a count there is no support line."""

from __future__ import annotations

import io

import pypdf

from tests.reports.sealing import sealed
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.reports import risk_report
from vinr_desktop.views.documents import AssessmentDocument, DocumentHead

HEAD = DocumentHead(
    document_id="RB-TEST-0001",
    kind=DocumentKind.RISK_ASSESSMENT,
    title="Riskbedömning",
    recipient=Recipient.FILE,
    recipient_label="Akt",
    municipality="Exempelby kommun (fiktiv)",
    unit="VINR-enheten (fiktiv)",
    case_number="VINR-2026-0007",
    client_name="Testa Testsson-Fiktiv",
    client_identity=None,
    client_contact=None,
    contact_person=None,
    contact_details=None,
    printed_by="Anna Ansvarigsson-Fiktiv",
    printed_utc="2026-03-02T09:00:00+00:00",
    draft=True,
)
REPORT = AssessmentDocument(
    head=HEAD,
    instrument_title="Resultat från externt bedömningsinstrument (version 1)",
    publisher="VINR Desktop",
    about="Testa Testsson-Fiktiv (huvudperson)",
    protected_person=False,
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
    text = _text(risk_report.render(sealed(REPORT, DocumentKind.RISK_ASSESSMENT)))
    assert "UTKAST – inte signerad" in text
    assert "Samlad risknivå enligt bedömningen: Inte vald" in text
    assert "Instrument SARA:SV" in text and "Gjord av Polisen i Demoby (fiktiv)" in text
    assert "<b>Kontakt</b> med polisen & kvinnojouren" in text  # user text as typed
    assert "Stöd:" not in text and "Frågor och svar" not in text
    assert "Skyddsfaktorer" not in text  # empty, and an external result has no checklist
    assert "Mottagare: Akt" in text and "Sida 1 av 1" in text
    assert "VINR-2026-0007" in text and "RB-TEST-0001" in text
