"""Förhandsgranska, skriv ut, spara som PDF: the one way a document leaves the program.

A service renders the document to PDF bytes in memory (a vårdplan for an utförare, an
assessment for the file...). This dialog shows those bytes with QtPdf, prints them by painting
each page onto a `QPrinter` from the system's print dialog, or saves them as a file after the
user has confirmed that the file will be unencrypted. The bytes never touch the disk on the way:
QPdfDocument reads them from a QBuffer, and the pages go to the printer as images painted from
memory. Printing and saving are audited by the caller's service functions (`record`, `save`),
which run in the background before the page leaves (fail closed: no audit, no print).

Printing is never a hidden export: Qt's own "print to file" is switched off in the print
dialog, and a printer that writes a file (Microsoft Print to PDF, XPS Document Writer, CUPS-PDF,
any printer given an output file) gets the same confirmation as *Spara som PDF* and is audited
as a save. IT's policy.json (`pdf_export`) can forbid both: "forbidden" turns *Spara som PDF*
off and refuses file printers; "ask", the default, asks every time.

The dialog is closed with every other dialog when the program locks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from vinr_desktop.ui.common.dialogs import documents_folder
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, primary_button, styled_label

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0
PRINT_DPI = 300
# Printers that write a file instead of paper, by a word in their name (any case).
FILE_PRINTER_WORDS = ("pdf", "xps", "onenote", "document writer", "print to file", "till fil")
Output = Literal["print", "save"]


def _file_export_off() -> str:
    return QCoreApplication.translate(
        "DocumentPreview",
        "IT har stängt av att dokument sparas som filer (också via en skrivare som skriver "
        "till fil). Skriv ut på papper i stället.",
    )


def tr(text: str) -> str:
    return QCoreApplication.translate("DocumentPreview", text)


@dataclass(frozen=True)
class PreparedDocument:
    """A rendered document and what may be done with it.

    `title` is the generic kind ("Vårdplan") and `file_name` a suggestion without any name or
    number from the case (both can be seen by others: a window title, a folder listing).
    `record("print")` / `record("save")` audits a print or a file written through a printer;
    `save` writes the file atomically and audits it; all are service calls, run in the
    background.
    """

    pdf: bytes
    title: str
    recipient: str
    file_name: str
    record: Callable[[Output], object]
    save: Callable[[Path], object]
    file_export: str = "ask"  # IT's pdf_export policy: "ask" or "forbidden"


def is_file_printer(printer_name: str, output_file_name: str) -> bool:
    """A printer that writes the document to a file (a PDF, XPS or OneNote "printer", or any
    printer given an output file) rather than onto paper: printing to it is an export."""
    if output_file_name:
        return True
    name = printer_name.casefold()
    return any(word in name for word in FILE_PRINTER_WORDS)


def export_confirmation(parent: QWidget, recipient: str, printer: str | None = None) -> QMessageBox:
    """Asks before a document leaves the encrypted store as a file: saved, or written by a file
    printer (`printer`: its name, "" when it has none); connect `accepted`."""
    after = tr(
        "Den som får tag i filen kan läsa allt som står i den.\n\n"
        "Mottagare: {0}. Att du sparar dokumentet skrivs i loggen. Spara det där bara "
        "behöriga kommer åt det, och radera filen när den har lämnats över."
    ).format(recipient)
    if printer is None:
        first = tr("Dokumentet sparas som en vanlig PDF-fil utanför det krypterade registret.")
    elif printer:
        first = tr(
            "Skrivaren {0} skriver inte på papper utan sparar dokumentet som en vanlig fil "
            "utanför det krypterade registret."
        ).format(printer)
    else:
        first = tr(
            "Utskriften går inte till papper utan sparar dokumentet som en vanlig fil "
            "utanför det krypterade registret."
        )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("Spara som PDF"),
        f"{first} {after}",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    save_text = tr("Välj plats och spara…") if printer is None else tr("Skriv till fil")
    box.button(QMessageBox.StandardButton.Save).setText(save_text)
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


class DocumentPreviewDialog(QDialog):
    """The document's pages, and Skriv ut… / Spara som PDF… / Stäng."""

    def __init__(
        self, document: PreparedDocument, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._runner = runner
        self.confirm_box: QMessageBox | None = None
        self.saved_path: Path | None = None
        self.setWindowTitle(tr("Förhandsgranskning – {0}").format(document.title))
        self.setModal(True)

        self._bytes = QByteArray(document.pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #5A6270; }")

        pages = self.pdf.pageCount()
        self.summary = styled_label(
            tr("Mottagare: {0} · {1} sidor").format(document.recipient, pages)
            if pages != 1
            else tr("Mottagare: {0} · 1 sida").format(document.recipient),
            "muted",
        )
        self.message = styled_label("", "ok")
        self.message.hide()
        self.error = ErrorLabel()

        self.zoom_out = QPushButton(tr("Förminska"))
        self.zoom_in = QPushButton(tr("Förstora"))
        self.fit = QPushButton(tr("Anpassa bredd"))
        self.print_button = primary_button(tr("Skriv ut…"))
        self.save_button = QPushButton(tr("Spara som PDF…"))
        self.close_button = QPushButton(tr("Stäng"))
        for button in (self.zoom_out, self.zoom_in, self.fit, self.save_button, self.close_button):
            button.setAutoDefault(False)
        self.zoom_out.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.zoom_in.clicked.connect(lambda: self._zoom(ZOOM_STEP))
        self.fit.clicked.connect(self._fit_width)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_document),
            (QKeySequence.StandardKey.ZoomIn, lambda: self._zoom(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self._zoom(1 / ZOOM_STEP)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading(document.title, 2))
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        for button in (self.zoom_out, self.zoom_in, self.fit):
            top.addWidget(button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.error, 1)
        buttons.addStretch(0)  # keeps the buttons their own size while both lines are hidden
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(self._fitting_size())
        self.print_button.setFocus()
        if document.file_export == "forbidden":
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(_file_export_off())

    @property
    def page_count(self) -> int:
        return self.pdf.pageCount()

    def _fitting_size(self) -> QSize:
        """Tall enough for most of a page, never more than the screen has room for."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 820, 960
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 60)
        return QSize(width, height)

    def _zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        if self.view.zoomMode() is not QPdfView.ZoomMode.Custom:
            current = self._fit_factor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, current * factor)))

    def _fit_factor(self) -> float:
        page_width = self.pdf.pagePointSize(0).width() * self.logicalDpiX() / 72 or 1.0
        return max(MIN_ZOOM, (self.view.viewport().width() - 24) / page_width)

    def _fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- printing ------------------------------------------------------------------------

    def print_document(self) -> None:
        """The system's print dialog; on OK the print is audited, then the pages are sent."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._document.title)
        printer.setFromTo(1, self.page_count)
        dialog = self.print_dialog(printer)
        if dialog.exec() != QDialog.DialogCode.Accepted or not isValid(self):
            return
        self.print_to(printer)

    def print_dialog(self, printer: QPrinter) -> QPrintDialog:
        """The system's print dialog for `printer`, without Qt's "print to file"."""
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        dialog.setWindowTitle(tr("Skriv ut – {0}").format(self._document.title))
        dialog.setMinMax(1, self.page_count)
        return dialog

    def print_to(self, printer: QPrinter) -> None:
        """Send the pages to the chosen printer: a printer that writes a file first asks as
        Spara som PDF does, and is audited as a save."""
        if not is_file_printer(printer.printerName(), printer.outputFileName()):
            self.send(printer, "print")
            return
        if self._document.file_export == "forbidden":
            self.error.show_message(_file_export_off())
            return
        box = export_confirmation(self, self._document.recipient, printer=printer.printerName())
        box.accepted.connect(lambda: self.send(printer, "save") if isValid(self) else None)
        box.open()
        self.confirm_box = box

    def send(self, printer: QPrinter, how: Output) -> None:
        """Audit the output in the background, then paint the chosen pages onto `printer`."""
        self._say("")
        record = self._document.record
        self._runner.run(
            lambda: record(how),
            parent=self,
            success=lambda _result: self._paint(printer, how),
            failure=self.error.show_message,
            busy=Busy(self.print_button, tr("Skriver ut…"), (self.save_button,)),
            changes={"audit"},
        )

    def _paint(self, printer: QPrinter, how: Output) -> None:
        first, last = printer.fromPage() or 1, printer.toPage() or self.page_count
        first, last = max(1, first), min(self.page_count, last)
        painter = QPainter()
        if not painter.begin(printer):
            self.error.show_message(tr("Skrivaren gick inte att använda. Inget skrevs ut."))
            return
        try:
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                self._paint_page(painter, printer, number - 1)
        finally:
            painter.end()
        if how == "save":
            self._say(tr("Dokumentet är skrivet till en fil. Att det sparades står i loggen."))
        else:
            self._say(tr("Dokumentet är skickat till skrivaren. Utskriften står i loggen."))

    def _paint_page(self, painter: QPainter, printer: QPrinter, index: int) -> None:
        """One page, centred in the printable area, as an image of at most PRINT_DPI.

        A page at a 1200-dpi printer's own resolution would be a 500 MB image; 300 dpi is
        sharp on paper and about 35 MB, made and dropped one page at a time.
        """
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        points = self.pdf.pagePointSize(index)
        scale = min(area.width() / points.width(), area.height() / points.height())
        target = QRect(0, 0, round(points.width() * scale), round(points.height() * scale))
        target.moveCenter(QRect(0, 0, area.width(), area.height()).center())
        dpi = min(PRINT_DPI, printer.resolution())
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        image: QImage = self.pdf.render(index, size)
        painter.drawImage(target, image)

    # -- saving --------------------------------------------------------------------------

    def save_document(self) -> None:
        """Ask first (the file is unencrypted), then where, then save through the service."""
        if self._document.file_export == "forbidden":
            self.error.show_message(_file_export_off())
            return
        box = export_confirmation(self, self._document.recipient)
        box.accepted.connect(self._choose_path)
        box.open()
        self.confirm_box = box

    def _choose_path(self) -> None:
        if not isValid(self):
            return
        # Qt's own dialog: native ones may add the file to the desktop's recent-files list.
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Spara som PDF"),
            str(documents_folder() / self._document.file_name),
            tr("PDF-filer (*.pdf)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if not isValid(self) or not path:
            return
        self.save_to(Path(path))

    def save_to(self, target: Path) -> None:
        """Save through the service (atomic write, audited) to `target`, a .pdf name."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        save = self._document.save
        self._say("")
        self._runner.run(
            lambda: save(target),
            parent=self,
            success=lambda _result: self._saved(target),
            failure=self.error.show_message,
            busy=Busy(self.save_button, tr("Sparar…"), (self.print_button,)),
            changes={"audit"},
        )

    def _saved(self, target: Path) -> None:
        self.saved_path = target
        self._say(tr("Sparat: {0}. Att det sparades står i loggen.").format(target.name))

    def _say(self, text: str) -> None:
        self.error.clear_message()
        self.message.setText(text)
        self.message.setVisible(bool(text))
