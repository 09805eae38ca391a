"""Printing any document: choose the recipient, render through the runner, preview.

The one way the UI makes a document, for every kind (vårdplan, uppdrag, genomförandeplan,
uppföljning, sammanställning, riskbedömning, säkerhetsplan, loggkontroll). Every document goes
through `DocumentPreviewDialog` with a `PreparedDocument` whose `record` and `save` are the
document service's audited calls. Where a document can be made for several recipients
(utförare, akt, chef, klient) the one `RecipientDialog` asks for whom first; the recipient
decides what the service leaves out. The Sammanställning of a long case shows a progress
dialog fed from the database thread through a queued Qt signal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.documents.pipeline import (
    DocumentService,
    OutputHow,
    Progress,
    RenderedDocument,
)
from vinr_desktop.ui.common.document_preview import DocumentPreviewDialog, PreparedDocument
from vinr_desktop.ui.common.operations import OperationRunner, show_error
from vinr_desktop.ui.common.widgets import heading, primary_button, styled_label

RECIPIENT_HINTS: dict[Recipient, str] = {
    Recipient.PROVIDER: "Utan klientens adress, våldsutövaren och klientens egna svar.",
    Recipient.CLIENT: "Utan adresser och uppgifter om våldsutövaren.",
    Recipient.FILE: "Allt i ärendet utom skyddade adressuppgifter.",
    Recipient.MANAGER: "Allt i ärendet utom skyddade adressuppgifter.",
    Recipient.BOARD: "Händelser och granskning, inga uppgifter ur ärenden.",
    Recipient.COLLEAGUE: "Tid, plats och riskkontroll; aldrig en skyddad adress.",
}
# Where a kind's recipients differ from the usual: what each version holds.
KIND_HINTS: dict[tuple[DocumentKind, Recipient], str] = {
    (
        DocumentKind.COMPLIANCE,
        Recipient.MANAGER,
    ): "Enhetens eget: exakta antal och svaren i detalj.",
    (DocumentKind.COMPLIANCE, Recipient.BOARD): (
        "Antal 1–4 visas som ”< 5”, skyddade ärenden bara med kod, inga detaljer."
    ),
}
SLOW_KINDS = frozenset({DocumentKind.CASE_SUMMARY})  # shown with a progress dialog


def tr(text: str) -> str:
    return QCoreApplication.translate("DocumentPrint", text)


class RecipientDialog(QDialog):
    """Who the document is for: one radio button per recipient the service offers."""

    chosen = Signal(object)  # Recipient

    def __init__(
        self,
        title: str,
        recipients: tuple[tuple[Recipient, str], ...],
        default: Recipient,
        parent: QWidget | None = None,
        kind: DocumentKind | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("Skriv ut – {0}").format(title))
        self.group = QButtonGroup(self)
        self.buttons: dict[Recipient, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Vem är dokumentet till?"), 3))
        for recipient, label in recipients:
            button = QRadioButton(label)
            self.group.addButton(button)
            self.buttons[recipient] = button
            layout.addWidget(button)
            words = KIND_HINTS.get((kind, recipient), RECIPIENT_HINTS[recipient]) if kind else ""
            hint = styled_label(tr(words or RECIPIENT_HINTS[recipient]), "muted")
            hint.setContentsMargins(24, 0, 0, 4)
            layout.addWidget(hint)
        self.buttons.get(default, next(iter(self.buttons.values()))).setChecked(True)
        self.ok_button = primary_button(tr("Förhandsgranska"))
        cancel = QPushButton(tr("Avbryt"))
        cancel.setAutoDefault(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.ok_button)
        layout.addLayout(row)
        self.setMinimumWidth(420)
        self.ok_button.clicked.connect(self._ok)
        cancel.clicked.connect(self.reject)

    def recipient(self) -> Recipient:
        return next(r for r, b in self.buttons.items() if b.isChecked())

    def choose(self, recipient: Recipient) -> None:
        self.buttons[recipient].setChecked(True)

    def _ok(self) -> None:
        recipient = self.recipient()
        self.accept()
        self.chosen.emit(recipient)


def prepared(documents: DocumentService, doc: RenderedDocument) -> PreparedDocument:
    """The preview's document: its print and save are the service's audited calls."""

    def record(how: OutputHow) -> None:
        documents.record_output(
            doc.case_id, doc.kind, doc.object_id, doc.recipient, how, doc.document_id
        )

    def save(path: Path) -> None:
        documents.save_document(doc.case_id, doc, path)

    return PreparedDocument(
        pdf=doc.pdf,
        title=doc.title,
        recipient=doc.recipient_label,
        file_name=doc.file_name,
        record=record,
        save=save,
        file_export=documents.ctx.it_policy.pdf_export,
    )


Render = Callable[[Recipient, Progress], RenderedDocument]


class DocumentPrinter(QObject):
    """Starts making a document from a parent widget: the recipient, the rendering in the
    background, the preview. Keeps the last dialogs (for tests and so they are not garbage
    collected)."""

    def __init__(self, documents: DocumentService, runner: OperationRunner, parent: QWidget):
        super().__init__(parent)
        self._documents, self._runner, self._parent = documents, runner, parent
        self.recipient_dialog: RecipientDialog | None = None
        self.preview: DocumentPreviewDialog | None = None
        self.progress: QProgressDialog | None = None
        self.steps: list[tuple[int, int]] = []  # the last slow document's progress, as shown

    def case_document(
        self,
        kind: DocumentKind,
        case_id: str,
        object_id: str,
        default: Recipient | None = None,
    ) -> None:
        """A document of a case: the vårdplan, decision, follow-up, assessment or plan
        `object_id`, or the case itself for the Sammanställning."""
        documents = self._documents

        def render(recipient: Recipient, progress: Progress) -> RenderedDocument:
            return documents.render(kind, case_id, object_id, recipient, progress)

        self.start(kind, render, default)

    def start(self, kind: DocumentKind, render: Render, default: Recipient | None = None) -> None:
        """Ask for the recipient where there is a choice, then render and preview."""
        recipients = self._documents.recipients(kind)
        if len(recipients) == 1:
            self._render(kind, render, recipients[0][0])
            return
        title = self._documents.title(kind)
        dialog = RecipientDialog(title, recipients, default or recipients[0][0], self._parent, kind)
        dialog.chosen.connect(lambda recipient: self._render(kind, render, recipient))
        self.recipient_dialog = dialog
        dialog.open()

    def _render(self, kind: DocumentKind, render: Render, to: Recipient) -> None:
        report: Progress = _unreported
        progress = None
        if kind in SLOW_KINDS:
            progress = self._progress_dialog(self._documents.title(kind))
            report = _ProgressReporter(progress, self.steps).report

        def failed(message: str) -> None:
            if progress is not None:
                progress.close()
                self.progress = None
            show_error(self._parent, message)

        self._runner.run(
            lambda: render(to, report), parent=self._parent, success=self._show, failure=failed
        )

    def _progress_dialog(self, title: str) -> QProgressDialog:
        progress = QProgressDialog(tr("Dokumentet tas fram…"), "", 0, 0, self._parent)
        progress.setWindowTitle(title)
        progress.setMinimumWidth(380)
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.steps.clear()
        self.progress = progress
        progress.show()
        return progress

    def _show(self, doc: RenderedDocument) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        preview = DocumentPreviewDialog(prepared(self._documents, doc), self._runner, self._parent)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        preview.open()


def _unreported(_done: int, _total: int) -> None:
    """Progress of a quick document: nobody is shown it."""


class _ProgressReporter(QObject):
    """Called on the database thread; the signal is queued to the dialog on the UI thread."""

    step = Signal(int, int)

    def __init__(self, dialog: QProgressDialog, shown: list[tuple[int, int]]) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._shown = shown
        self.step.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, done: int, total: int) -> None:
        self.step.emit(done, total)

    def _show(self, done: int, total: int) -> None:
        self._shown.append((done, total))
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, max(total, 1)))
        percent = round(100 * done / max(total, 1))
        self._dialog.setLabelText(tr("Dokumentet tas fram… {0} %").format(percent))
