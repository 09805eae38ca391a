"""The one document pipeline: every document the program makes, for a chosen recipient, as PDF
bytes, and the audited acts of printing or saving one.

    view model (a builder, through the policy) → Redactor.seal (the scrubber over every text)
    → reportlab (a renderer that accepts only Redacted[...]) → RenderedDocument

Each `DocumentKind` has one `_Spec`: how its view is built, how its object is checked, how it is
rendered. A kind without a spec cannot be made, and a renderer cannot be handed a view that did
not pass `seal` (domain/redaction.py). Making the bytes (for the preview) writes nothing and
leaves no file. Printing is recorded with `record_output(..., "print")` before the pages go to
the printer; saving (and printing to a file printer, which is the same thing) with "save":
`save_document` audits first and then writes the file atomically. Audit events hold ids and
codes only: `kind:recipient:document_id` in `reason`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.redaction import (
    RECIPIENT_LABELS,
    TITLE_KEYS,
    DocumentKind,
    Recipient,
    Redacted,
    Redactor,
    recipients_for,
)
from vinr_desktop.domain.scrubber import Scrubber
from vinr_desktop.reports import (
    care_documents,
    case_summary,
    compliance_report,
    insight_copy,
    risk_report,
    safety_plan_report,
    statistics_report,
)
from vinr_desktop.reports import letter as letter_report
from vinr_desktop.reports import visit_plan as visit_plan_report
from vinr_desktop.reports.audit_report import render
from vinr_desktop.resources import document_texts
from vinr_desktop.services.audit.review import AuditReviewService
from vinr_desktop.services.care.disclosure import require_basis
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.documents import care_builder as care
from vinr_desktop.services.documents import letter_builder as letters
from vinr_desktop.services.documents.compliance_builder import compliance_document
from vinr_desktop.services.documents.insight_builder import insight_document
from vinr_desktop.services.documents.redaction import case_redactor, register_redactor
from vinr_desktop.services.documents.risk_builder import assessment_document
from vinr_desktop.services.documents.safety_plan_builder import plan_document
from vinr_desktop.services.documents.summary_builder import case_summary_document
from vinr_desktop.services.documents.visit_plan_builder import visit_plan_document
from vinr_desktop.services.home_visits.rows import visit_of
from vinr_desktop.services.risk.assessment_read import visible_assessment
from vinr_desktop.services.risk.safety_plan_read import visible_plan
from vinr_desktop.store.care_schema import CarePlanRow, DecisionRow, FollowUpRow
from vinr_desktop.store.header import atomic_write
from vinr_desktop.store.insight_schema import InsightRequestRow

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork
    from vinr_desktop.views.audit import AuditFilter
    from vinr_desktop.views.compliance import ComplianceTable
    from vinr_desktop.views.statistics import CountyReport, StatisticsPage

Progress = Callable[[int, int], None]
OutputHow = Literal["print", "save"]
NO_OBJECT = "Dokumentet finns inte i ärendet."
# IT's policy.json says "pdf_export": "forbidden" (domain/it_policy.py).
FILE_EXPORT_FORBIDDEN = (
    "IT har stängt av att dokument sparas som filer (också via en skrivare som skriver till "
    "fil). Skriv ut på papper i stället."
)

# A file name suggestion per kind: never a name or a number from the case.
_FILE_WORDS: dict[DocumentKind, str] = {
    DocumentKind.CARE_PLAN: "vardplan",
    DocumentKind.ASSIGNMENT: "uppdrag",
    DocumentKind.IMPLEMENTATION_PLAN: "genomforandeplan",
    DocumentKind.FOLLOW_UP: "uppfoljning",
    DocumentKind.CASE_SUMMARY: "sammanstallning",
    DocumentKind.RISK_ASSESSMENT: "riskbedomning",
    DocumentKind.SAFETY_PLAN: "sakerhetsplan",
    DocumentKind.AUDIT_REPORT: "loggkontroll",
    DocumentKind.VISIT_PLAN: "besoksplan",
    DocumentKind.DECISION_LETTER: "beslutsmeddelande",
    DocumentKind.COMMUNICATION_LETTER: "kommunicering",
    DocumentKind.STATISTICS_REPORT: "arsrapport-statistik",
    DocumentKind.COUNTY_REPORT: "lanssammanstallning",
    DocumentKind.COMPLIANCE: "egenkontroll",
    DocumentKind.INSIGHT_COPY: "partsinsyn",
}
# Documents about the register rather than one case, and who may make them.
_REGISTER_KINDS: dict[DocumentKind, Action] = {
    DocumentKind.AUDIT_REPORT: Action.REVIEW_AUDIT_LOG,
    DocumentKind.COMPLIANCE: Action.VIEW_COMPLIANCE,
    DocumentKind.STATISTICS_REPORT: Action.VIEW_STATISTICS,
}
_RECIPIENT_WORDS: dict[Recipient, str] = {
    Recipient.PROVIDER: "utforare",
    Recipient.FILE: "akt",
    Recipient.MANAGER: "chef",
    Recipient.CLIENT: "klient",
    Recipient.BOARD: "namnd",
    Recipient.COLLEAGUE: "kollega",
}


@dataclass(frozen=True)
class RenderedDocument:
    """A document ready to preview, print or save. `title` is generic ("Vårdplan") and
    `file_name` a suggestion without anything from the case."""

    document_id: str
    kind: DocumentKind
    recipient: Recipient
    recipient_label: str
    case_id: str | None  # None for a document about the register (the log review)
    object_id: str  # the vårdplan, decision, follow-up, assessment, plan; the case; the report
    title: str
    file_name: str
    pdf: bytes


@dataclass(frozen=True)
class _Spec:
    """How one kind of case document is made: `build(work, red, object_id)` → view,
    `check(work, object_id)` raises InvalidInput unless the object is the case's and visible,
    `render(sealed, progress)` → PDF bytes."""

    build: Callable[[CaseWork, Redactor, str], Any]
    check: Callable[[CaseWork, str], object]
    render: Callable[[Redacted[Any], Progress | None], bytes]


@cache
def _specs() -> dict[DocumentKind, _Spec]:
    def owned(row_type: type[Any]) -> Callable[[CaseWork, str], object]:
        def check(work: CaseWork, object_id: str) -> object:
            row = work.session.get(row_type, object_id)
            if row is None or row.case_id != work.case.id:
                raise InvalidInput(NO_OBJECT)
            return row

        return check

    def the_case(work: CaseWork, object_id: str) -> object:
        if object_id != work.case.id:
            raise InvalidInput(NO_OBJECT)
        return work.case

    def plain(
        render: Callable[[Redacted[Any]], bytes],
    ) -> Callable[[Redacted[Any], Progress | None], bytes]:
        return lambda doc, _progress: render(doc)

    D = DocumentKind
    return {
        D.CARE_PLAN: _Spec(
            care.care_plan_document, owned(CarePlanRow), plain(care_documents.render_care_plan)
        ),
        D.ASSIGNMENT: _Spec(
            care.assignment_document, owned(DecisionRow), plain(care_documents.render_assignment)
        ),
        D.IMPLEMENTATION_PLAN: _Spec(
            care.implementation_document,
            owned(DecisionRow),
            plain(care_documents.render_implementation_plan),
        ),
        D.FOLLOW_UP: _Spec(
            care.follow_up_document, owned(FollowUpRow), plain(care_documents.render_follow_up)
        ),
        D.CASE_SUMMARY: _Spec(case_summary_document, the_case, case_summary.render),
        D.RISK_ASSESSMENT: _Spec(
            assessment_document, visible_assessment, plain(risk_report.render)
        ),
        D.SAFETY_PLAN: _Spec(plan_document, visible_plan, plain(safety_plan_report.render)),
        D.VISIT_PLAN: _Spec(visit_plan_document, visit_of, plain(visit_plan_report.render)),
        D.DECISION_LETTER: _Spec(
            letters.decision_letter_document, letters.signed_decision, plain(letter_report.render)
        ),
        D.COMMUNICATION_LETTER: _Spec(
            letters.communication_letter_document,
            letters.communication_in_case,
            plain(letter_report.render),
        ),
        D.INSIGHT_COPY: _Spec(
            insight_document, owned(InsightRequestRow), plain(insight_copy.render)
        ),
    }


def case_kinds() -> frozenset[DocumentKind]:
    """The kinds made from one case (the others are about the register)."""
    return frozenset(_specs())


class DocumentService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @staticmethod
    def recipients(kind: DocumentKind) -> tuple[tuple[Recipient, str], ...]:
        """Who a document of this kind can be made for: (recipient, label)."""
        return tuple((r, RECIPIENT_LABELS[r]) for r in recipients_for(kind))

    @staticmethod
    def title(kind: DocumentKind) -> str:
        """The kind's generic title ("Vårdplan"), as printed."""
        return document_texts()[TITLE_KEYS[kind]]

    def render(
        self,
        kind: DocumentKind,
        case_id: str,
        object_id: str,
        recipient: Recipient,
        progress: Progress | None = None,
    ) -> RenderedDocument:
        """A document of the case for `recipient`: the vårdplan, decision (uppdrag,
        genomförandeplan), follow-up, assessment or safety plan `object_id`, or the case itself
        (sammanställning). `progress(done, total)` is called from the calling (background)
        thread while a long document is laid out. Writes nothing."""
        spec = _specs().get(kind)
        if spec is None:
            raise InvalidInput("Dokumentet kan inte tas fram ur ett ärende.")
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            if recipient is Recipient.PROVIDER:
                decision = _decision_behind(work, spec.check(work, object_id))
                if decision is not None:
                    require_basis(work, decision)
            red = case_redactor(work, kind, recipient)
            sealed = red.seal(spec.build(work, red, object_id))
        head = sealed.view.head
        return _rendered(
            sealed, case_id, object_id, head.document_id, spec.render(sealed, progress)
        )

    def care_plan(self, case_id: str, plan_id: str, recipient: Recipient) -> RenderedDocument:
        """`render` of a vårdplan version (kept for the benchmarks' wording)."""
        return self.render(DocumentKind.CARE_PLAN, case_id, plan_id, recipient)

    def case_summary(
        self, case_id: str, recipient: Recipient = Recipient.FILE, progress: Progress | None = None
    ) -> RenderedDocument:
        """`render` of the case's Sammanställning (kept for the benchmarks' wording)."""
        return self.render(DocumentKind.CASE_SUMMARY, case_id, case_id, recipient, progress)

    def audit_report(self, wanted: AuditFilter) -> RenderedDocument:
        """The log review for the nämnd (loggkontroll), for the manager who reviews the log."""
        store, _user = self.ctx.require(Action.REVIEW_AUDIT_LOG)
        report = AuditReviewService(self.ctx).report(wanted)
        with store.session() as session:
            red = register_redactor(session, DocumentKind.AUDIT_REPORT, Recipient.BOARD)
        sealed = red.seal(report)
        document_id = report.document_id
        return _rendered(sealed, None, document_id, document_id, render(sealed))

    def statistics_report(self, page: StatisticsPage) -> RenderedDocument:
        """The årsrapport for the nämnd from a published (suppressed) Statistik page: sealed
        with the register's scrubber like every document, then drawn."""
        store, _user = self.ctx.require(Action.VIEW_STATISTICS)
        if page.exact:
            raise InvalidInput("Årsrapporten görs bara av publicerade (skyddade) siffror.")
        with store.session() as session:
            red = register_redactor(session, DocumentKind.STATISTICS_REPORT, Recipient.BOARD)
        sealed = red.seal(page)
        document_id = page.document_id
        return _rendered(
            sealed, None, document_id, document_id, statistics_report.render_annual(sealed)
        )

    def compliance_report(self, table: ComplianceTable, recipient: Recipient) -> RenderedDocument:
        """The egenkontroll the user made, for the unit (Recipient.MANAGER) or the nämnd."""
        store, _user = self.ctx.require(Action.VIEW_COMPLIANCE)
        with store.session() as session:
            red = register_redactor(session, DocumentKind.COMPLIANCE, recipient)
        sealed = red.seal(compliance_document(store, table, red))
        document_id = table.document_id
        return _rendered(sealed, None, document_id, document_id, compliance_report.render(sealed))

    def record_output(
        self,
        case_id: str | None,
        document_kind: DocumentKind,
        object_id: str,
        recipient: Recipient,
        how: OutputHow,
        document_id: str = "",
    ) -> None:
        """Audit a print ("print") or a save ("save": a file, also through a file printer) of a
        document before it leaves the program: document_printed / document_saved with
        `kind:recipient:document_id` (codes and ids only)."""
        if how not in ("print", "save"):
            raise ValueError(f"unknown output {how!r}")
        if how == "save" and self.ctx.it_policy.pdf_export == "forbidden":
            raise InvalidInput(FILE_EXPORT_FORBIDDEN)
        if recipient not in recipients_for(document_kind):
            raise InvalidInput("Dokumentet kan inte tas fram för den mottagaren.")
        action = "document_printed" if how == "print" else "document_saved"
        reason = f"{document_kind.value}:{recipient.value}:{document_id}"
        spec = _specs().get(document_kind)
        if (spec is None) != (case_id is None):
            raise InvalidInput(NO_OBJECT)
        if spec is None or case_id is None:  # the log review, the egenkontroll: the register
            store, user = self.ctx.require(_REGISTER_KINDS[document_kind])
            with store.session() as session:
                store.record(
                    session, user_id=user.user_id, action=action, object_id=object_id, reason=reason
                )
            return
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            spec.check(work, object_id)
            work.record(action, object_id=object_id, reason=reason)

    def save_document(self, case_id: str | None, document: RenderedDocument, path: Path) -> None:
        """Save a rendered document as a PDF file: audited first, then written atomically."""
        self.record_output(
            case_id,
            document.kind,
            document.object_id,
            document.recipient,
            "save",
            document.document_id,
        )
        atomic_write(path, document.pdf)


def _decision_behind(work: CaseWork, row: object) -> DecisionRow | None:
    """The decision a care document is about (its provider is the recipient), if any."""
    if isinstance(row, DecisionRow):
        return row
    if isinstance(row, CarePlanRow | FollowUpRow):
        return work.session.get(DecisionRow, row.decision_id)
    return None


def _rendered(
    sealed: Redacted[Any], case_id: str | None, object_id: str, document_id: str, pdf: bytes
) -> RenderedDocument:
    return RenderedDocument(
        document_id=document_id,
        kind=sealed.kind,
        recipient=sealed.recipient,
        recipient_label=RECIPIENT_LABELS[sealed.recipient],
        case_id=case_id,
        object_id=object_id,
        title=DocumentService.title(sealed.kind),
        file_name=f"{_FILE_WORDS[sealed.kind]}-{_RECIPIENT_WORDS[sealed.recipient]}-"
        f"{document_id[:8]}.pdf",
        pdf=pdf,
    )


def county_document(report: CountyReport) -> RenderedDocument:
    """The county's sammanställning as PDF: counts from indicator files only, no register and
    no person behind it, so its scrubber has no secrets; it still passes the one seal."""
    red = Redactor(DocumentKind.COUNTY_REPORT, Recipient.BOARD, Scrubber(()))
    sealed = red.seal(report)
    pdf = statistics_report.render_county(sealed)
    return _rendered(sealed, None, report.document_id, report.document_id, pdf)
