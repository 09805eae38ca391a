"""Sharing a case from its header, and how a shared case looks to the colleague: through the
real main window on a real store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_NAME, ADMIN_PASSWORD
from tests.ui.cases.test_cases_page import as_user, cases_page, new_case, person
from tests.ui.conftest import WAIT_MS, UiEnv
from tests.ui.conftest import wait_idle as idle
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.cases.cases_page import CasesPage
from vinr_desktop.ui.cases.list_model import COL_BADGES, COL_PERSON
from vinr_desktop.ui.cases.share_dialog import (
    COL_BY,
    COL_LEVEL,
    COL_NAME,
    COL_STATE,
    COL_UNTIL,
    ShareDialog,
)
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.views.cases import CaseRef

BO = "Bo Kollegasson-Fiktiv"
CHEF = "Chef Chefsdotter-Fiktiv"
BO_PASSWORD = "bo läser delade ärenden 9"


def prepare(env: UiEnv, users: dict[str, tuple[str, str]]) -> CaseRef:
    """Colleagues (one-time passwords only) and one case of Ada's, in one login."""
    env.create_store()
    ctx = env.context()
    auth = AuthService(ctx)
    auth.login(ADMIN, ADMIN_PASSWORD)
    admin = AdminService(ctx)
    for username, (full_name, role) in users.items():
        admin.add_user(username, full_name, {role})
    ref = CaseWorkServices.for_context(ctx).cases.register(
        new_case(person("Testa", "Delasson-Fiktiv"))
    )
    auth.logout()
    ctx.release()
    return ref


def open_first_case(qtbot: QtBot, window: MainWindow, page: CasesPage) -> CasePanel:
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT_MS)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, COL_PERSON))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(page.case_panel, CasePanel), timeout=WAIT_MS)
    view = page.case_panel
    assert isinstance(view, CasePanel)
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    idle(qtbot, window)
    return view


def share_rows(dialog: ShareDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [str(model.index(r, c).data()) for c in (COL_NAME, COL_LEVEL, COL_UNTIL, COL_STATE, COL_BY)]
        for r in range(model.rowCount())
    ]


def choose(dialog: ShareDialog, full_name: str) -> None:
    index = next(
        i
        for i in range(dialog.colleague.count())
        if dialog.colleague.itemText(i).startswith(full_name)
    )
    dialog.colleague.setCurrentIndex(index)


def test_share_from_the_header_and_withdraw(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    prepare(env, {"bo": (BO, "caseworker"), "chef": (CHEF, "manager")})
    window = logged_in_window()
    view = open_first_case(qtbot, window, cases_page(qtbot, window))
    assert not view.access_chip.isVisibleTo(view)  # her own case: nothing to say
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == [
        "Översikt",
        "Journal",
        "Bedömningar",
        "Insatser",
        "Hembesök",
        "Partsinsyn",
        "Åtkomst",
    ]
    assert view.share_button.isVisibleTo(view)
    view.share_button.click()
    dialog = view.findChild(ShareDialog)
    assert dialog is not None
    idle(qtbot, window)
    assert dialog.windowTitle() == "Dela ärendet"
    assert dialog.none_label.text() == "Ärendet är inte delat med någon."
    assert not dialog.remove_button.isEnabled()

    dialog.share_button.click()  # no colleague chosen yet
    assert dialog.error.text() == "Välj den kollega du vill dela ärendet med."

    choose(dialog, CHEF)  # a manager reads only
    assert not dialog.write.isEnabled()
    assert dialog.level_hint.text() == "En enhetschef kan bara få läsbehörighet."
    choose(dialog, BO)
    assert dialog.write.isEnabled()
    assert not dialog.level_hint.isVisibleTo(dialog)

    assert dialog.last_day.minimumDate() == QDate(2026, 3, 2)  # not before today
    dialog.last_day.setDate(QDate(2026, 2, 1))
    assert dialog.last_day.date() == QDate(2026, 3, 2)
    dialog.last_day.setDate(QDate(2026, 3, 16))
    dialog.open_ended.setChecked(True)
    assert not dialog.last_day.isEnabled()
    dialog.until_date.setChecked(True)
    assert dialog.last_day.isEnabled()
    dialog.read.setChecked(True)
    dialog.share_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
    idle(qtbot, window)
    assert share_rows(dialog) == [[BO, "Läsa", "2026-03-16", "Gäller", ADMIN_NAME]]
    assert dialog.done_label.text() == f"Ärendet delas nu med {BO}."
    assert dialog.error.text() == ""

    # Withdraw it from the keyboard: select the row, Delete, confirm.
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, COL_NAME))
    assert dialog.remove_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    box = dialog.confirm_box
    assert box is not None
    assert BO in box.text()
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    yes.click()
    qtbot.waitUntil(lambda: share_rows(dialog)[0][3] == "Borttagen", timeout=WAIT_MS)
    idle(qtbot, window)
    assert dialog.done_label.text() == f"Delningen med {BO} är borttagen."
    dialog.table.setCurrentIndex(dialog.model.index(0, COL_NAME))
    assert not dialog.remove_button.isEnabled()  # a withdrawn share stays listed, as history

    # Sharing again until further notice, read and write.
    choose(dialog, BO)
    dialog.write.setChecked(True)
    dialog.open_ended.setChecked(True)
    dialog.share_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=WAIT_MS)
    idle(qtbot, window)
    assert share_rows(dialog)[0] == [BO, "Läsa och skriva", "Tills vidare", "Gäller", ADMIN_NAME]
    dialog.close_button.click()
    assert "Delasson" not in window.windowTitle()


def test_a_shared_case_in_the_colleagues_list_and_header(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    ref = prepare(env, {})
    env.add_user("bo", BO, {"caseworker"}, password=BO_PASSWORD)

    def share_with_bo(services: CaseWorkServices) -> None:
        bo = next(c for c in services.sharing.colleagues(ref.case_id) if c.full_name == BO)
        services.sharing.share(ref.case_id, bo.user_id, ShareLevel.READ, date(2026, 3, 31))

    as_user(env, ADMIN, ADMIN_PASSWORD, share_with_bo)
    window = logged_in_window("bo", BO_PASSWORD)
    page = cases_page(qtbot, window)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT_MS)  # in Mina ärenden
    badge = page.proxy.index(0, COL_BADGES)
    assert badge.data() == "Delat"
    assert badge.data(Qt.ItemDataRole.ToolTipRole) == "Delat med dig – läsa"
    view = open_first_case(qtbot, window, page)
    assert view.number_label.text() == ref.number
    assert view.access_chip.isVisibleTo(view)
    assert view.access_chip.text() == "Delat – läsa"
    assert not view.share_button.isVisibleTo(view)  # only the responsible shares
    assert not view.next_button.isEnabled()
    assert not view.journal.new_button.isEnabled()
