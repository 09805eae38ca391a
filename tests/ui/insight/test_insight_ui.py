"""Partsinsyn through the real main window: a new request from the case's Partsinsyn tab, the
review of every item (a neighbour's entry marked as another person's secret from the review
screen, words masked with the OSL reference chosen, an entry withheld), the decision only once
every item is reviewed, and the copy for the client in the preview, read back with pypdf.
Screenshots at 1366×768 when VINR_SHOTS names a folder."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pypdf
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.casework import adult, entry, register
from tests.services.insight.insight_case import CHILD_HOME, MASKED, NEIGHBOUR, VIOLENT, WITHHELD
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, open_dialog, wait_idle
from tests.ui.home_visits.test_visit_mode import open_case_panel
from vinr_desktop.domain.persons import PersonRole, ProtectionLevel
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.document_preview import DocumentPreviewDialog
from vinr_desktop.ui.insight.mark_dialog import OthersSecretDialog
from vinr_desktop.ui.insight.masks_view import qt_position
from vinr_desktop.ui.insight.request_dialog import RequestDialog
from vinr_desktop.ui.insight.review_dialog import ReviewDialog
from vinr_desktop.ui.insight.tab import InsightTab
from vinr_desktop.ui.shell.main_window import MainWindow

NEVER = (
    "Valdemar",
    "Farligsson",
    "Gömsläktsgatan",
    "Dolderyd",
    "GRANNMARKÖR",
    "MASKMARKÖR",
    "UNDANTAGMARKÖR",
)


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("VINR_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def make_case(env: UiEnv) -> str:
    env.create_store()
    ctx = env.context()
    auth = AuthService(ctx)
    auth.login(ADMIN, ADMIN_PASSWORD)
    s = CaseWorkServices.for_context(ctx)
    ref = register(s, adult("Klara", "Insynsdotter-Fiktiv", serial=511))
    s.persons.add_to_case(
        ref.case_id,
        adult(
            "Lilla",
            "Insynsdotter-Fiktiv",
            birth=date(2016, 6, 6),
            serial=512,
            protection=ProtectionLevel.PROTECTED_REGISTRATION,
            contact=CHILD_HOME,
        ),
        PersonRole.CHILD,
    )
    s.persons.add_to_case(
        ref.case_id,
        adult("Valdemar", "Farligsson-Fiktiv", serial=513, contact=VIOLENT),
        PersonRole.PERPETRATOR,
    )
    for text, day in (
        ("BEHÅLLETT Valdemar ringde. Barnet bor på Gömsläktsgatan 9 i Dolderyd.", 21),
        (f"Grannen ringde. {NEIGHBOUR}.", 22),
        (f"BEHÅLLTRE Om anmälan: {MASKED}.", 24),
        (WITHHELD, 25),
    ):
        s.journal.sign(ref.case_id, None, entry(text, date(2026, 2, day)))
    auth.logout()
    ctx.release()
    return ref.case_id


def choose(dialog: ReviewDialog, qtbot: QtBot, row: int) -> None:
    dialog.items.setCurrentRow(row)
    qtbot.waitUntil(lambda: dialog.current() is not None, timeout=WAIT_MS)


def saved(qtbot: QtBot, dialog: ReviewDialog, key: str) -> None:
    def done() -> bool:
        found = [v for v in dialog.draft.items if v.item.key == key] if dialog.draft else []
        return bool(found) and (found[0].review is not None or found[0].locked)

    qtbot.waitUntil(done, timeout=WAIT_MS)


def test_a_request_reviewed_item_by_item_gives_the_client_a_safe_copy(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    case_id = make_case(env)
    window = logged_in_window()
    window.resize(1366, 768)
    panel = open_case_panel(qtbot, window, case_id)
    tab = panel.findChild(InsightTab)
    assert tab is not None
    panel.tabs.setCurrentWidget(tab)
    assert panel.tabs.tabText(panel.tabs.currentIndex()) == "Partsinsyn"
    assert not tab.review_button.isEnabled() and not tab.copy_button.isEnabled()

    tab.new_button.click()
    request = open_dialog(qtbot, RequestDialog)
    request.requester.setCurrentIndex(request.requester.findData("representative"))
    request.representative.setText("Advokat Ombudsson-Fiktiv")
    shot(request, "partsinsyn-begaran")
    request.ok_button.click()
    dialog = open_dialog(qtbot, ReviewDialog)
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert dialog.draft is not None
    shown = " ".join(v.item.text for v in dialog.draft.items)
    assert "Valdemar" not in shown and "Gömsläktsgatan" not in shown
    assert not dialog.decide_button.isEnabled()

    keys = [v.item.key for v in dialog.draft.items]
    # What the program wrote itself is released in one go: chosen in the list, one by one.
    program = [
        k for k, v in zip(keys, dialog.draft.items, strict=True) if "Programmet" in v.item.text
    ]
    assert len(program) >= 3
    dialog.items.clearSelection()
    for key in program:
        dialog.items.item(keys.index(key)).setSelected(True)
    assert dialog.chosen_keys() == program and dialog.release_chosen.isEnabled()
    dialog.release_chosen.click()
    for key in program:
        saved(qtbot, dialog, key)
    wait_idle(qtbot, window)
    for key in [k for k in keys if k not in program]:
        row = [v.item.key for v in dialog.draft.items].index(key)
        choose(dialog, qtbot, row)
        view = dialog.current()
        assert view is not None
        text = view.item.text
        if NEIGHBOUR in text:
            dialog.secret_button.click()
            mark = open_dialog(qtbot, OthersSecretDialog)
            assert mark.whole.isChecked()
            shot(mark, "partsinsyn-annans-sekretess")
            mark.ok_button.click()
            qtbot.waitUntil(lambda m=mark: not isValid(m) or not m.isVisible(), timeout=WAIT_MS)
        elif MASKED in text:
            dialog.mask_radio.setChecked(True)
            dialog.reference.setCurrentIndex(dialog.reference.findData("osl_26_5"))
            cursor = dialog.text.textCursor()
            start = text.index(MASKED)
            cursor.setPosition(qt_position(text, start))
            cursor.setPosition(
                qt_position(text, start + len(MASKED)), QTextCursor.MoveMode.KeepAnchor
            )
            dialog.text.setTextCursor(cursor)
            dialog.mask_button.click()
            assert len(dialog.text.extraSelections()) == 1
            shot(dialog, "partsinsyn-granskning")
            dialog.save_button.click()
        elif WITHHELD in text:
            dialog.withhold_radio.setChecked(True)
            dialog.reference.setCurrentIndex(dialog.reference.findData("osl_10_3"))
            dialog.note.setText("Polisens begäran")
            dialog.save_button.click()
        else:
            dialog.release_radio.setChecked(True)
            dialog.save_button.click()
        saved(qtbot, dialog, key)
        wait_idle(qtbot, window)
        assert dialog.draft is not None
        if dialog.draft.remaining:
            assert not dialog.decide_button.isEnabled()  # not before every item is reviewed

    qtbot.waitUntil(dialog.decide_button.isEnabled, timeout=WAIT_MS)
    shot(dialog, "partsinsyn-granskad")
    dialog.decide_button.click()
    preview = open_dialog(qtbot, DocumentPreviewDialog)
    assert tab.printer.preview is not None
    pdf = tab.printer.preview._document.pdf
    text = " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
    )
    assert [w for w in NEVER if w in text] == []
    assert "BEHÅLLETT" in text and "BEHÅLLTRE" in text
    assert "[sekretess] (26 kap. 5 § OSL)" in text and "kammarrätten" in text
    assert "Ditt ombud begärde" in text
    shot(preview, "partsinsyn-forhandsvisning")
    if os.environ.get("VINR_SHOTS"):
        (Path(os.environ["VINR_SHOTS"]) / "partsinsyn.pdf").write_bytes(pdf)
    preview.reject()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: tab.copy_button.isEnabled(), timeout=WAIT_MS)
    assert not tab.review_button.isEnabled()
    assert "Beslutad" in str(tab.model.index(0, 3).data())
    shot(window, "partsinsyn-flik")
