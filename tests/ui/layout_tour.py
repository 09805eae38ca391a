"""A walk through every page and dialog of the program in the demo register.

`Tour.walk()` drives a real MainWindow as the demo users: the case list and search, an adult, a
child and a protected case with each of their tabs and the dialogs that write to them, the lock
screen, Loggkontroll, Administration, and (in a second window) the setup wizard. At each stop it
calls `visit(name, window)`, where test_layout_walk.py checks the layout at both window sizes
(and with LAYOUT_SHOTS set saves a screenshot of each).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from vinr_desktop.access.policy import Relation
from vinr_desktop.domain.cases import CaseStatus
from vinr_desktop.domain.decisions import InsatsState
from vinr_desktop.services.demo.register import DEMO_PASSWORD
from vinr_desktop.ui.care.tab import CareTab
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.cases.cases_page import CasesPage
from vinr_desktop.ui.common.case_banner import CaseBanner, CaseHeading
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.workspace import Workspace
from vinr_desktop.views.care import DecisionView
from vinr_desktop.views.cases import CaseListRow

Visit = Callable[[str, QWidget], None]
WAIT_S = 20.0


class TourError(AssertionError):
    pass


class Tour:
    """Drives one MainWindow on a copy of the demo register."""

    def __init__(self, window: MainWindow, visit: Visit) -> None:
        self.window = window
        self._visit = visit
        # A dialog opened from a case: its name, the open case's heading, the heading its
        # banner shows, the banner's text and the dialog's window title.
        self.banners: list[tuple[str, CaseHeading | None, CaseHeading | None, str, str]] = []

    # -- waiting -------------------------------------------------------------------------

    def wait_until(self, condition: Callable[[], object], what: str = "") -> None:
        deadline = time.monotonic() + WAIT_S
        while not condition():
            if time.monotonic() > deadline:
                raise TourError(f"timed out waiting for {what or 'the program'}")
            QTest.qWait(10)

    def idle(self) -> None:
        """Every background call done and its results shown (and what they started)."""
        for _ in range(3):
            self.wait_until(lambda: not self.window.runner.busy, "the database thread")
            QTest.qWait(20)

    def visit(self, name: str, widget: QWidget | None = None) -> None:
        self.idle()
        QCoreApplication.processEvents()
        self._visit(name, widget or self.window)

    # -- the session ---------------------------------------------------------------------

    @property
    def workspace(self) -> Workspace:
        current = self.window.current
        if not isinstance(current, Workspace):
            raise TourError("not in the workspace")
        return current

    def login(self, username: str) -> None:
        self.wait_until(lambda: self.window.screen_kind is Screen.LOGIN, "the login screen")
        page = self.window.current
        page.username.setText(username)  # type: ignore[union-attr]
        page.password.setText(DEMO_PASSWORD)  # type: ignore[union-attr]
        page.login_button.click()  # type: ignore[union-attr]
        self.wait_until(lambda: self.window.screen_kind is Screen.WORKSPACE, "the workspace")
        self.idle()

    def logout(self) -> None:
        self.window.logout()
        self.idle()

    @contextmanager
    def dialog(self, name: str, open_it: Callable[[], object]) -> Iterator[QDialog]:
        """Open a dialog, look at it, let the caller use it, close it (drafts are kept)."""
        before = set(_dialogs())
        open_it()
        self.wait_until(lambda: set(_dialogs()) - before, f"the dialog {name}")
        self.idle()
        dialog = next(iter(set(_dialogs()) - before))
        self.visit(name, dialog)
        self._note_banner(name, dialog)
        try:
            yield dialog
        finally:
            for other in [d for d in _dialogs() if d not in before and isValid(d)]:
                other.done(QDialog.DialogCode.Rejected.value)
            self.idle()

    def _note_banner(self, name: str, dialog: QDialog) -> None:
        """Record what the case banner of a dialog opened from a case says, and what it
        should say (the case open behind it)."""
        current = self.window.current
        page = current.cases_page if isinstance(current, Workspace) else None
        view = page.case_panel if page is not None else None
        if not isinstance(view, CasePanel) or isinstance(dialog, QMessageBox):
            return
        expected = view.case_heading()
        banner = dialog.findChild(CaseBanner)
        shown = banner.heading if banner is not None and banner.isVisible() else None
        text = banner.text() if banner is not None else ""
        self.banners.append((name, expected, shown, text, dialog.windowTitle()))

    def look_at(self, name: str, open_it: Callable[[], object]) -> None:
        with self.dialog(name, open_it):
            pass

    # -- the walk ------------------------------------------------------------------------

    def walk(self) -> None:
        self.visit("inloggning")
        login_page = self.window.current
        self.look_at("återställningskod", login_page.open_recovery)  # type: ignore[union-attr]
        self.login("handlaggare")
        self.caseworker()
        self.logout()
        self.login("chef")
        self.manager()
        self.logout()
        self.login("admin")
        self.administrator()
        self.logout()

    def caseworker(self) -> None:
        workspace = self.workspace
        page = workspace.cases_page
        assert page is not None
        self.wait_until(lambda: page.model.rowCount() > 0, "the case list")
        self.visit("ärenden")
        page.search.setText("Testsson")
        page.run_search()
        self.visit("sök")
        page.search.clear()
        self.idle()
        rows = [r for r in map(page.model.row_at, range(page.model.rowCount())) if r]
        adult = self.richest(_candidates(rows, child=False, protected=None))
        child = _widest_header(_candidates(rows, child=True, protected=None))
        protected = next(
            r for r in _candidates(rows, child=False, protected=True) if r is not adult
        )
        self.adult_case(page, adult)
        adults = _candidates(rows, child=False, protected=None)
        drafted, signed = self.richest(adults, risk=True), self.richest(adults, risk=False)
        self.risk(self.open_case(page, drafted), drafts=True)
        self.risk(self.open_case(page, signed), drafts=False)
        self.child_case(page, child)
        self.protected_case(page, protected)
        page.show_list()
        self.idle()
        self.look_at("nytt-ärende", page.new_case)
        self.look_at("byt-lösenord", workspace.password_action.trigger)
        for name in workspace.page_names[1:]:
            workspace.show_page(name)
            self.visit(f"sida-{_slug(name)}")
            add = getattr(workspace.page_by_name[name], "add_button", None)
            if add is not None and add.isEnabled():
                self.look_at(f"sida-{_slug(name)}-ny", add.click)
        workspace.show_page(workspace.page_names[0])
        self.window.lock()
        self.wait_until(lambda: self.window.screen_kind is Screen.LOCKED, "the lock screen")
        self.visit("låst")
        screen = self.window.current
        screen.password.setText(DEMO_PASSWORD)  # type: ignore[union-attr]
        screen.unlock_button.click()  # type: ignore[union-attr]
        self.wait_until(lambda: self.window.screen_kind is Screen.WORKSPACE, "the unlock")
        self.idle()

    def query(self, fn: Callable[[], object]) -> object:
        """A service call on the database thread (as the program makes them), waited for."""
        results: list[object] = []
        self.window.runner.run(fn, success=results.append)
        self.wait_until(lambda: results, "a service call")
        return results[0]

    def richest(self, rows: list[CaseListRow], *, risk: bool | None = None) -> CaseListRow:
        """The case with the most to show: insatser with a vårdplan (or, with `risk`, draft
        assessments when True, signed ones when False), then markers."""
        services = self.workspace.casework

        def weight(row: CaseListRow) -> tuple[int, int, int]:
            def count() -> tuple[int, int]:
                if risk is not None:
                    history = services.risk.history(row.case_id)
                    drafts = sum(1 for a in history.assessments if a.is_draft)
                    signed = len(history.assessments) - drafts
                    return (drafts, signed) if risk else (signed, drafts)
                insatser = services.care.overview.insatser(row.case_id)
                planned = sum(1 for i in insatser if i.care_plan is not None)
                return planned, len(insatser)

            first, second = self.query(count)  # type: ignore[misc]
            return first, second, len(row.markers)

        return max(rows, key=weight)

    def open_case(self, page: CasesPage, row: CaseListRow) -> CasePanel:
        if page.case_panel is not None:
            page.show_list()
        page.open_case(row.case_id)
        view = page.case_panel
        assert isinstance(view, CasePanel)
        self.wait_until(lambda: view.is_open, "the case")
        self.idle()
        return view

    def tabs(self, view: CasePanel, prefix: str) -> None:
        for i in range(view.tabs.count()):
            view.tabs.setCurrentIndex(i)
            self.idle()
            self.visit(f"{prefix}-{_slug(view.tabs.tabText(i))}")
        view.tabs.setCurrentIndex(0)

    def adult_case(self, page: CasesPage, row: CaseListRow) -> None:
        view = self.open_case(page, row)
        self.tabs(view, "vuxen")
        overview = view.overview
        main = overview.person_cards[0].person.person_id
        self.look_at("markeringar", overview.edit_markers)
        self.look_at("ny-person", overview.add_person)
        self.look_at("ändra-person", lambda: overview.edit_person(main))
        self.look_at("koppla-barn", overview.link_children)
        self.look_at("avsluta-ärende", view.close_case)
        if view.share_button.isVisible():
            self.look_at("dela", view.share_case)
        view.tabs.setCurrentWidget(view.journal)
        self.idle()
        self.look_at("journalanteckning", view.journal.new_entry)
        journal = view.journal
        for row_number in range(journal.model.rowCount()):
            entry = journal.model.row_at(row_number)
            if entry is not None and not entry.is_draft and entry.corrected_by_id is None:
                journal.list_view.setCurrentIndex(journal.model.index(row_number, 0))
                if journal.correct_button.isEnabled():
                    self.look_at("rättelse", journal.correct_selected)
                    break
        self.care(view)
        self.insight(view)

    def insight(self, view: CasePanel) -> None:
        """Partsinsyn: a new request and the review screen of one (issue 21)."""
        from vinr_desktop.domain.insight import Requester, RequestInput, Scope
        from vinr_desktop.ui.insight.tab import InsightTab

        tab = view.findChild(InsightTab)
        assert tab is not None
        view.tabs.setCurrentWidget(tab)
        self.idle()
        self.look_at("partsinsyn-begäran", tab.new_request)
        data = RequestInput(Requester.CLIENT, "", tab._today, Scope.WHOLE)
        self.query(lambda: tab.insight.record_request(view.case_id, data))
        tab.reload()
        self.idle()
        tab.table.selectRow(0)
        self.look_at("partsinsyn-granskning", tab.review)

    def risk(self, view: CasePanel, *, drafts: bool) -> None:
        """Bedömningar: a draft assessment page by page (or a signed one and the comparison);
        with a signed one also the new-assessment, contact and safety-plan dialogs."""
        tab = view.risk_tab
        view.tabs.setCurrentWidget(tab)
        self.idle()
        model = tab.model
        rows = [model.row_at(r) for r in range(model.rowCount())]
        for draft in (drafts,):
            row = next((n for n, a in enumerate(rows) if a is not None and a.is_draft == draft), -1)
            if row < 0:
                raise TourError("no such assessment in the demo register")
            tab.table.selectRow(row)
            self.idle()
            name = "bedömning-utkast" if draft else "bedömning"
            with self.dialog(name, lambda r=row: tab.open_row(r)) as dialog:
                steps = 0
                while dialog.next_button.isEnabled() and steps < 12:  # type: ignore[attr-defined]
                    dialog.forward()  # type: ignore[attr-defined]
                    steps += 1
                    self.visit(f"{name}-steg{steps}", dialog)
            if not draft:
                self.look_at("jämför", tab.compare_selected)
        if drafts:
            return
        self.look_at("ny-bedömning", tab.new_assessment)
        self.look_at("kontakt", tab.change_contact)
        snapshot = tab.snapshot
        if snapshot is not None and snapshot.persons:
            person = snapshot.persons[0].person_id
            with self.dialog("säkerhetsplan", lambda: tab.open_plan(person)) as plan_dialog:
                new = plan_dialog.new_button  # type: ignore[attr-defined]
                if new.isVisible() and new.isEnabled():
                    self.look_at("säkerhetsplan-ny-version", new.click)

    def care(self, view: CasePanel) -> None:
        tab: CareTab = view.care_tab
        view.tabs.setCurrentWidget(tab)
        self.idle()
        actions = tab.care_actions
        self.look_at("nytt-beslut", actions.new_decision)
        snapshot = tab.snapshot
        if snapshot is None:
            return
        for row, item in enumerate(snapshot.insatser):
            if not item.decision.is_insats or item.decision.state is InsatsState.ENDED:
                continue
            tab.table.selectRow(row)
            self.idle()
            self.visit("insatser-vald")
            decision = item.decision
            self.look_at("beslut", lambda d=decision: actions.open_decision(d))
            self.look_at("vårdplan", lambda i=item: actions.edit_plan(i))
            if item.care_plan is not None:
                self.look_at("vårdplan-versioner", lambda i=item: actions.view_plan(i))
                self.look_at("uppföljning", lambda d=decision: actions.new_follow_up(d))
            if not decision.provider_own:
                self.look_at(
                    "genomförandeplan-begärd", lambda d=decision: actions.request_plan(d, False)
                )
            self.look_at(
                "genomförandeplan-mottagen", lambda d=decision: actions.receive_plan(d, None)
            )
            self.look_at("avsluta-insats", lambda d=decision: actions.end_insats(d))
            self.letters(tab, decision)
            break

    def letters(self, tab: CareTab, decision: DecisionView) -> None:
        """The letters to the client of the selected decision (issue 21)."""
        self.wait_until(lambda: tab.detail is not None and tab.detail.letters is not None)
        assert tab.detail is not None and tab.detail.letters is not None
        state, letters = tab.detail.letters, tab.care_actions.letters
        self.look_at("kommunicering", lambda: letters.communicate(decision))
        self.look_at("beslutsmeddelande-skickat", lambda: letters.record_sent(decision, state))
        self.look_at("överklagande", lambda: letters.appeal(decision, state))
        self.look_at("omprövning", lambda: letters.review(decision))
        self.look_at("domstolens-avgörande", lambda: letters.court(decision))

    def child_case(self, page: CasesPage, row: CaseListRow) -> None:
        view = self.open_case(page, row)
        self.tabs(view, "barn")
        overview = view.overview
        self.look_at("skyddsbedömning", overview.record_protection)
        self.look_at("förhandsbedömning", overview.record_preliminary)

    def protected_case(self, page: CasesPage, row: CaseListRow) -> None:
        view = self.open_case(page, row)
        self.visit("skyddad-översikt")
        overview = view.overview
        card = next((c for c in overview.person_cards if c.reveal_button is not None), None)
        if card is None:
            return
        with self.dialog("visa-skyddad", card.reveal_button.click) as dialog:  # type: ignore[union-attr]
            dialog.reason.setText("Fiktivt skäl för att visa adressen i ett test.")  # type: ignore[attr-defined]
            dialog.ok_button.click()  # type: ignore[attr-defined]
            self.wait_until(lambda: not isValid(dialog) or not dialog.isVisible(), "the reveal")
        self.visit("skyddad-visad")

    def manager(self) -> None:
        workspace = self.workspace
        for name in workspace.page_names:
            workspace.show_page(name)
            self.visit(f"chef-{_slug(name)}")
        review = workspace.log_review_page
        if review is not None:
            workspace.show_page(next(n for n, p in workspace.page_by_name.items() if p is review))
            self.wait_until(lambda: review.events.model.rowCount() > 0, "the log")
            review.events.table.selectRow(0)
            self.idle()
            self.visit("chef-loggkontroll-vald")
            self.look_at("granskad", review.mark_reviewed)
        page = workspace.cases_page
        if page is not None and page.may_emergency:
            workspace.show_page(workspace.page_names[0])
            self.look_at("nödåtkomst", page.emergency_access)

    def administrator(self) -> None:
        workspace = self.workspace
        for name in workspace.page_names:
            workspace.show_page(name)
            self.visit(f"admin-{_slug(name)}")
        admin = workspace.admin_page
        assert admin is not None
        workspace.show_page(workspace.page_names[-1])
        self.look_at("ny-användare", admin.add_user)
        admin.table.selectRow(1)
        self.idle()
        with self.dialog("ny-engångskod-fråga", admin.issue_one_time_password) as box:
            assert isinstance(box, QMessageBox)
            before = set(_dialogs())
            box.button(QMessageBox.StandardButton.Yes).click()
            self.wait_until(lambda: set(_dialogs()) - before - {box}, "the one-time password")
            self.idle()
            shown = next(iter(set(_dialogs()) - before - {box}))
            self.visit("engångslösenord", shown)
        self.look_at("instrument", admin.instruments_button.click)


def walk_wizard(window: MainWindow, visit: Visit) -> None:
    """The setup wizard in a window on an empty folder: each step, and its errors."""
    tour = Tour(window, visit)
    tour.visit("start")
    window.show_setup()
    wizard = window.current
    tour.visit("guide-steg1")
    wizard.next_button.click()  # type: ignore[union-attr]
    tour.visit("guide-steg1-fel")
    wizard.municipality.setText("Exempelby kommun (fiktiv)")  # type: ignore[union-attr]
    wizard.unit.setText("VINR-enheten (fiktiv)")  # type: ignore[union-attr]
    wizard.next_button.click()  # type: ignore[union-attr]
    tour.visit("guide-steg2")
    wizard.next_button.click()  # type: ignore[union-attr]
    tour.visit("guide-steg2-fel")


def _dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def _candidates(
    rows: list[CaseListRow], *, child: bool | None, protected: bool | None
) -> list[CaseListRow]:
    """The user's own open cases of that kind."""
    fitting = [
        r
        for r in rows
        if r.status.value != "closed"
        and r.access is Relation.OWN_CASE
        and (child is None or r.is_child_case == child)
        and (protected is None or r.protected == protected)
    ]
    if not fitting:
        raise TourError(f"no demo case with child={child}, protected={protected}")
    return fitting


def _widest_header(rows: list[CaseListRow]) -> CaseListRow:
    """The case whose header holds the most: protected, a next step, the longest status."""
    return max(
        rows,
        key=lambda r: (
            r.protected,
            r.status in (CaseStatus.INTAKE, CaseStatus.INVESTIGATION),
            len(r.markers),
        ),
    )


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")
