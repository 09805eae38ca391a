"""Printing the care documents: choose the recipient, render through the runner, preview.

Every document goes through `DocumentPreviewDialog` with a `PreparedDocument` whose
`record_print` and `save` are the document service's audited calls. Where a document can be
made for several recipients (utförare, akt, chef, klient) a small dialog asks for whom first;
the recipient decides what the service leaves out. The Sammanställning of a long case shows a
progress dialog fed from the database thread through a queued Qt signal.
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
from vinr_desktop.services.documents import DocumentService, RenderedDocument
from vinr_desktop.ui.document_preview import DocumentPreviewDialog, PreparedDocument
from vinr_desktop.ui.operations import OperationRunner, show_error
from vinr_desktop.ui.widgets import heading, primary_button, styled_label

RECIPIENT_HINTS: dict[Recipient, str] = {
    Recipient.PROVIDER: "Utan klientens adress, våldsutövaren och klientens egna svar.",
    Recipient.CLIENT: "Utan adresser och uppgifter om våldsutövaren.",
    Recipient.FILE: "Allt i ärendet utom skyddade adressuppgifter.",
    Recipient.MANAGER: "Allt i ärendet utom skyddade adressuppgifter.",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("CarePrint", text)


class RecipientDialog(QDialog):
    """Who the document is for: one radio button per recipient the service offers."""

    chosen = Signal(object)  # Recipient

    def __init__(
        self,
        title: str,
        recipients: tuple[tuple[Recipient, str], ...],
        default: Recipient,
        parent: QWidget | None = None,
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
            hint = styled_label(tr(RECIPIENT_HINTS[recipient]), "muted")
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


def prepared(documents: DocumentService, case_id: str, doc: RenderedDocument) -> PreparedDocument:
    """The preview's document: its print and save are the service's audited calls."""

    def record_print() -> None:
        documents.record_output(
            case_id, doc.kind, doc.object_id, doc.recipient, "print", doc.document_id
        )

    def save(path: Path) -> None:
        documents.save_document(case_id, doc, path)

    return PreparedDocument(
        pdf=doc.pdf,
        title=doc.title,
        recipient=doc.recipient_label,
        file_name=doc.file_name,
        record_print=record_print,
        save=save,
    )


class CarePrinter(QObject):
    """Starts printing a document of one case from a parent widget; keeps the last dialogs
    (for tests and so they are not garbage collected)."""

    def __init__(
        self,
        documents: DocumentService,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._documents, self._runner, self._case_id, self._parent = (
            documents,
            runner,
            case_id,
            parent,
        )
        self.recipient_dialog: RecipientDialog | None = None
        self.preview: DocumentPreviewDialog | None = None
        self.progress: QProgressDialog | None = None
        self.steps: list[tuple[int, int]] = []  # the last summary's progress, as shown

    def start(
        self,
        kind: DocumentKind,
        title: str,
        render: Callable[[DocumentService, Recipient], RenderedDocument],
        default: Recipient = Recipient.PROVIDER,
    ) -> None:
        """Ask for the recipient where there is a choice, then render and preview."""
        recipients = self._documents.recipients(kind)
        if len(recipients) == 1:
            self._render(render, recipients[0][0])
            return
        dialog = RecipientDialog(title, recipients, default, self._parent)
        dialog.chosen.connect(lambda recipient: self._render(render, recipient))
        self.recipient_dialog = dialog
        dialog.open()

    def _render(
        self, render: Callable[[DocumentService, Recipient], RenderedDocument], to: Recipient
    ) -> None:
        documents = self._documents
        self._runner.run(
            lambda: render(documents, to),
            parent=self._parent,
            success=self._show,
            failure=lambda message: show_error(self._parent, message),
        )

    def _show(self, doc: RenderedDocument) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        preview = DocumentPreviewDialog(
            prepared(self._documents, self._case_id, doc), self._runner, self._parent
        )
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        preview.open()

    # -- the case summary, with progress ------------------------------------------------------

    def case_summary(self) -> None:
        """Sammanställning: for the file or the manager, with a progress dialog."""
        recipients = self._documents.recipients(DocumentKind.CASE_SUMMARY)
        dialog = RecipientDialog(tr("Sammanställning"), recipients, Recipient.FILE, self._parent)
        dialog.chosen.connect(self._summary_for)
        self.recipient_dialog = dialog
        dialog.open()

    def _summary_for(self, recipient: Recipient) -> None:
        progress = QProgressDialog(tr("Sammanställningen tas fram…"), "", 0, 0, self._parent)
        progress.setWindowTitle(tr("Sammanställning"))
        progress.setMinimumWidth(380)
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.steps = []
        reporter = _ProgressReporter(progress, self.steps)
        self.progress = progress
        documents, case_id = self._documents, self._case_id

        def render() -> RenderedDocument:
            return documents.case_summary(case_id, recipient, reporter.report)

        def failed(message: str) -> None:
            progress.close()
            self.progress = None
            show_error(self._parent, message)

        progress.show()
        self._runner.run(render, parent=self._parent, success=self._show, failure=failed)


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
        self._dialog.setLabelText(tr("Sammanställningen tas fram… {0} %").format(percent))
