"""Sammanställning from the case header: for the file, with the progress dialog fed from the
database thread while the document is laid out, then the preview."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import WAIT_MS
from tests.ui.journal.test_journal import Opened, open_view, opened, wait
from vinr_desktop.domain.redaction import Recipient

__all__ = ["opened"]


def test_case_summary_shows_progress_then_preview(qtbot: QtBot, opened: Opened) -> None:
    view = open_view(qtbot, opened)
    view.summary_button.click()
    printer = view.care_tab.care_actions.printer
    chooser = printer.recipient_dialog
    assert chooser is not None
    assert set(chooser.buttons) == {Recipient.FILE, Recipient.MANAGER}
    assert chooser.recipient() is Recipient.FILE
    chooser.ok_button.click()
    assert printer.progress is not None and printer.progress.isVisible()
    qtbot.waitUntil(lambda: printer.preview is not None, timeout=WAIT_MS)
    wait(qtbot, opened)
    assert printer.progress is None
    done, total = printer.steps[-1]
    assert printer.steps[0][0] == 0 and total >= 3 and done == total
    preview = printer.preview
    assert preview is not None
    assert preview.page_count >= 1
    assert "Akt" in preview.summary.text()
    preview.close()
