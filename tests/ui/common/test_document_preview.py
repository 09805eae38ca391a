"""The document preview: pages shown from memory, printing audited first, saving after a
confirmation — and no file written on the way, in the process's temp folder or Qt's. Printing
is never a hidden export: Qt's print-to-file is off, and a printer that writes a file asks as
saving does and is audited as a save."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from vinr_desktop.reports.document import DocumentMeta, build_pdf, heading, paragraph
from vinr_desktop.ui.common.dialogs import documents_folder
from vinr_desktop.ui.common.document_preview import (
    DocumentPreviewDialog,
    Output,
    PreparedDocument,
    is_file_printer,
)
from vinr_desktop.ui.common.operations import OperationRunner

MARKER = "Fiktiva Markörsson"


def three_pages() -> bytes:
    meta = DocumentMeta(
        title="Vårdplan",
        document_id="VP-TEST-1",
        municipality="Demoby kommun (fiktiv)",
        unit="VINR-enheten (fiktiv)",
        printed_by="Anna Ansvarigsson-Fiktiv",
        printed_utc="2026-11-23T12:00:00+00:00",
        recipient="Utförare",
    )
    story = [heading("Vårdplan"), paragraph(f"Klient: {MARKER}")]
    story += [paragraph("Mål och hur det ska märkas. " * 40) for _ in range(12)]
    return build_pdf(meta, story)


class Outputs:
    """What the dialog asked the (service) callables to do, in order."""

    def __init__(self, fail_print: bool = False) -> None:
        self.calls: list[str] = []
        self.fail_print = fail_print

    def record(self, how: Output) -> None:
        self.calls.append(how)
        if self.fail_print:
            raise RuntimeError("the audit row could not be written")

    def save(self, path: Path) -> None:
        self.calls.append(f"save {path.name}")
        path.write_bytes(b"%PDF-saved")


@pytest.fixture
def quiet_tmp(private_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TMPDIR", str(private_tmp))  # Qt's QDir::tempPath() too
    return private_tmp


def open_preview(qtbot: QtBot, outputs: Outputs) -> DocumentPreviewDialog:
    runner = OperationRunner()
    document = PreparedDocument(
        pdf=three_pages(),
        title="Vårdplan",
        recipient="Utförare",
        file_name="vardplan-2026-11-23.pdf",
        record=outputs.record,
        save=outputs.save,
    )
    dialog = DocumentPreviewDialog(document, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes a PDF file: offscreen there is no paper printer, so tests of the
    paper path send to it through `send(printer, "print")`; `print_to` sees it for what it is,
    a file printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_preview_shows_every_page_and_the_recipient(qtbot: QtBot, quiet_tmp: Path) -> None:
    dialog = open_preview(qtbot, Outputs())
    assert dialog.page_count == len(pypdf.PdfReader(io.BytesIO(three_pages())).pages) >= 2
    assert f"Mottagare: Utförare · {dialog.page_count} sidor" == dialog.summary.text()
    assert MARKER not in dialog.windowTitle()
    assert list(quiet_tmp.iterdir()) == []


def test_printing_audits_first_then_sends_every_page(qtbot: QtBot, quiet_tmp: Path) -> None:
    outputs = Outputs()
    dialog = open_preview(qtbot, outputs)
    printed = quiet_tmp.parent / "printer-output.pdf"  # stands in for the printer
    dialog.send(pdf_printer(printed), "print")
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert outputs.calls == ["print"]
    assert len(pypdf.PdfReader(printed).pages) == dialog.page_count
    assert "skrivaren" in dialog.message.text()
    assert list(quiet_tmp.iterdir()) == []  # nothing written on the way


def test_no_audit_no_print(qtbot: QtBot, quiet_tmp: Path) -> None:
    outputs = Outputs(fail_print=True)
    dialog = open_preview(qtbot, outputs)
    printed = quiet_tmp.parent / "printer-output.pdf"
    dialog.send(pdf_printer(printed), "print")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert outputs.calls == ["print"]
    assert not printed.exists()


def test_saving_asks_first_and_cancel_writes_nothing(
    qtbot: QtBot, quiet_tmp: Path, tmp_path: Path
) -> None:
    outputs = Outputs()
    dialog = open_preview(qtbot, outputs)
    dialog.save_document()
    box = dialog.confirm_box
    assert box is not None
    assert "vanlig PDF-fil utanför det krypterade registret" in box.text()
    assert "Mottagare: Utförare" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert outputs.calls == []
    dialog.save_to(tmp_path / "vardplan")
    qtbot.waitUntil(lambda: dialog.saved_path is not None, timeout=10_000)
    assert outputs.calls == ["save vardplan.pdf"]
    assert (tmp_path / "vardplan.pdf").read_bytes() == b"%PDF-saved"
    assert list(quiet_tmp.iterdir()) == []


def test_print_to_file_is_off_and_a_file_printer_asks_and_is_audited_as_a_save(
    qtbot: QtBot, quiet_tmp: Path
) -> None:
    outputs = Outputs()
    dialog = open_preview(qtbot, outputs)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    system_dialog = dialog.print_dialog(printer)
    qtbot.addWidget(system_dialog)
    assert not system_dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)
    system_dialog.show()  # Qt's own dialog lists no "Print to File (PDF)" printer
    choices = [
        combo.itemText(i).casefold()
        for combo in system_dialog.findChildren(QComboBox)
        for i in range(combo.count())
    ]
    assert not [c for c in choices if "pdf" in c or "file" in c or "fil" in c]
    system_dialog.reject()

    written = quiet_tmp.parent / "virtual-printer.pdf"
    dialog.print_to(pdf_printer(written))  # a printer with an output file: an export
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert "inte till papper" in box.text()
    assert "sparar dokumentet som en vanlig fil utanför det krypterade registret" in box.text()
    assert "Mottagare: Utförare" in box.text() and "skrivs i loggen" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert outputs.calls == [] and not written.exists()  # cancelled: nothing, no audit

    dialog.print_to(pdf_printer(written))
    box = dialog.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert outputs.calls == ["save"]  # audited as a save, before the file was written
    assert len(pypdf.PdfReader(written).pages) == dialog.page_count
    assert "skrivet till en fil" in dialog.message.text()
    assert list(quiet_tmp.iterdir()) == []


def test_printers_that_write_files_are_known_by_name() -> None:
    for name in (
        "Microsoft Print to PDF",
        "Microsoft XPS Document Writer",
        "CUPS-PDF",
        "PDF",
        "Send To OneNote 2016",
        "Adobe PDF",
    ):
        assert is_file_printer(name, ""), name
    assert is_file_printer("HP LaserJet 4050", "/home/anna/utskrift.pdf")
    for name in ("HP LaserJet 4050", "Brother HL-L2350DW", "Kontoret plan 2"):
        assert not is_file_printer(name, ""), name


def test_save_dialogs_open_in_the_documents_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtCore import QStandardPaths

    home = tmp_path / "hem"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(tmp_path)
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    assert documents.parent == home
    assert documents_folder() == home  # no Documents folder: home, never the working folder
    documents.mkdir()
    assert documents_folder() == documents
