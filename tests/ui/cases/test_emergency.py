"""Nödåtkomst through the real main window: a manager opens a protected case she cannot see,
with a reason; the red banner; ending it; and the case vanishing when the access runs out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QAbstractListModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.cases.test_cases_page import cases_page, new_case, person, register
from tests.ui.conftest import WAIT_MS, UiEnv, wait_idle
from vinr_desktop.domain.persons import ProtectionLevel
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.cases.cases_page import CasesPage
from vinr_desktop.ui.cases.emergency import EmergencyBanner, EmergencyDialog
from vinr_desktop.ui.shell.main_window import MainWindow

CHEF_PASSWORD = "chefen läser i nödfall 4"
REASON = "Polisen begär uppgifter akut i en fiktiv hotsituation."


def visible_text(window: QWidget) -> str:
    """Every text the user can see in the window now (labels, buttons, fields, tabs, tables)."""
    parts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        parts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            parts.append(widget.text())
        elif isinstance(widget, QTabBar):
            parts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            parts.extend(
                str(model.index(r, c).data() or "")
                for r in range(model.rowCount())
                for c in range(columns)
            )
    return "\n".join(parts)


def emergency_dialog(qtbot: QtBot, page: CasesPage) -> EmergencyDialog:
    page.emergency_button.click()
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, EmergencyDialog) and w.isVisible()
    )
    qtbot.waitUntil(lambda: "gäller i 60 minuter" in dialog.warning.text(), timeout=WAIT_MS)
    return dialog


def start(qtbot: QtBot, window: MainWindow, page: CasesPage, number: str) -> CasePanel:
    dialog = emergency_dialog(qtbot, page)
    dialog.number.setText(number)
    dialog.reason.setPlainText(REASON)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(page.case_panel, CasePanel), timeout=WAIT_MS)
    view = page.case_panel
    assert isinstance(view, CasePanel)
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    return view


def test_emergency_access_opens_ends_and_runs_out(
    qtbot: QtBot,
    env: UiEnv,
    logged_in_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(EmergencyBanner, "CHECK_MS", 50)
    env.create_store()
    env.add_user("chef", "Chefa Fiktivsson", {"manager"}, password=CHEF_PASSWORD)
    (ref,) = register(
        env,
        new_case(
            person(
                "Skydda",
                "Hemligsson-Fiktiv",
                birth=date(1990, 7, 3),
                serial=456,
                protection=ProtectionLevel.PROTECTED_REGISTRATION,
            )
        ),
    )
    window = logged_in_window("chef", CHEF_PASSWORD)
    page = cases_page(qtbot, window)
    assert page.model.rowCount() == 0  # the protected case is not in her list
    assert page.emergency_button.isVisibleTo(page)

    # An unknown number: the service's Swedish message, inline.
    dialog = emergency_dialog(qtbot, page)
    assert "Nödåtkomst till ett skyddat ärende loggas, flaggas och granskas." in (
        dialog.warning.text()
    )
    assert "ger bara läsbehörighet" in dialog.warning.text()
    assert dialog.reason_hint.text() == (
        "Skälet visas vid loggkontroll. Skriv inte namn eller adress i skälet."
    )
    dialog.number.setText("VINR-2026-9999")
    dialog.reason.setPlainText(REASON)
    dialog.ok_button.click()
    wait_idle(qtbot, window)
    assert dialog.error.text() == (
        "Det finns inget ärende med numret VINR-2026-9999. Försöket har loggats."
    )
    dialog.reject()

    # Opened, then ended by hand: back to a list without the case.
    view = start(qtbot, window, page, ref.number.lower())
    assert view.number_label.text() == ref.number
    banner = view.emergency_banner
    assert banner.isVisibleTo(view)
    end = datetime(2026, 3, 2, 10, 0, tzinfo=UTC).astimezone().strftime("%H:%M")
    assert banner.label.text() == (
        f"NÖDÅTKOMST – gäller till {end}. Skäl: {REASON} Åtkomsten granskas vid loggkontroll."
    )
    assert not view.journal.new_button.isEnabled()  # read only
    banner.end_button.click()
    qtbot.waitUntil(lambda: page.case_panel is None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert page.model.rowCount() == 0

    # Opened again; the program's clock passes the end.
    view = start(qtbot, window, page, ref.number)
    seen = visible_text(window)
    assert ref.number in seen and "Hemligsson" in seen  # the scan below can fail
    env.wall.advance(61 * 60)
    qtbot.waitUntil(lambda: view.ended, timeout=WAIT_MS)
    assert view.ended_page is not None
    assert view.ended_page.message.text() == "Nödåtkomsten har upphört."
    assert view.ended_page.message.isVisible()
    seen = visible_text(window)
    for secret in (ref.number, "Skydda", "Hemligsson", "S. H.", "19900703", REASON[:20]):
        assert secret not in seen
    view.ended_page.back_button.click()
    qtbot.waitUntil(lambda: page.case_panel is None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert page.model.rowCount() == 0
