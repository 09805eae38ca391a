"""Showing a recovery code once: large, printable, and confirmed as saved before moving on.

Used by the setup wizard and after a recovery. Printing goes straight from a QTextDocument to
the printer (no file); "Spara som PDF…" writes only to a path the user picks after a warning.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from vinr_desktop.ui.common.dialogs import documents_folder
from vinr_desktop.ui.common.style import monospace_font
from vinr_desktop.ui.common.widgets import ErrorLabel, styled_label

PDF_FILE_NAME = "VINR-aterstallningskod.pdf"


def tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryCode", text)


def recovery_document(code: str, organisation: str = "") -> QTextDocument:
    """The printed sheet: the code, what it is for and how to keep it. No person names."""
    org = f"<p>{html.escape(organisation)}</p>" if organisation else ""
    body = f"""
        <h1>{tr("VINR Desktop – återställningskod")}</h1>
        {org}
        <p>{tr("Utskriven")} {date.today().isoformat()}</p>
        <p style="font-family: monospace; font-size: 22pt; font-weight: bold;
                  margin-top: 24px; margin-bottom: 24px;">{html.escape(code)}</p>
        <p>{
        tr(
            "Med koden kan registret öppnas och ett nytt lösenord väljas om lösenordet "
            "glöms bort. Den som har koden och datorn kan läsa registret."
        )
    }</p>
        <p><b>{
        tr(
            "Förvara papperet inlåst, skilt från datorn. Kasta det aldrig bland vanligt "
            "papper – riv eller makulera det när en ny kod har tagits fram."
        )
    }</b></p>
    """
    document = QTextDocument()
    document.setHtml(body)
    return document


def write_recovery_pdf(path: Path, code: str, organisation: str = "") -> None:
    """Render the sheet as a PDF at `path` (chosen by the user)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(tr("Återställningskod"))
    recovery_document(code, organisation).print_(printer)


class RecoveryCodePanel(QWidget):
    """The code, print and PDF buttons, and the 'I have saved it' checkbox."""

    confirmed_changed = Signal(bool)

    def __init__(self, code: str, organisation: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = code
        self._organisation = organisation
        self.code_label = QLabel(code)
        self.code_label.setProperty("role", "secret")
        self.code_label.setFont(monospace_font(20))
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setMinimumHeight(QFontMetrics(self.code_label.font()).height() + 36)
        self.code_label.setAccessibleName(tr("Återställningskod"))
        self.print_button = QPushButton(tr("Skriv ut…"))
        self.pdf_button = QPushButton(tr("Spara som PDF…"))
        for button in (self.print_button, self.pdf_button):
            button.setAutoDefault(False)
        self.confirm = QCheckBox(tr("Jag har skrivit ner koden och förvarar den säkert"))
        self.status = styled_label("", "muted")
        self.status.hide()
        self.error = ErrorLabel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(
            styled_label(
                tr(
                    "Med återställningskoden kan registret öppnas om lösenordet glöms bort. "
                    "Koden visas bara nu, en enda gång. Skriv ut den eller skriv ner den, och "
                    "förvara den inlåst och skild från datorn."
                )
            )
        )
        layout.addWidget(self.code_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)

        self.print_button.clicked.connect(self.print_code)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.confirm.toggled.connect(self.confirmed_changed)
        self.confirm.toggled.connect(lambda _checked: self.error.clear_message())

    @property
    def confirmed(self) -> bool:
        return self.confirm.isChecked()

    def print_code(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(tr("Återställningskod"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Skriv ut återställningskoden"))
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        if not isValid(self):
            return  # the screen was locked and torn down while the dialog was open
        if accepted:
            recovery_document(self._code, self._organisation).print_(printer)
            self._say(tr("Återställningskoden skickades till skrivaren."))

    def save_pdf(self) -> None:
        answer = QMessageBox.question(
            self,
            tr("Spara som PDF"),
            tr(
                "PDF-filen innehåller återställningskoden i klartext. Den som får tag i filen och "
                "datorn kan läsa registret. Spara den bara på ett USB-minne som du förvarar "
                "inlåst, skriv ut den och radera filen sedan.\n\nVill du fortsätta?"
            ),
        )
        if not isValid(self) or answer != QMessageBox.StandardButton.Yes:
            return
        # Qt's own dialog: native ones may add the file to the desktop's recent-files list.
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Spara återställningskoden som PDF"),
            str(documents_folder() / PDF_FILE_NAME),
            tr("PDF-filer (*.pdf)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if not isValid(self) or not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        write_recovery_pdf(target, self._code, self._organisation)
        if not target.is_file() or target.stat().st_size == 0:
            self.error.show_message(tr("PDF-filen kunde inte sparas. Välj en annan plats."))
            return
        self._say(tr("PDF-filen är sparad. Radera den när koden är utskriven."))

    def _say(self, message: str) -> None:
        self.status.setText(message)
        self.status.show()

    def require_confirmed(self) -> bool:
        """True if confirmed; otherwise show why the user cannot go on yet."""
        if self.confirmed:
            return True
        self.error.show_message(
            tr(
                "Bekräfta att du har skrivit ner eller skrivit ut återställningskoden. Den visas "
                "bara en gång."
            )
        )
        return False
