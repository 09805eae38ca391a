"""The banner of a dialog that writes to a case: the case number and the main person (initials
when protected), "Barnärende" for a child's case, nothing when the case behind it is another;
and window titles that name no one."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from tests.ui.journal.test_journal import Opened, new_case, open_view, opened, wait
from vinr_desktop.ui.cases.marker_dialog import MarkerDialog
from vinr_desktop.ui.common.case_banner import CaseBanner
from vinr_desktop.ui.journal.editor import JournalEditor

__all__ = ["opened"]  # the fixture, shared with test_journal


def banner_of(dialog: object) -> CaseBanner:
    banner = dialog.findChild(CaseBanner)  # type: ignore[attr-defined]
    assert isinstance(banner, CaseBanner)
    return banner


def test_protected_main_person_shows_as_initials(qtbot: QtBot, opened: Opened) -> None:
    case_id = new_case(opened.services, protected=True)
    view = open_view(qtbot, opened, case_id)
    assert view.details is not None
    view.tabs.setCurrentWidget(view.journal)
    view.journal.new_entry()
    editor = view.journal.editor
    assert editor is not None
    banner = banner_of(editor)
    assert banner.isVisible()
    assert banner.text() == f"Ärende {view.details.number} · T. T. (skyddad)"
    assert "Testsson" not in banner.text()
    assert editor.windowTitle() == "Journalanteckning"
    editor.reject()
    wait(qtbot, opened)


def test_child_case_says_so(qtbot: QtBot, opened: Opened) -> None:
    case_id = new_case(opened.services, child=True)
    view = open_view(qtbot, opened, case_id)
    assert view.details is not None
    view.overview.edit_markers()
    dialog = view.overview.findChild(MarkerDialog)
    assert dialog is not None
    text = banner_of(dialog).text()
    assert text == f"Ärende {view.details.number} · Testa Testsson-Fiktiv · Barnärende"
    assert view.details.number not in dialog.windowTitle()
    dialog.reject()


def test_no_banner_over_another_case(qtbot: QtBot, opened: Opened) -> None:
    """A dialog for one case opened over the view of another never shows the wrong case."""
    view = open_view(qtbot, opened)
    other = new_case(opened.services)
    editor = JournalEditor(
        opened.services.journal, opened.runner, other, date(2026, 3, 1), None, view
    )
    editor.open()
    banner = banner_of(editor)
    assert banner.heading is None and not banner.isVisible()
    editor.reject()
    wait(qtbot, opened)
