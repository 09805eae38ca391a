"""The Ärenden page through the real main window: list, sorting, keyboard, search, new case."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, open_dialog, wait_idle
from vinr_desktop.domain.cases import IntakeKind, ReporterKind
from vinr_desktop.domain.identity import IdentityKind, luhn_check_digit
from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind
from vinr_desktop.domain.persons import ContactDetails, ProtectionLevel
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.cases_page import CasesPage
from vinr_desktop.ui.cases.list_model import (
    COL_BADGES,
    COL_MARKERS,
    COL_NUMBER,
    COL_PERSON,
    COL_RESPONSIBLE,
    markers_text,
)
from vinr_desktop.ui.cases.new_case_dialog import NewCaseDialog
from vinr_desktop.ui.cases.search_results import (
    HIT_COL_SNIPPET,
    SNIPPET_HTML_ROLE,
    snippet_html,
)
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace
from vinr_desktop.views.cases import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    CaseRef,
    NewCase,
    PersonInput,
)

BO_PASSWORD = "bo har ett eget lösenord 5"
CASE_VIEW_EXISTS = importlib.util.find_spec("vinr_desktop.ui.cases.case_panel") is not None


# -- fictional data, created through the real services ---------------------------------------


def personnummer(birth: date, serial: int) -> str:
    short = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}-{serial:03d}{luhn_check_digit(short)}"


def person(
    first: str,
    last: str,
    *,
    birth: date = date(1985, 4, 12),
    serial: int = 123,
    protection: ProtectionLevel = ProtectionLevel.NONE,
) -> PersonInput:
    return PersonInput(
        first_name=first,
        last_name=last,
        identity_kind=IdentityKind.PERSONNUMMER,
        identity_text=personnummer(birth, serial),
        contact=ContactDetails("Fiktiva gatan 1", "000 11", "Demoby", "070-000 00 00"),
        protection_level=protection,
    )


def new_case(main: PersonInput, markers: tuple[str, ...] = ("violence_physical",)) -> NewCase:
    return NewCase(
        intake_kind=IntakeKind.APPLICATION,
        intake_date=date(2026, 2, 20),
        reporter_kind=ReporterKind.NONE,
        reporter_text="",
        main_person=main,
        markers=markers,
    )


def as_user(
    env: UiEnv,
    username: str,
    password: str,
    work: Callable[[CaseWorkServices], object],
) -> object:
    """Log in outside the window, do `work` with the case services, log out again."""
    ctx = env.context()
    auth = AuthService(ctx)
    auth.login(username, password)
    try:
        return work(CaseWorkServices.for_context(ctx))
    finally:
        auth.logout()
        ctx.release()


def register(
    env: UiEnv, *cases: NewCase, user: str = ADMIN, pw: str = ADMIN_PASSWORD
) -> list[CaseRef]:
    refs: list[CaseRef] = []
    as_user(env, user, pw, lambda s: refs.extend(s.cases.register(c) for c in cases))
    return refs


def sign_entry(env: UiEnv, ref: CaseRef, text: str) -> None:
    draft = EntryDraft(date(2026, 2, 25), EntryKind.PHONE, SourceKind.CLIENT, "", text)
    as_user(env, ADMIN, ADMIN_PASSWORD, lambda s: s.journal.sign(ref.case_id, None, draft))


def cases_page(qtbot: QtBot, window: MainWindow) -> CasesPage:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    page = workspace.cases_page
    assert page is not None
    assert workspace.pages.currentWidget() is page  # the first page for a handläggare
    wait_idle(qtbot, window)
    with qtbot.waitActive(window):  # shortcuts (Ctrl+F, Ctrl+N) work in the active window
        window.activateWindow()
    return page


def shown_rows(page: CasesPage) -> list[dict[int, str]]:
    proxy = page.proxy
    return [
        {c: proxy.index(r, c).data() or "" for c in range(proxy.columnCount())}
        for r in range(proxy.rowCount())
    ]


# -- the list ----------------------------------------------------------------------------------


def test_empty_list_says_how_to_start(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    page = cases_page(qtbot, window)
    assert page.empty.isVisibleTo(page)
    assert page.empty.text() == "Du har inga ärenden ännu. Registrera ett med Nytt ärende."
    assert not page.table.isVisibleTo(page)
    assert page.new_button.isVisibleTo(page)
    assert not page.scope.isVisibleTo(page)  # a handläggare sees only her own cases
    stray = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert not stray  # no widget of the page became a window of its own


def test_list_shows_cases_masked_person_and_protected_badge(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    register(
        env,
        new_case(
            person("Testa", "Testsson-Fiktiv"),
            ("violence_physical", "violence_psychological", "violence_economic", "vuln_substance"),
        ),
        new_case(
            person(
                "Skydda",
                "Hemligsson-Fiktiv",
                birth=date(1990, 7, 3),
                serial=456,
                protection=ProtectionLevel.PROTECTED_REGISTRATION,
            )
        ),
        new_case(person("Lilla", "Barnsson-Fiktiv", birth=date(2016, 5, 1), serial=222)),
    )
    window = logged_in_window()
    page = cases_page(qtbot, window)
    rows = {row[COL_PERSON]: row for row in shown_rows(page)}
    assert set(rows) == {"Testa Testsson-Fiktiv", "S. H. (skyddad)", "Lilla Barnsson-Fiktiv"}
    assert "Hemligsson" not in " ".join(" ".join(r.values()) for r in rows.values())
    assert rows["S. H. (skyddad)"][COL_BADGES] == "SKYDDAD"
    assert rows["Lilla Barnsson-Fiktiv"][COL_BADGES] == "Barn"
    assert rows["Testa Testsson-Fiktiv"][COL_BADGES] == ""
    assert rows["Testa Testsson-Fiktiv"][COL_MARKERS] == "Fysiskt, psykiskt +2"
    assert page.table.isColumnHidden(COL_RESPONSIBLE)
    protected_row = next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, COL_PERSON).data() == "S. H. (skyddad)"
    )
    tooltip = page.proxy.index(protected_row, COL_BADGES).data(Qt.ItemDataRole.ToolTipRole)
    assert "Skyddade personuppgifter" in tooltip
    marker_tip = page.proxy.index(
        next(r for r in range(3) if page.proxy.index(r, COL_PERSON).data().startswith("Testa")),
        COL_MARKERS,
    ).data(Qt.ItemDataRole.ToolTipRole)
    assert "Våldstyp: fysiskt våld, psykiskt våld, ekonomiskt våld" in marker_tip
    assert "Särskild utsatthet: missbruk/beroende" in marker_tip
    assert window.windowTitle() == "VINR Desktop" or "Testa" not in window.windowTitle()


def test_markers_text_is_short() -> None:
    assert markers_text(()) == ""
    assert markers_text(("violence_physical",)) == "Fysiskt"
    assert markers_text(("violence_honour", "vuln_young")) == (
        "Hedersrelaterat våld och förtryck, ung (16–25)"
    )


def test_sorting_by_clicking_a_header(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    register(
        env,
        new_case(person("Bertil", "Fiktiv", serial=111)),
        new_case(person("Anna", "Fiktiv", serial=112)),
        new_case(person("Cecilia", "Fiktiv", serial=113)),
    )
    window = logged_in_window()
    page = cases_page(qtbot, window)
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_PERSON) + 10
    click = QPoint(x, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click)
    names = [r[COL_PERSON] for r in shown_rows(page)]
    assert names in (sorted(names), sorted(names, reverse=True))
    first_order = names
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click)
    assert [r[COL_PERSON] for r in shown_rows(page)] == list(reversed(first_order))
    page.table.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    numbers = [r[COL_NUMBER] for r in shown_rows(page)]
    assert numbers == sorted(numbers)


def test_status_filter_and_type_to_search(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    register(
        env,
        new_case(person("Bertil", "Fiktiv", serial=111)),
        new_case(person("Anna", "Fiktiv", serial=112)),
    )
    window = logged_in_window()
    page = cases_page(qtbot, window)
    page.status.setCurrentIndex(page.status.findText("Avslutade"))
    assert page.proxy.rowCount() == 0
    assert "Inga ärenden med den valda statusen" in page.empty.text()
    page.status.setCurrentIndex(page.status.findText("Aktualiserad"))
    assert page.proxy.rowCount() == 2
    page.table.setFocus()
    qtbot.keyClicks(page.table, "Ber")
    assert page.table.currentIndex().siblingAtColumn(COL_PERSON).data() == "Bertil Fiktiv"


def test_enter_opens_the_case_and_back_returns_to_the_list(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    refs = register(
        env,
        new_case(person("Bertil", "Fiktiv", serial=111)),
        new_case(person("Anna", "Fiktiv", serial=112)),
    )
    window = logged_in_window()
    page = cases_page(qtbot, window)
    page.table.setFocus()
    page.select_case(refs[0].case_id)
    if not CASE_VIEW_EXISTS:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        assert "kan inte visas" in page.error.text()
        return
    with qtbot.waitSignal(page.case_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [refs[0].case_id]
    view = page.case_panel
    assert view is not None
    assert page.stack.currentWidget() is view
    assert not page.header.isVisibleTo(page)
    wait_idle(qtbot, window)
    view.back_requested.emit()  # type: ignore[attr-defined]
    assert page.stack.currentWidget() is page.list_page
    wait_idle(qtbot, window)
    assert page.selected_case_id() == refs[0].case_id  # back where it was
    assert "Bertil" not in window.windowTitle()


# -- search ------------------------------------------------------------------------------------


def test_search_finds_case_by_name_and_journal_text_highlighted(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    refs = register(
        env,
        new_case(person("Bertil", "Sökbarsson-Fiktiv", serial=111)),
        new_case(person("Anna", "Fiktiv", serial=112)),
    )
    sign_entry(env, refs[1], "Samtal om <b>nyckelknippan</b> & hembesöket i Demoby.")
    window = logged_in_window()
    page = cases_page(qtbot, window)

    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "barsson")  # QTest types ASCII only
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.search_page, timeout=WAIT_MS)
    results = page.results
    assert results.case_model.rowCount() == 1
    assert results.case_model.index(0, COL_PERSON).data() == "Bertil Sökbarsson-Fiktiv"
    assert results.hits_model.rowCount() == 0

    page.search.setText("nyckelknippan")
    qtbot.waitUntil(lambda: results.hits_model.rowCount() == 1, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    html_text = results.hits_model.index(0, HIT_COL_SNIPPET).data(SNIPPET_HTML_ROLE)
    assert "&lt;b&gt;" in html_text  # what the user wrote is never markup
    assert "&amp;" in html_text
    assert 'background-color:#ffe066; font-weight:600;">nyckelknippan</span>' in html_text
    assert results.case_model.rowCount() == 0
    assert results.hits_model.index(0, 0).data() == refs[1].number

    page.search.clear()
    assert page.stack.currentWidget() is page.list_page

    page.search.setText("finnsintenågonstans")
    qtbot.waitUntil(lambda: results.nothing.isVisibleTo(results), timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert results.nothing.text() == "Inga träffar"


def test_enter_on_a_journal_hit_opens_its_case(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    refs = register(env, new_case(person("Anna", "Fiktiv", serial=112)))
    sign_entry(env, refs[0], "Hembesök, nyckelknippan hittades.")
    window = logged_in_window()
    page = cases_page(qtbot, window)
    page.search.setText("nyckelknippan")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.results.hits_model.rowCount() == 1, timeout=WAIT_MS)
    assert not page.status.isVisibleTo(page)  # the status filter is for the list only
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.results.hits_table.hasFocus()
    if not CASE_VIEW_EXISTS:
        return
    with qtbot.waitSignal(page.case_opened, timeout=WAIT_MS):
        qtbot.keyClick(page.results.hits_table, Qt.Key.Key_Return)
    assert page.open_case_id == refs[0].case_id
    wait_idle(qtbot, window)
    page.show_list()  # back to the search results, searched again
    assert page.stack.currentWidget() is page.search_page
    wait_idle(qtbot, window)
    assert page.results.hits_model.rowCount() == 1


def test_snippet_html_escapes_everything_but_the_highlight() -> None:
    s, e = HIGHLIGHT_START, HIGHLIGHT_END
    assert snippet_html(f'a <i>x</i> {s}träff{e} & "b"') == (
        'a &lt;i&gt;x&lt;/i&gt; <span style="background-color:#ffe066; font-weight:600;">'
        "träff</span> &amp; &quot;b&quot;"
    )
    # Unbalanced markers never give unbalanced markup.
    assert snippet_html(f"{e}x{s}y").count("<span") == snippet_html(f"{e}x{s}y").count("</span>")


def test_search_never_shows_another_users_protected_case(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    env.add_user("bo", "Bo Fiktivsson", {"caseworker"}, password=BO_PASSWORD)
    register(
        env,
        new_case(
            person(
                "Gömd",
                "Skyddsson-Fiktiv",
                birth=date(1990, 7, 3),
                serial=456,
                protection=ProtectionLevel.PROTECTED_REGISTRATION,
            )
        ),
        user="bo",
        pw=BO_PASSWORD,
    )
    window = logged_in_window()
    page = cases_page(qtbot, window)
    assert page.model.rowCount() == 0
    for query in ("Skyddsson", "19900703"):
        page.search.setText(query)
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.search_page, timeout=WAIT_MS)
        wait_idle(qtbot, window)
        assert page.results.case_model.rowCount() == 0
        assert page.results.nothing.isVisibleTo(page.results)


# -- new case ----------------------------------------------------------------------------------


def _open_new_case_dialog(qtbot: QtBot, page: CasesPage) -> NewCaseDialog:
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(qtbot, NewCaseDialog)
    return dialog


def test_new_case_dialog_registers_a_case(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    page = cases_page(qtbot, window)
    dialog = _open_new_case_dialog(qtbot, page)
    assert dialog.intake_date.date().toPython() == date(2026, 3, 2)  # the program's clock
    dialog.intake_kind.setCurrentIndex(dialog.intake_kind.findText("Anmälan/orosanmälan"))
    assert dialog.reporter_kind() == ""  # a report needs its reporter: asked for, not guessed
    assert not dialog.reporter_text.isVisibleTo(dialog)
    dialog.reporter.setCurrentIndex(dialog.reporter.findText("Polisen"))
    assert dialog.reporter_kind() == "police"
    assert dialog.reporter_text_label.text() == "Uppgift om anmälaren"
    dialog.reporter_text.setText("Polisområde Fiktivt")
    form = dialog.person_form
    form.first_name.setText("Nya")
    form.last_name.setText("Ärendesson-Fiktiv")
    form.number.setText(personnummer(date(1979, 11, 30), 345))
    assert form.number_hint.text() == "Giltigt personnummer, född 1979-11-30"
    form.street.setText("Fiktiva gatan 1")
    dialog.marker_boxes["violence_physical"].setChecked(True)
    dialog.marker_boxes["relation_partner"].setChecked(True)
    with qtbot.waitSignal(dialog.registered, timeout=WAIT_MS) as registered:
        dialog.ok_button.click()
    wait_idle(qtbot, window)
    if CASE_VIEW_EXISTS:  # the new case opens at once
        assert page.open_case_id == registered.args[0]
        assert page.stack.currentWidget() is page.case_panel
        page.show_list()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    row = shown_rows(page)[0]
    assert row[COL_PERSON] == "Nya Ärendesson-Fiktiv"
    assert row[COL_MARKERS] == "Fysiskt, partner"
    assert "Ärendesson" not in window.windowTitle()


def test_invalid_personnummer_shows_the_swedish_message_inline(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    page = cases_page(qtbot, window)
    page.new_button.click()
    dialog = open_dialog(qtbot, NewCaseDialog)
    form = dialog.person_form
    form.first_name.setText("Fela")
    form.last_name.setText("Nummersson-Fiktiv")
    form.number.setText("19791130-3450")  # wrong check digit
    assert form.number_hint.text() == "Kontrollsiffran stämmer inte. Kontrollera numret."
    assert form.number_hint.property("role") == "error"
    dialog.ok_button.click()
    wait_idle(qtbot, window)
    assert dialog.isVisible()
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == "Kontrollsiffran stämmer inte. Kontrollera numret."
    dialog.reject()


def test_admin_only_user_has_no_cases_page(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    env.add_user("it", "It Fiktivsson", {"admin"}, password=BO_PASSWORD)
    window = logged_in_window("it", BO_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert "Ärenden" not in workspace.page_names
    assert workspace.cases_page is None
    assert not workspace.findChildren(CasesPage)


def test_manager_chooses_scope_and_sees_responsible(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    env.add_user("chef", "Chefa Fiktivsson", {"manager"}, password=BO_PASSWORD)
    register(env, new_case(person("Bertil", "Fiktiv", serial=111)))
    window = logged_in_window("chef", BO_PASSWORD)
    page = cases_page(qtbot, window)
    assert page.scope.isVisibleTo(page)
    assert page.scope.currentText() == "Alla ärenden jag får se"
    assert not page.new_button.isVisibleTo(page)  # an enhetschef does not register cases
    assert not page.table.isColumnHidden(COL_RESPONSIBLE)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert shown_rows(page)[0][COL_RESPONSIBLE] == "Ada Administratör-Fiktiv"
    page.scope.setCurrentIndex(0)
    wait_idle(qtbot, window)
    assert page.model.rowCount() == 0
    assert page.table.isColumnHidden(COL_RESPONSIBLE)
