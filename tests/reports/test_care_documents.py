"""The care document renderers on hand-made view models: what a model leaves out is not
printed, user text is shown as typed, and the long journal reports its progress."""

from __future__ import annotations

import io

import pypdf

from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.reports import case_summary
from vinr_desktop.reports.care_documents import render_care_plan
from vinr_desktop.services.care_document_views import (
    CarePlanDocument,
    CaseSummaryDocument,
    DocumentHead,
    JournalLine,
    PlanContent,
)


def _head(kind: DocumentKind, recipient: Recipient = Recipient.FILE) -> DocumentHead:
    return DocumentHead(
        document_id="d0c1d2e3f4a5b6c7",
        kind=kind,
        title="Vårdplan" if kind is DocumentKind.CARE_PLAN else "Sammanställning",
        recipient=recipient,
        recipient_label="Utförare" if recipient is Recipient.PROVIDER else "Akt",
        municipality="Exempelby kommun (fiktiv)",
        unit="VINR-enheten (fiktiv)",
        case_number="VINR-2026-0042",
        client_name="Łucja Ćwik-Nguyễn",
        client_identity="Född 1990-07-03",
        client_contact=None,
        contact_person="Anna Ansvarigsson-Fiktiv",
        printed_by="Anna Ansvarigsson-Fiktiv",
        printed_utc="2026-03-02T09:00:00+00:00",
    )


def _text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def test_a_care_plan_prints_what_its_model_holds_and_nothing_else() -> None:
    plan = PlanContent(
        version=2,
        signed_by="Anna Ansvarigsson-Fiktiv",
        signed_utc="2026-03-02T09:00:00+00:00",
        goals=(("Trygg <b> & co", "Hon säger det själv"),),
        responsibilities=None,
        client_participation="Skrevs med klienten.",
        client_view=None,
        children_needs=None,
        follow_up_on="2026-06-01",
        follow_up_how=None,
    )
    text = _text(render_care_plan(CarePlanDocument(_head(DocumentKind.CARE_PLAN), None, plan)))
    assert "Łucja Ćwik-Nguyễn" in text and "Trygg <b> & co" in text
    assert "Version 2, signerad 2026-03-02" in text
    for absent in ("Vem gör vad", "Klientens egna synpunkter", "Barnens behov", "Insats"):
        assert absent not in text


def test_the_summary_reports_progress_and_keeps_every_entry() -> None:
    words = "samtal om boendet och barnens skola " * 40
    journal = tuple(
        JournalLine(
            event_date=f"2026-01-{n % 28 + 1:02d}",
            kind_label="Telefonsamtal",
            source_text="Klienten",
            author="Anna Ansvarigsson-Fiktiv",
            text=f"Anteckning {n}: {words if n % 50 == 0 else 'kort'}",
            correction_of=1 if n == 2 else None,
            corrected=n == 1,
            number=n,
        )
        for n in range(1, 251)
    )
    doc = CaseSummaryDocument(
        _head(DocumentKind.CASE_SUMMARY),
        (("Ärendenummer", "VINR-2026-0042"),),
        (),
        (),
        (),
        (),
        (),
        journal,
    )
    steps: list[tuple[int, int]] = []
    text = _text(case_summary.render(doc, lambda done, total: steps.append((done, total))))
    total = steps[-1][1]
    assert steps[0] == (0, total) and steps[-1] == (total, total)
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)
    assert len(steps) >= 4
    for n in (1, 50, 250):
        assert f"Anteckning {n}:" in text
    assert "Rättelse av anteckning 1" in text and "Rättad av en senare anteckning" in text
