"""The care documents of a case as PDF bytes, for a chosen recipient, and the audited acts of
printing or saving one.

Making the bytes (for the preview) writes nothing and leaves no file. Printing is recorded with
`record_output(..., how="print")` before the pages go to the printer; saving goes through
`save_document`, which audits first and then writes the file atomically (temp file, fsync,
rename: no half-written or unencrypted temp file is left behind). Audit events hold ids and
codes only: the document's kind, the recipient and the document id in `reason`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.redaction import (
    RECIPIENT_LABELS,
    DocumentKind,
    Recipient,
    recipients_for,
)
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

Progress = Callable[[int, int], None]
OutputHow = Literal["print", "save"]

# A file name suggestion per kind: never a name or a number from the case.
_FILE_WORDS: dict[DocumentKind, str] = {
    DocumentKind.CARE_PLAN: "vardplan",
    DocumentKind.ASSIGNMENT: "uppdrag",
    DocumentKind.IMPLEMENTATION_PLAN: "genomforandeplan",
    DocumentKind.FOLLOW_UP: "uppfoljning",
    DocumentKind.CASE_SUMMARY: "sammanstallning",
}
_RECIPIENT_WORDS: dict[Recipient, str] = {
    Recipient.PROVIDER: "utforare",
    Recipient.FILE: "akt",
    Recipient.MANAGER: "chef",
    Recipient.CLIENT: "klient",
}


@dataclass(frozen=True)
class RenderedDocument:
    """A document ready to preview, print or save. `title` is generic ("Vårdplan") and
    `file_name` a suggestion without anything from the case."""

    document_id: str
    kind: DocumentKind
    recipient: Recipient
    recipient_label: str
    object_id: str  # the vårdplan, decision or follow-up; the case for a summary
    title: str
    file_name: str
    pdf: bytes


class DocumentService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @staticmethod
    def recipients(kind: DocumentKind) -> tuple[tuple[Recipient, str], ...]:
        """Who a document of this kind can be made for: (recipient, label)."""
        return tuple((r, RECIPIENT_LABELS[r]) for r in recipients_for(kind))

    def care_plan(self, case_id: str, plan_id: str, recipient: Recipient) -> RenderedDocument:
        """A vårdplan version (a draft is marked as such)."""
        from vinr_desktop.reports.care_documents import render_care_plan
        from vinr_desktop.services.care_document_models import care_plan_document

        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            doc = care_plan_document(work, plan_id, recipient)
        return _rendered(doc.head, plan_id, render_care_plan(doc))

    def assignment(self, case_id: str, decision_id: str, recipient: Recipient) -> RenderedDocument:
        """Uppdrag: the assignment letter to the provider of a granted insats."""
        from vinr_desktop.reports.care_documents import render_assignment
        from vinr_desktop.services.care_document_models import assignment_document

        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            doc = assignment_document(work, decision_id, recipient)
        return _rendered(doc.head, decision_id, render_assignment(doc))

    def implementation_plan(
        self, case_id: str, decision_id: str, recipient: Recipient
    ) -> RenderedDocument:
        """The genomförandeplan as registered (status, activities)."""
        from vinr_desktop.reports.care_documents import render_implementation_plan
        from vinr_desktop.services.care_document_models import implementation_document

        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            doc = implementation_document(work, decision_id, recipient)
        return _rendered(doc.head, decision_id, render_implementation_plan(doc))

    def follow_up(self, case_id: str, follow_up_id: str, recipient: Recipient) -> RenderedDocument:
        """The record of one follow-up."""
        from vinr_desktop.reports.care_documents import render_follow_up
        from vinr_desktop.services.care_document_models import follow_up_document

        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            doc = follow_up_document(work, follow_up_id, recipient)
        return _rendered(doc.head, follow_up_id, render_follow_up(doc))

    def case_summary(
        self,
        case_id: str,
        recipient: Recipient = Recipient.FILE,
        progress: Progress | None = None,
    ) -> RenderedDocument:
        """Sammanställning for the file or the manager. `progress(done, total)` is called from
        the calling (background) thread while the document is laid out."""
        from vinr_desktop.reports.case_summary import render
        from vinr_desktop.services.documents_summary import case_summary_document

        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            doc = case_summary_document(work, recipient)
        return _rendered(doc.head, case_id, render(doc, progress))

    def record_output(
        self,
        case_id: str,
        document_kind: DocumentKind,
        object_id: str,
        recipient: Recipient,
        how: OutputHow,
        document_id: str = "",
    ) -> None:
        """Audit a print ("print") or a save ("save") of a document of the case, before it
        leaves the program: document_printed / document_saved with the kind, the recipient and
        the document id (codes and ids only)."""
        if how not in ("print", "save"):
            raise ValueError(f"unknown output {how!r}")
        if (document_kind, recipient) not in {
            (k, r) for k in DocumentKind for r in recipients_for(k)
        }:
            raise InvalidInput("Dokumentet kan inte tas fram för den mottagaren.")
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            _check_object(work, document_kind, object_id)
            work.record(
                "document_printed" if how == "print" else "document_saved",
                object_id=object_id,
                reason=f"{document_kind.value}:{recipient.value}:{document_id}",
            )

    def save_document(self, case_id: str, document: RenderedDocument, path: Path) -> None:
        """Save a rendered document as a PDF file: audited first, then written atomically."""
        from vinr_desktop.store.header import atomic_write

        self.record_output(
            case_id,
            document.kind,
            document.object_id,
            document.recipient,
            "save",
            document.document_id,
        )
        atomic_write(path, document.pdf)


def _check_object(work: CaseWork, kind: DocumentKind, object_id: str) -> None:
    """The document's object belongs to the case (the audit names only real things)."""
    from vinr_desktop.store.care_schema import CarePlanRow, DecisionRow, FollowUpRow

    row: CarePlanRow | DecisionRow | FollowUpRow | None
    if kind is DocumentKind.CASE_SUMMARY:
        found = object_id == work.case.id
    else:
        if kind is DocumentKind.CARE_PLAN:
            row = work.session.get(CarePlanRow, object_id)
        elif kind is DocumentKind.FOLLOW_UP:
            row = work.session.get(FollowUpRow, object_id)
        else:
            row = work.session.get(DecisionRow, object_id)
        found = row is not None and row.case_id == work.case.id
    if not found:
        raise InvalidInput("Dokumentet finns inte i ärendet.")


def _rendered(head: object, object_id: str, pdf: bytes) -> RenderedDocument:
    from vinr_desktop.services.care_document_views import DocumentHead

    assert isinstance(head, DocumentHead)
    return RenderedDocument(
        document_id=head.document_id,
        kind=head.kind,
        recipient=head.recipient,
        recipient_label=head.recipient_label,
        object_id=object_id,
        title=head.title,
        file_name=f"{_FILE_WORDS[head.kind]}-{_RECIPIENT_WORDS[head.recipient]}-"
        f"{head.document_id[:8]}.pdf",
        pdf=pdf,
    )
