"""Klientvy: the client's own vårdplan or follow-up on the whole screen, in large text, as the
document for the client recipient (no journal, nothing about the violent person). Nothing can
be printed or saved from here; it is only shown."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.domain.redaction import Recipient
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.documents.pipeline import RenderedDocument
from vinr_desktop.services.home_visits.client_view import ClientDocument, client_documents
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("HomeVisits", text)


class ClientViewDialog(QDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Klientvy"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services, self._runner, self._case_id = services, runner, case_id
        ctx = services.cases.ctx
        self.documents: tuple[ClientDocument, ...] = ()
        self.shown: RenderedDocument | None = None
        self.choice = QComboBox()
        self.choice.setMinimumWidth(360)
        self.close_button = QPushButton(tr("Stäng"))
        self.close_button.setAutoDefault(False)
        self.empty = styled_label(
            tr("Det finns ingen signerad vårdplan eller uppföljning att visa.")
        )
        self.empty.hide()
        self.error = ErrorLabel()
        self._pdf = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self._pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        top = QHBoxLayout()
        top.addWidget(styled_label(tr("Visa"), "muted"))
        top.addWidget(self.choice, 1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        self.close_button.clicked.connect(self.reject)
        self.choice.currentIndexChanged.connect(self._chosen)
        runner.run(
            lambda: client_documents(ctx, case_id),
            parent=self,
            success=self._listed,
            failure=self.error.show_message,
        )

    def _listed(self, documents: tuple[ClientDocument, ...]) -> None:
        self.documents = documents
        self.empty.setVisible(not documents)
        self.choice.blockSignals(True)
        for doc in documents:
            self.choice.addItem(doc.label)
        self.choice.blockSignals(False)
        if documents:
            self._chosen(0)

    def _chosen(self, index: int) -> None:
        if not 0 <= index < len(self.documents):
            return
        documents, case_id, doc = self._services.documents, self._case_id, self.documents[index]
        self._runner.run(
            lambda: documents.render(doc.kind, case_id, doc.object_id, Recipient.CLIENT),
            parent=self,
            success=self._show,
            failure=self.error.show_message,
        )

    def _show(self, document: RenderedDocument) -> None:
        self.shown = document
        self._pdf.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(document.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._pdf.load(self._buffer)
