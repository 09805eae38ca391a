"""Log review through the real main window: Loggkontroll for the manager (chain status, flagged
events first, filters, marking reviewed, the PDF report, a broken chain), "Vem har sett mina
ärenden?" for the handläggare and a case's Åtkomst tab.

One store per module holds a small unit (a manager, a handläggare) and a day of events; each test
copies it and logs in once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.casework import adult, register
from tests.stores import ADMIN, ADMIN_PASSWORD, Template
from tests.ui.conftest import UiEnv, wait_idle
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain.audit_events import EventGroup
from vinr_desktop.domain.persons import ProtectionLevel
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.audit.case_access_tab import CaseAccessTab
from vinr_desktop.ui.audit.dialogs import MarkReviewedDialog
from vinr_desktop.ui.audit.model import (
    COL_CASE,
    COL_EVENT,
    COL_FLAG,
    COL_REVIEWED,
    COL_USER,
    EVENT_ROLE,
    NEEDS_REVIEW_ROLE,
)
from vinr_desktop.ui.audit.own_cases_page import OwnCasesLogPage
from vinr_desktop.ui.audit.review_page import LogReviewPage
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace

CHEF, CHEF_NAME = "chef", "Chef Chefsdotter-Fiktiv"
HANNA, HANNA_NAME = "hanna", "Hanna Handläggarsson-Fiktiv"
PASSWORD = "ett eget lösenord för test 9"
EMERGENCY_REASON = "Fiktiv akut fara, polisen ringde"
REVEAL_REASON = "Fiktivt hembesök ska planeras"


@dataclass(frozen=True)
class Unit:
    folder: Path
    open_case: tuple[str, str]  # (id, number): Hanna's, opened by the manager
    emergency_case: tuple[str, str]  # protected, the manager has running nödåtkomst
    hidden_case: tuple[str, str]  # protected, the manager has no access at all


@pytest.fixture(scope="module")
def unit(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Unit:
    """Hanna registers three cases and opens them; the manager opens one, starts nödåtkomst
    to a protected one (the newest flagged event) and never sees the third."""
    base = tmp_path_factory.mktemp("audit-unit")
    maker = UiEnv(base, base / "register", base / "demo", template=unit_template)
    maker.create_store()
    ctx = maker.context()
    auth, admin = AuthService(ctx), AdminService(ctx)
    auth.login(ADMIN, ADMIN_PASSWORD)
    one_time = {
        CHEF: admin.add_user(CHEF, CHEF_NAME, {"manager"}),
        HANNA: admin.add_user(HANNA, HANNA_NAME, {"caseworker"}),
    }
    users = {u.username: u for u in admin.list_users()}
    services = CaseWorkServices.for_context(ctx)

    def act_as(username: str) -> None:
        """Be `username` in the open store (no key derivation for a login of one's own)."""
        info = users[username]
        ctx.user = CurrentUser(info.user_id, info.username, info.full_name, info.roles)

    for username, code in one_time.items():
        act_as(username)
        auth.change_own_password(code, PASSWORD, PASSWORD)
    act_as(HANNA)
    cases = []
    for serial, protection in (
        (301, ProtectionLevel.NONE),
        (302, ProtectionLevel.PROTECTED_REGISTRATION),
        (303, ProtectionLevel.PROTECTED_REGISTRATION),
    ):
        person = adult("Testa", f"Testsson{serial}-Fiktiv", serial=serial, protection=protection)
        ref = register(services, person)
        services.cases.open_case(ref.case_id)
        cases.append((ref.case_id, ref.number))
    hidden = services.cases.open_case(cases[2][0])
    services.persons.reveal_contact(cases[2][0], hidden.persons[0].person_id, REVEAL_REASON)
    act_as(CHEF)
    services.cases.open_case(cases[0][0])
    services.sharing.start_emergency(cases[1][1], EMERGENCY_REASON)
    ctx.user = None
    for made in maker.contexts:
        made.release()
    return Unit(maker.folder, cases[0], cases[1], cases[2])


@pytest.fixture
def unit_env(env: UiEnv, unit: Unit) -> UiEnv:
    shutil.copytree(unit.folder, env.folder)
    return env


def _workspace(window: MainWindow) -> Workspace:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    return workspace


def _log_review(qtbot: QtBot, window: MainWindow) -> LogReviewPage:
    workspace = _workspace(window)
    assert workspace.page_names[-1] == "Loggkontroll"
    page = workspace.log_review_page
    assert page is not None
    assert page.chain is None  # nothing is read before the page is shown
    workspace.show_page("Loggkontroll")
    settle(qtbot, window)
    return page


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Let a delayed filter fire and its page arrive."""
    qtbot.wait(300)
    wait_idle(qtbot, window)


def rows(page: LogReviewPage | OwnCasesLogPage | CaseAccessTab) -> list:  # type: ignore[type-arg]
    model = page.events.model
    return [model.index(r, 0).data(EVENT_ROLE) for r in range(model.rowCount())]


def cell(page: LogReviewPage, row: int, column: int) -> str:
    return str(page.events.model.index(row, column).data() or "")


def choose(combo: object, data: object) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def visible_box() -> QMessageBox:
    return next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    )


def test_manager_reviews_the_log(
    qtbot: QtBot,
    unit_env: UiEnv,
    unit: Unit,
    logged_in_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = logged_in_window(CHEF, PASSWORD)
    page = _log_review(qtbot, window)
    assert page.chain_label.text().startswith("✓ Loggkedjan är kontrollerad och hel (")
    assert page.chain_label.isVisible() and not page.chain_banner.isVisible()

    # Flagged and not yet reviewed first: the nödåtkomst, then the other flagged ones.
    events = rows(page)
    first = events[0]
    assert first.action == "emergency_access_started"
    assert cell(page, 0, COL_FLAG) == "Nödåtkomst"
    assert cell(page, 0, COL_CASE) == unit.emergency_case[1]
    assert page.events.model.index(0, 0).data(NEEDS_REVIEW_ROLE) is True
    assert page.events.model.index(0, COL_FLAG).data(Qt.ItemDataRole.BackgroundRole) is not None
    flagged = [e.flag is not None and e.review is None for e in events]
    assert flagged == sorted(flagged, reverse=True)
    assert {"Skyddade uppgifter visade", "Utanför egna ärenden"} <= {e.flag_label for e in events}
    assert "flaggade att granska" in page.events.count_label.text()

    # The protected case the manager may not open: a reference code, never its number.
    texts = page.events.cell_texts()
    assert any(t.startswith("Skyddat ärende (ref. ") for t in texts)
    assert not any(unit.hidden_case[1] in t for t in texts)
    assert REVEAL_REASON in texts  # the reason the handläggare gave is shown

    # Filter by user, then by kind of event.
    hanna_id = next(
        page.user_combo.itemData(i)
        for i in range(page.user_combo.count())
        if page.user_combo.itemText(i) == HANNA_NAME
    )
    choose(page.user_combo, hanna_id)
    settle(qtbot, window)
    assert rows(page) and {e.user_name for e in rows(page)} == {HANNA_NAME}
    choose(page.kind_combo, EventGroup.EMERGENCY.value)
    settle(qtbot, window)
    assert rows(page) == []
    assert page.events.empty.isVisible()
    choose(page.user_combo, None)
    settle(qtbot, window)
    assert [e.action for e in rows(page)] == ["emergency_access_started"]
    assert cell(page, 0, COL_USER) == CHEF_NAME

    # Case filter: a case the manager may not open is "not found", like a missing one.
    page.case_edit.setText(unit.hidden_case[1])
    page.case_edit.returnPressed.emit()
    settle(qtbot, window)
    assert page.filter_error.text() == (
        "Ärendet finns inte eller så har du inte behörighet att öppna det."
    )
    assert rows(page) == [] and not page.report_button.isEnabled()
    page.case_edit.clear()
    choose(page.kind_combo, None)
    page.case_edit.setText(unit.open_case[1])
    page.case_edit.returnPressed.emit()
    settle(qtbot, window)
    assert not page.filter_error.isVisible()
    assert rows(page) and {e.case_label for e in rows(page)} == {unit.open_case[1]}
    page.case_edit.clear()
    settle(qtbot, window)

    # Mark the nödåtkomst reviewed: the comment is required.
    assert rows(page)[0].action == "emergency_access_started"
    seq = rows(page)[0].seq
    assert not page.mark_button.isEnabled()
    page.events.table.selectRow(0)
    assert page.mark_button.isEnabled()
    page.mark_button.click()
    dialog = page.mark_dialog
    assert isinstance(dialog, MarkReviewedDialog) and dialog.isVisible()
    assert dialog.seqs == (seq,)
    assert unit.emergency_case[1] in dialog.listing.text()
    dialog.ok_button.click()
    wait_idle(qtbot, window)
    assert dialog.error.text() == "Kommentaren måste fyllas i."
    dialog.comment.setPlainText("Kontrollerat: nödåtkomsten var befogad (fiktivt).")
    dialog.ok_button.click()
    settle(qtbot, window)
    assert not isValid(dialog)  # closed and gone
    assert page.message.text() == "1 loggpost är markerad som granskad."
    row = page.events.model.row_of(seq)
    assert row > 0  # no longer among the unreviewed flagged ones at the top
    assert cell(page, row, COL_REVIEWED) == f"✓ 2026-03-02 {CHEF_NAME}"
    assert page.events.model.index(row, 0).data(NEEDS_REVIEW_ROLE) is False
    tooltip = page.events.model.index(row, COL_REVIEWED).data(Qt.ItemDataRole.ToolTipRole)
    assert "nödåtkomsten var befogad" in tooltip
    page.events.table.selectRow(row)  # the pane under the table has the whole event
    assert EMERGENCY_REASON in page.events.pane.text()
    assert "nödåtkomsten var befogad" in page.events.pane.text()
    assert "Markerade loggposter som granskade" in [
        cell(page, r, COL_EVENT) for r in range(page.events.model.rowCount())
    ]

    # The report: through the preview like every document, then a confirmation, then where.
    target = tmp_path / "utdata" / "rapport"
    target.parent.mkdir()
    asked: list[str] = []

    def fake_save(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[2]))
        return str(target), "PDF-filer (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    page.report_button.click()
    qtbot.waitUntil(lambda: page.printer.preview is not None, timeout=10_000)
    preview = page.printer.preview
    assert preview is not None and preview.summary.text().startswith("Mottagare: Nämnd")
    preview.save_document()
    box = preview.confirm_box
    assert box is not None
    assert "utanför det krypterade registret" in box.text()
    assert "skrivs i loggen" in box.text()
    assert asked == []
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: preview.saved_path is not None, timeout=10_000)
    assert Path(asked[0]).name.startswith("loggkontroll-namnd-")
    saved = target.with_name("rapport.pdf")
    assert preview.saved_path == saved
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "Loggkontroll" in text
    assert unit.hidden_case[1] not in text
    preview.reject()
    page.refresh()
    settle(qtbot, window)
    assert "Sparade dokument som PDF" in [
        cell(page, r, COL_EVENT) for r in range(page.events.model.rowCount())
    ]


def test_broken_chain_is_a_loud_warning(
    qtbot: QtBot, unit_env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window(CHEF, PASSWORD)
    store = window.ctx.require_store()

    def tamper() -> None:
        from sqlalchemy import text

        with store.session() as session:
            session.execute(
                text("UPDATE audit_events SET reason = 'ändrat i efterhand' WHERE reason = :r"),
                {"r": EMERGENCY_REASON},
            )

    window.runner.run(tamper)
    wait_idle(qtbot, window)
    page = _log_review(qtbot, window)
    assert page.chain_banner.isVisible()
    assert not page.chain_label.isVisible()
    warning = page.chain_banner.text()
    assert warning.startswith("VARNING: Loggen har ändrats eller poster saknas")
    assert "har ändrats." in warning  # the verifier's own sentence about the row
    assert "Kontakta IT-stöd och säkerhetsansvarig" in warning
    assert rows(page)  # the log can still be read


def test_caseworker_sees_who_else_opened_her_cases(
    qtbot: QtBot, unit_env: UiEnv, unit: Unit, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window(HANNA, PASSWORD)
    workspace = _workspace(window)
    assert "Loggkontroll" not in workspace.page_names
    assert workspace.log_review_page is None
    page = workspace.own_cases_log_page
    assert page is not None
    workspace.show_page("Vem har sett mina ärenden?")
    settle(qtbot, window)
    seen = rows(page)
    assert {(e.action, e.user_name, e.case_id) for e in seen} == {
        ("case_opened", CHEF_NAME, unit.open_case[0]),
        ("emergency_access_started", CHEF_NAME, unit.emergency_case[0]),
    }
    assert page.events.table.isColumnHidden(COL_REVIEWED)
    assert page.events.table.isColumnHidden(COL_FLAG)
    assert page.events.count_label.text() == "2 händelser"
    assert EMERGENCY_REASON in page.events.cell_texts()

    # A period before anything happened shows nothing, and says so.
    page.period.set_period(date(2026, 1, 1), date(2026, 2, 1))
    settle(qtbot, window)
    assert rows(page) == [] and page.events.empty.isVisible()
    assert "Ingen annan" in page.events.empty.text()

    # The case's Åtkomst tab lists every access, her own too, and follows changes.
    tab = CaseAccessTab(workspace.casework, window.runner, unit.open_case[0])
    qtbot.addWidget(tab)
    assert not tab.loaded
    tab.resize(1000, 500)
    tab.show()
    settle(qtbot, window)
    opened = [(e.action, e.user_name) for e in rows(tab) if e.action == "case_opened"]
    assert opened == [("case_opened", CHEF_NAME), ("case_opened", HANNA_NAME)]
    assert tab.events.table.isColumnHidden(COL_CASE)
    assert rows(tab)[0].flag_label == "Utanför egna ärenden"
    before = len(rows(tab))
    cases = workspace.casework.cases
    window.runner.run(lambda: cases.open_case(unit.open_case[0]), changes={"cases"})
    settle(qtbot, window)
    assert len(rows(tab)) == before + 1
    assert (rows(tab)[0].action, rows(tab)[0].user_name) == ("case_opened", HANNA_NAME)
