"""The care document renderers on hand-made view models: what a model leaves out is not
printed, user text is shown as typed, and the long journal reports its progress."""

from __future__ import annotations

import io

import pypdf

from tests.reports.sealing import sealed
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.reports import case_summary
from vinr_desktop.reports.care_documents import render_care_plan
from vinr_desktop.views.care_documents import (
    CarePlanDocument,
    CaseSummaryDocument,
    JournalLine,
    PlanContent,
)
from vinr_desktop.views.documents import DocumentHead


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
        contact_details="0690-123 45, anna.ansvarigsson@exempelby.se"
        if recipient is Recipient.PROVIDER
        else None,
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
    doc = CarePlanDocument(_head(DocumentKind.CARE_PLAN), None, plan)
    text = _text(render_care_plan(sealed(doc, DocumentKind.CARE_PLAN)))
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
    text = _text(
        case_summary.render(
            sealed(doc, DocumentKind.CASE_SUMMARY), lambda done, total: steps.append((done, total))
        )
    )
    total = steps[-1][1]
    assert steps[0] == (0, total) and steps[-1] == (total, total)
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)
    assert len(steps) >= 4
    for n in (1, 50, 250):
        assert f"Anteckning {n}:" in text
    assert "Rättelse av anteckning 1" in text and "Rättad av en senare anteckning" in text


def test_the_signature_lines_never_stand_alone_on_a_page() -> None:
    """However long the plan, the lines to sign stay on the page of its last section."""
    pages_seen = set()
    for goals in range(0, 24):
        plan = PlanContent(
            version=1,
            signed_by="Anna Ansvarigsson-Fiktiv",
            signed_utc="2026-03-02T09:00:00+00:00",
            goals=tuple((f"Mål nummer {n} i planen", "Det syns i vardagen") for n in range(goals)),
            responsibilities=(("Utförare", "Håller samtalen."),),
            client_participation="Skrevs med klienten.",
            client_view="Vill ha förmiddagar.",
            children_needs="Barnen behöver egna samtal.",
            follow_up_on="2026-06-01",
            follow_up_how="Möte med klienten.",
        )
        doc = CarePlanDocument(_head(DocumentKind.CARE_PLAN, Recipient.PROVIDER), None, plan)
        pages = pypdf.PdfReader(io.BytesIO(render_care_plan(sealed(doc, DocumentKind.CARE_PLAN))))
        texts = [" ".join(p.extract_text().split()) for p in pages.pages]
        pages_seen.add(len(texts))
        signing = [t for t in texts if "Handläggare:" in t]
        assert len(signing) == 1, goals
        assert "Möte med klienten." in signing[0], goals  # with the last section, not alone
        assert "Telefon och e-post 0690-123 45, anna.ansvarigsson@exempelby.se" in texts[0]
    assert len(pages_seen) >= 2  # the loop crossed a page break
