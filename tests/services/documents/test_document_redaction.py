"""The whole document pipeline against a case built to leak (leaky_case.py): a protected client
with marker strings in her street, postal code, town, phone, e-mail and safe places; her child at
the same address without a level of her own; a protected relative in the register's own town; a
violent person with his own markers, all typed in many spellings into every free text. Every
document kind is made for every recipient it allows and read back with pypdf: no forbidden
marker anywhere, and what each recipient is meant to get is there (so the test can fail).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdf
import pytest

from tests.services.conftest import Env
from tests.services.documents.leaky_case import (
    KEEP,
    NEVER_DIGITS,
    NEVER_PATTERNS,
    NEVER_WORDS,
    VIOLENT_DIGITS,
    VIOLENT_WORDS,
    WORK_PHONE,
    Setup,
    build_leaky_case,
)
from tests.stores import Template
from tests.team import make_team
from vinr_desktop.domain.compliance_sample import Selection
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.redaction import DocumentKind, Recipient, recipients_for
from vinr_desktop.domain.scrubber import REMOVED, fold
from vinr_desktop.services.documents.pipeline import RenderedDocument
from vinr_desktop.views.audit import AuditFilter


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Setup]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("redaction") / "register")
    yield build_leaky_case(make_team(env))
    env.ctx.release()


def _make(setup: Setup, kind: DocumentKind, recipient: Recipient) -> RenderedDocument:
    docs = setup.team.services.documents
    if kind is DocumentKind.AUDIT_REPORT:
        setup.team.act_as("chef")
        try:
            return docs.audit_report(AuditFilter())
        finally:
            setup.team.act_as("anna")
    if kind in (DocumentKind.STATISTICS_REPORT, DocumentKind.COUNTY_REPORT):
        return _statistics(setup, kind)
    if kind is DocumentKind.COMPLIANCE:
        every = Selection(date(2000, 1, 1), date(2099, 12, 31), date(2026, 3, 2))
        return docs.compliance_report(setup.team.services.compliance.table(every), recipient)
    return docs.render(kind, setup.case_id, setup.objects[kind], recipient)


def _statistics(setup: Setup, kind: DocumentKind) -> RenderedDocument:
    from vinr_desktop.domain.statistics_facts import Period
    from vinr_desktop.services.documents.pipeline import county_document
    from vinr_desktop.services.statistics.county import indicator_file, merge
    from vinr_desktop.services.statistics.service import StatisticsService

    service = StatisticsService(setup.team.env.ctx)
    if kind is DocumentKind.STATISTICS_REPORT:
        return service.annual_report(Period.year(2026))
    page = service.page(Period.year(2026), published=True)
    made = "2027-01-15T09:00:00+00:00"
    return county_document(merge([("a.json", indicator_file(page, "2260", made))], made))


def _text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _leaks(text: str, words: tuple[str, ...], digits: tuple[str, ...]) -> list[str]:
    folded = fold(text)
    numbers = re.sub(r"[\s\-()+/.]", "", text)
    return [w for w in words if w in folded] + [d for d in digits if d in numbers]


CELLS = [(k, r) for k in DocumentKind for r in recipients_for(k)]


@pytest.mark.parametrize(("kind", "recipient"), CELLS, ids=[f"{k}-{r}" for k, r in CELLS])
def test_no_document_for_any_recipient_prints_a_protected_detail(
    setup: Setup, kind: DocumentKind, recipient: Recipient
) -> None:
    document = _make(setup, kind, recipient)
    text = _text(document.pdf)
    assert _leaks(text, NEVER_WORDS, NEVER_DIGITS) == []
    assert [p for p in NEVER_PATTERNS if re.search(p, text, re.IGNORECASE)] == []
    violent = _leaks(text, VIOLENT_WORDS, VIOLENT_DIGITS)
    if recipient in (Recipient.PROVIDER, Recipient.CLIENT):
        assert violent == []
    if kind in (DocumentKind.STATISTICS_REPORT, DocumentKind.COUNTY_REPORT):
        assert "Röjandeskydd" in text and "Sida 1 av" in text
        assert setup.number not in text and setup.client_name not in text  # counts only
        return
    if kind is DocumentKind.COMPLIANCE:  # no free text: answers, dates and case numbers
        assert (setup.number in text) is (recipient is Recipient.MANAGER)
        assert "Skyddat ärende" not in text  # the nämnd's version lists no case at all
        return
    # What is meant to be there is there.
    assert KEEP in text and REMOVED in text  # free text printed, its secrets removed
    assert "Sida 1 av" in text and document.document_id in text
    if kind is DocumentKind.AUDIT_REPORT:
        assert "Nödåtkomst" in text
        return
    assert setup.number in text
    assert setup.client_name in text or kind is DocumentKind.RISK_ASSESSMENT
    assert ("Telefon och e-post " + WORK_PHONE in text) is (
        recipient in (Recipient.PROVIDER, Recipient.CLIENT)
    )
    if kind is DocumentKind.CASE_SUMMARY:
        assert "Lilla Skyddadotter-Fiktiv" in text and "Adressen skyddas" in text
        assert "Kvinnojouren Exempelby" in text  # the register's own town stays
        assert "Valdemar Farligsson-Fiktiv" in text  # the file knows who he is ...
        assert "Hotfullgatan 5" in text  # ... and where he lives
    if kind is DocumentKind.ASSIGNMENT:
        assert "Kvinnojouren Exempelby" in text


def test_printing_and_saving_are_audited_with_codes_and_leave_one_file(
    setup: Setup, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from vinr_desktop.store.schema import AuditRow

    docs = setup.team.services.documents
    plan_id = setup.objects[DocumentKind.CARE_PLAN]
    document = docs.render(DocumentKind.CARE_PLAN, setup.case_id, plan_id, Recipient.PROVIDER)
    docs.record_output(
        setup.case_id,
        DocumentKind.CARE_PLAN,
        plan_id,
        Recipient.PROVIDER,
        "print",
        document.document_id,
    )
    decision = setup.objects[DocumentKind.ASSIGNMENT]
    with pytest.raises(InvalidInput, match="finns inte"):
        docs.record_output(
            setup.case_id, DocumentKind.CARE_PLAN, decision, Recipient.PROVIDER, "print"
        )
    with pytest.raises(InvalidInput, match="mottagaren"):
        docs.record_output(
            setup.case_id, DocumentKind.CASE_SUMMARY, setup.case_id, Recipient.PROVIDER, "save"
        )
    target = tmp_path / document.file_name
    docs.save_document(setup.case_id, document, target)
    assert target.read_bytes() == document.pdf
    assert [p.name for p in tmp_path.iterdir()] == [document.file_name]
    assert setup.number not in document.file_name and "Sigrid" not in document.file_name
    store = setup.team.env.ctx.require_store()
    with store.session() as session:
        rows = session.execute(
            select(AuditRow.action, AuditRow.object_id, AuditRow.reason)
            .where(AuditRow.case_id == setup.case_id)
            .order_by(AuditRow.seq.desc())
            .limit(2)
        ).all()
    reason = f"care_plan:provider:{document.document_id}"
    assert [tuple(r) for r in rows] == [
        ("document_saved", plan_id, reason),
        ("document_printed", plan_id, reason),
    ]
    log = setup.team.services.audit.case_log(setup.case_id).events
    words = f"Vårdplan, mottagare: utförare (dokument-id {document.document_id})"
    assert [(e.action_label, e.detail) for e in log[:2]] == [
        ("Sparade dokument som PDF", words),
        ("Skrev ut dokument", words),
    ]


def test_every_kind_goes_through_the_pipeline() -> None:
    """A kind is made either from a case (a spec: builder, check, renderer) or about the
    register (the log review, the årsrapport) or about indicator files (the county's
    sammanställning); there is no other way, and every renderer takes Redacted."""
    import inspect

    from vinr_desktop.services.documents.pipeline import case_kinds

    register_kinds = {
        DocumentKind.AUDIT_REPORT,
        DocumentKind.COMPLIANCE,
        DocumentKind.STATISTICS_REPORT,
        DocumentKind.COUNTY_REPORT,
    }
    assert case_kinds() | register_kinds == set(DocumentKind)
    from vinr_desktop.reports import (
        audit_report,
        care_documents,
        case_summary,
        insight_copy,
        risk_report,
        safety_plan_report,
        statistics_report,
        visit_plan,
    )

    renderers = [
        care_documents.render_care_plan,
        care_documents.render_assignment,
        care_documents.render_implementation_plan,
        care_documents.render_follow_up,
        case_summary.render,
        risk_report.render,
        safety_plan_report.render,
        audit_report.render,
        visit_plan.render,
        insight_copy.render,
        statistics_report.render_annual,
        statistics_report.render_county,
    ]
    for render in renderers:
        first = next(iter(inspect.signature(render).parameters.values()))
        assert str(first.annotation).startswith("Redacted["), render
