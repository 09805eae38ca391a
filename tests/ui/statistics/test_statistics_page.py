"""The Statistik page through the real main window: the year's tables and charts (the chart's
numbers also as text), exact counts for the handläggare who can open every case, and a
double-click on a count that lists its case and opens it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.casework import adult, register
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok
from tests.ui.shots import save_shot
from vinr_desktop.domain.cases import IntakeKind
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace
from vinr_desktop.ui.statistics.sections import CasesDialog, TableSection


def test_the_year_in_tables_and_charts_and_a_count_opens_its_case(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    today = ctx.now().astimezone().date()
    day = date(today.year, 1, 10) if today.month > 1 else today
    woman = register(
        services,
        adult("Vera", "Statistiksson-Fiktiv", serial=721),
        intake=day,
        markers=("violence_physical", "violence_psychological", "relation_partner"),
    )
    register(
        services,
        adult("Lilla", "Statistiksson-Fiktiv", birth=date(2016, 5, 5), serial=722),
        intake=day,
        kind=IntakeKind.REPORT,
        markers=("violence_child_witness",),
    )
    AuthService(ctx).logout()
    ctx.release()
    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    window.resize(1366, 768)
    workspace.show_page("Statistik")
    page = workspace.statistics_page
    assert page is not None
    qtbot.waitUntil(lambda: page.page is not None, timeout=WAIT_MS)
    assert page.page is not None and page.page.exact  # Ada can open both cases
    assert "exakta antal" in page.status.text()
    sections = {s.view.key: s for s in page.content.findChildren(TableSection)}
    intake = sections["intake"]
    assert [intake.chart.bars[i] for i in range(2)] == [
        ("Ansökan", 1),
        ("Anmälan/orosanmälan", 1),
    ]
    assert "Ansökan: 1" in intake.chart.accessibleDescription()
    assert intake.table.item(0, 0).text() == "Ansökan"
    violence = sections["markers_violence"]
    assert violence.table.item(0, 1).text() == "1"  # fysiskt våld, vuxna
    qtbot.wait(300)  # the new sections laid out (the tables fit their width)
    save_shot(window, "statistik-1366x768")
    page.scroll_area.verticalScrollBar().setValue(intake.y() + 40)
    qtbot.wait(20)
    save_shot(window, "statistik-tabeller")
    page.export_csv()  # asked first: the file leaves the encrypted register
    assert page.csv_box is not None and "< 5" in page.csv_box.text()
    page.csv_box.reject()
    target = tmp_path / "statistik.csv"
    page.save_csv(target)
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    assert "< 5" in target.read_bytes().decode("utf-8-sig")  # published numbers, even for her
    violence.table.cellDoubleClicked.emit(0, 1)
    qtbot.waitUntil(lambda: page.cases_dialog is not None, timeout=WAIT_MS)
    dialog = page.cases_dialog
    assert isinstance(dialog, CasesDialog)
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith(woman.number)
    dialog.list.itemActivated.emit(dialog.list.item(0))
    cases = workspace.cases_page
    assert cases is not None
    qtbot.waitUntil(lambda: isinstance(cases.case_panel, CasePanel), timeout=WAIT_MS)


CHEF_PASSWORD = "chefen har ett eget lösenord 6"


def test_the_manager_sees_published_numbers_and_never_the_protected_case(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    from tests.casework import protected_adult

    env.create_store()
    env.add_user("chef", "Chef Chefsdotter-Fiktiv", {"manager"}, password=CHEF_PASSWORD)
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    today = ctx.now().astimezone().date()
    day = date(today.year, 1, 10) if today.month > 1 else today
    register(services, protected_adult(), intake=day, kind=IntakeKind.REPORT)
    AuthService(ctx).logout()
    ctx.release()
    window = make_window()
    login_ok(qtbot, window, "chef", CHEF_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    window.resize(1366, 768)
    workspace.show_page("Statistik")
    page = workspace.statistics_page
    assert page is not None
    qtbot.waitUntil(lambda: page.page is not None, timeout=WAIT_MS)
    assert page.page is not None and not page.page.exact
    assert "< 5" in page.status.text()
    assert page.facts_button.isVisible()  # the manager enters the population
    intake = {s.view.key: s for s in page.content.findChildren(TableSection)}["intake"]
    assert intake.chart.bars == (("Anmälan/orosanmälan", None),)
    assert "Anmälan/orosanmälan: < 5" in intake.chart.accessibleDescription()
    assert intake.table.rowCount() == 2  # the counted row and the totals; no rows of zeros
    assert intake.table.item(0, 0).text() == "Anmälan/orosanmälan"
    assert intake.table.item(0, 3).text() == "< 5"  # she counts (kön not recorded), hidden
    qtbot.wait(50)
    save_shot(window, "statistik-chef")
    intake.table.cellDoubleClicked.emit(0, 3)  # kön okänt: the protected case's column
    qtbot.waitUntil(lambda: page.cases_dialog is not None, timeout=WAIT_MS)
    dialog = page.cases_dialog
    assert isinstance(dialog, CasesDialog)
    assert dialog.list.count() == 0  # counted, never listed


ADM_PASSWORD = "admin har ett eget lösenord 7"


def test_the_administrator_enters_the_population_but_sees_no_statistics(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    from PySide6.QtWidgets import QApplication

    from vinr_desktop.services.statistics.service import StatisticsService
    from vinr_desktop.ui.statistics.facts_dialog import FactsDialog

    env.create_store()
    env.add_user("adm", "Adm Adminsson-Fiktiv", {"admin"}, password=ADM_PASSWORD)
    window = make_window()
    login_ok(qtbot, window, "adm", ADM_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert "Statistik" not in workspace.page_names
    workspace.show_page("Administration")
    admin = workspace.admin_page
    assert admin is not None
    admin.statistics_button.click()
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), FactsDialog), timeout=WAIT_MS
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, FactsDialog)
    year = dialog.year.value()
    dialog.population.setValue(7250)
    dialog.code.setText("2260")
    dialog.accept()
    ctx = workspace.casework.statistics.ctx
    qtbot.waitUntil(lambda: StatisticsService(ctx).municipality_code() == "2260", timeout=WAIT_MS)
    assert StatisticsService(ctx).population(year) == 7250
