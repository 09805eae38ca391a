"""The document preview: pages shown from memory, printing audited first, saving after a
confirmation — and no file written on the way, in the process's temp folder or Qt's."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from vinr_desktop.reports.document import DocumentMeta, build_pdf, heading, paragraph
from vinr_desktop.ui.document_preview import DocumentPreviewDialog, PreparedDocument
from vinr_desktop.ui.operations import OperationRunner

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

    def record_print(self) -> None:
        self.calls.append("print")
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
        record_print=outputs.record_print,
        save=outputs.save,
    )
    dialog = DocumentPreviewDialog(document, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pdf_printer(path: Path) -> QPrinter:
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
    dialog.print_to(pdf_printer(printed))
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert outputs.calls == ["print"]
    assert len(pypdf.PdfReader(printed).pages) == dialog.page_count
    assert "skrivaren" in dialog.message.text()
    assert list(quiet_tmp.iterdir()) == []  # nothing written on the way


def test_no_audit_no_print(qtbot: QtBot, quiet_tmp: Path) -> None:
    outputs = Outputs(fail_print=True)
    dialog = open_preview(qtbot, outputs)
    printed = quiet_tmp.parent / "printer-output.pdf"
    dialog.print_to(pdf_printer(printed))
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
