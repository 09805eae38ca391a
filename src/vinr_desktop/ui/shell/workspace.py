"""The logged-in view: top bar, sidebar with the pages the user's roles allow, status strip.

Built fresh after every login and unlock, and thrown away on lock, so nothing stays in a
widget while the store is closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.access.policy import Action, can
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.accounts.admin import AdminService, SecurityStatus, UnitFacts
from vinr_desktop.services.accounts.auth import LoginResult
from vinr_desktop.services.accounts.profile import ProfileService
from vinr_desktop.services.backup.backups import BackupService
from vinr_desktop.services.backup.restoring import RestoreService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.retention.archive import ArchiveService
from vinr_desktop.services.retention.service import RetentionService
from vinr_desktop.ui.admin.admin_page import AdminPage
from vinr_desktop.ui.admin.work_contact_dialog import WorkContactDialog
from vinr_desktop.ui.audit.own_cases_page import OwnCasesLogPage
from vinr_desktop.ui.audit.review_page import LogReviewPage
from vinr_desktop.ui.backup.page import BackupPage
from vinr_desktop.ui.backup.status_button import BackupStatusButton
from vinr_desktop.ui.care.providers_page import ProvidersPage
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.cases.cases_page import CasesPage
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.resume import Place
from vinr_desktop.ui.common.widgets import DemoBanner, Notice, styled_label
from vinr_desktop.ui.compliance.page import CompliancePage
from vinr_desktop.ui.deadlines.page import DeadlinesPage
from vinr_desktop.ui.home_visits.mode_page import VisitModePage
from vinr_desktop.ui.home_visits.overdue import OverdueLine, add_home_visits_tab
from vinr_desktop.ui.insight.tab import add_insight_tab
from vinr_desktop.ui.retention.page import RetentionPage
from vinr_desktop.ui.statistics.page import StatisticsPanel
from vinr_desktop.views.home_visits import OpenVisit
from vinr_desktop.views.time_text import datetime_text

SIDEBAR_WIDTH = 200


def tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


@dataclass(frozen=True)
class SessionFacts:
    unit: UnitFacts
    status: SecurityStatus
    idle_minutes: int


def load_facts(admin: AdminService) -> SessionFacts:
    return SessionFacts(admin.unit_facts(), admin.security_status(), admin.idle_lock_minutes())


def failed_attempts_text(count: int) -> str:
    return by_count(
        count,
        tr("1 misslyckat inloggningsförsök sedan din senaste inloggning."),
        tr("{0} misslyckade inloggningsförsök sedan din senaste inloggning."),
    )


class SidebarList(QListWidget):
    """The page list; says when the user chooses the page that is already shown (a click, or
    Enter), which takes Ärenden back from an open case to the list."""

    reselected = Signal(int)  # the row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pressed_current = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        self._pressed_current = item is not None and item is self.currentItem()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        item = self.itemAt(event.position().toPoint())
        if self._pressed_current and item is not None and item is self.currentItem():
            self.reselected.emit(self.currentRow())
        self._pressed_current = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.reselected.emit(self.currentRow())
            event.accept()
            return
        super().keyPressEvent(event)


class Workspace(QWidget):
    lock_requested = Signal()
    change_password_requested = Signal()
    logout_requested = Signal()
    restored = Signal(object)  # RestoreDone: the register was replaced, everyone logged out
    idle_minutes_known = Signal(int)  # loaded at start and after the admin changes it
    visit_mode_changed = Signal()  # a home visit started or ended: build the workspace anew
    guard_requested = Signal()  # Skärmskydd (F12): blank the screen now

    def __init__(
        self,
        admin: AdminService,
        runner: OperationRunner,
        login: LoginResult,
        *,
        demo: bool,
        visit: OpenVisit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.visit = visit  # hembesöksläge: only this visit's case
        self._admin = admin
        self._runner = runner
        user = login.user
        self.unit_label = styled_label("", "h2")  # wraps in a narrow window
        # Her name opens what concerns her own account, so the top bar keeps its room for the
        # unit's name and the lock button.
        self.user_button = QPushButton(f"{user.full_name} ({user.role_labels})")
        self.user_button.setObjectName("UserMenuButton")
        self.user_button.setToolTip(tr("Ditt konto: kontaktuppgifter och lösenord"))
        account_menu = QMenu(self.user_button)
        self.contact_action = account_menu.addAction(tr("Mina kontaktuppgifter…"))
        self.password_action = account_menu.addAction(tr("Byt lösenord…"))
        # Her own first page after login: Bevakningar instead of Ärenden (ProfileService).
        self.start_page_action = account_menu.addAction(tr("Visa Bevakningar först vid inloggning"))
        self.start_page_action.setCheckable(True)
        self.start_page_action.setVisible(visit is None and can(user, Action.VIEW_DEADLINES))
        self._start_decided = False  # the user moved, or a place was resumed: stay there
        account_menu.addSeparator()
        self.logout_action = account_menu.addAction(tr("Logga ut"))
        # During a home visit the way out of the mode is Lämna läget… (with the password).
        self.logout_action.setVisible(visit is None)
        self.user_button.setMenu(account_menu)
        self.lock_button = QPushButton(tr("Lås (Ctrl+L)"))
        self.guard_button = QPushButton(tr("Skärmskydd (F12)"))
        self.guard_button.setToolTip(tr("Dölj allt på skärmen direkt. Tillbaka med lösenordet."))
        self.overdue_line = OverdueLine()
        self.visit_page: VisitModePage | None = None
        for button in (self.user_button, self.lock_button, self.guard_button):
            button.setAutoDefault(False)
        self.notice = Notice()
        self.binding_label = QLabel()
        self.backups = BackupService(admin.ctx)
        self.backup_label = BackupStatusButton(self.backups, runner, user)
        self.last_login_label = QLabel(
            tr("Din förra inloggning: {0}").format(
                datetime_text(login.previous_login_utc, tr("ingen tidigare"))
            )
        )
        self.sidebar = SidebarList()
        self.sidebar.setObjectName("SidebarList")
        # A long page name ("Vem har sett mina ärenden?") wraps instead of scrolling sideways.
        self.sidebar.setWordWrap(True)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        self.page_by_name: dict[str, QWidget] = {}
        self.admin_page: AdminPage | None = None
        self.cases_page: CasesPage | None = None
        self.log_review_page: LogReviewPage | None = None
        self.retention_page: RetentionPage | None = None
        self.own_cases_log_page: OwnCasesLogPage | None = None
        self.backup_page: BackupPage | None = None
        self.deadlines_page: DeadlinesPage | None = None
        self.statistics_page: StatisticsPanel | None = None
        self.casework = CaseWorkServices.for_context(admin.ctx)
        self._cases_name = tr("Ärenden")
        self._backups_name = tr("Säkerhetskopior")

        if visit is None:
            self._add_pages(login)
        else:
            self._add_visit_page(visit)
        self._build(demo)
        self._show_failed_attempts(login.failed_attempts)
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sidebar.reselected.connect(self._page_reselected)
        self.sidebar.setCurrentRow(0)
        # Ctrl+F: the search of Ärenden from every page (and from an open case).
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.go_to_search)
        self.find_shortcut.setEnabled(self.cases_page is not None)
        self.lock_button.clicked.connect(self.lock_requested)
        self.guard_button.clicked.connect(self.guard_requested)
        if visit is None:
            self.overdue_line.load(self.casework, runner)
        self.password_action.triggered.connect(self.change_password_requested)
        self.logout_action.triggered.connect(self.logout_requested)
        self.backup_label.open_page_requested.connect(self.show_backups)
        self.contact_action.triggered.connect(self.edit_own_contact)
        runner.run(lambda: load_facts(admin), parent=self, success=self._show_facts)
        self.sidebar.currentRowChanged.connect(self._moved)
        if self.start_page_action.isVisible():
            profile = ProfileService(admin.ctx)
            runner.run(profile.own_start_page, parent=self, success=self._start_page_known)
            self.start_page_action.toggled.connect(self._choose_start_page)

    def _add_pages(self, login: LoginResult) -> None:
        user = login.user
        if can(user, Action.LIST_CASES):
            self.cases_page = CasesPage(
                self.casework,
                self._runner,
                user,
                case_panel_factory=self._case_panel,
                today=self._today,
            )
            self._add_page(self._cases_name, self.cases_page)
        if can(user, Action.VIEW_DEADLINES):
            self.deadlines_page = DeadlinesPage(self.casework, self._runner)
            self.deadlines_page.open_case_requested.connect(self._open_case_from_deadlines)
            self._add_page(tr("Bevakningar"), self.deadlines_page)
        if can(user, Action.VIEW_COMPLIANCE):
            compliance = CompliancePage(self.casework, self._runner, today=self._today)
            compliance.open_case_requested.connect(self._open_case_from_deadlines)
            self._add_page(tr("Egenkontroll"), compliance)
        if can(user, Action.VIEW_STATISTICS):
            self.statistics_page = StatisticsPanel(
                self.casework, self._runner, user, self._today().year
            )
            self.statistics_page.open_case_requested.connect(self._open_case_from_deadlines)
            self._add_page(tr("Statistik"), self.statistics_page)
        if can(user, Action.MANAGE_PROVIDERS):
            self._add_page(
                tr("Utförare"), ProvidersPage(self.casework.care.providers, self._runner)
            )
        if can(user, Action.REVIEW_RETENTION):
            self.retention_page = RetentionPage(
                RetentionService(self._admin.ctx), ArchiveService(self._admin.ctx), self._runner
            )
            self._add_page(tr("Gallring"), self.retention_page)
        if can(user, Action.REVIEW_AUDIT_LOG):
            self.log_review_page = LogReviewPage(self.casework, self._runner, today=self._today)
            self._add_page(tr("Loggkontroll"), self.log_review_page)
        if can(user, Action.VIEW_OWN_CASES_LOG):
            self.own_cases_log_page = OwnCasesLogPage(
                self.casework, self._runner, today=self._today
            )
            self._add_page(tr("Vem har sett mina ärenden?"), self.own_cases_log_page)
        if can(user, Action.MANAGE_USERS):
            self.admin_page = AdminPage(self._admin, self._runner, user)
            self.admin_page.idle_minutes_changed.connect(self.idle_minutes_known)
            self._add_page(tr("Administration"), self.admin_page)
        if can(user, Action.MANAGE_BACKUPS):
            self.backup_page = BackupPage(
                self.backups, RestoreService(self._admin.ctx), self._runner, user.username
            )
            self.backup_page.restored.connect(self.restored)
            self._add_page(self._backups_name, self.backup_page)

    def show_backups(self) -> None:
        if self._backups_name in self.page_names:
            self.show_page(self._backups_name)

    def _open_case_from_deadlines(self, case_id: str, tab: str = "") -> None:
        if self.cases_page is None:
            return
        self.show_page(self._cases_name)
        self.cases_page.open_case(case_id)
        panel = self.cases_page.case_panel
        if tab and isinstance(panel, CasePanel):
            panel.show_tab(tab)

    def _moved(self, _row: int) -> None:
        self._start_decided = True

    def _start_page_known(self, choice: str) -> None:
        """Her first page, once read: Bevakningar, unless she has gone somewhere already."""
        wanted = choice == "deadlines"
        self.start_page_action.blockSignals(True)
        self.start_page_action.setChecked(wanted)
        self.start_page_action.blockSignals(False)
        if wanted and not self._start_decided and self.deadlines_page is not None:
            self.show_page(tr("Bevakningar"))
            self._start_decided = True

    def _choose_start_page(self, deadlines_first: bool) -> None:
        profile, choice = (
            ProfileService(self._admin.ctx),
            "deadlines" if deadlines_first else "cases",
        )
        self._runner.run(
            lambda: profile.set_own_start_page(choice),
            parent=self,
            success=lambda _none: self.notice.show_message(
                tr("Bevakningar visas först när du loggar in.")
                if deadlines_first
                else tr("Ärenden visas först när du loggar in.")
            ),
            failure=self.notice.show_message,
        )

    def _today(self) -> date:
        """Today where the user is, from the program's clock (not the store)."""
        return self._admin.ctx.now().astimezone().date()

    def _case_panel(self, case_id: str) -> CasePanel:
        """The view of one open case, built when a case is opened from the list or search."""
        panel = CasePanel(self.casework, self._runner, case_id)
        tab = add_home_visits_tab(panel, self.casework, self._runner)
        tab.started.connect(lambda _visit: self.visit_mode_changed.emit())
        tab.finished.connect(self.visit_mode_changed)
        add_insight_tab(panel, self.casework, self._runner)
        return panel

    def _add_visit_page(self, visit: OpenVisit) -> None:
        """Hembesöksläge: one page, the visited case; no list, search or other pages."""
        page = VisitModePage(self.casework, self._runner, visit, self._case_panel(visit.case_id))
        page.ended.connect(self.visit_mode_changed)
        self.visit_page = page
        self._add_page(tr("Hembesök"), page)

    def _add_page(self, name: str, page: QWidget) -> None:
        self.sidebar.addItem(name)
        self.pages.addWidget(page)
        self.page_by_name[name] = page

    @property
    def page_names(self) -> list[str]:
        return [self.sidebar.item(i).text() for i in range(self.sidebar.count())]

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(self.page_names.index(name))

    def _page_reselected(self, row: int) -> None:
        if self.cases_page is not None and self.pages.widget(row) is self.cases_page:
            self.cases_page.show_list()

    def go_to_search(self) -> None:
        """Go to the search box of Ärenden (leaving an open case for the list)."""
        if self.cases_page is None:
            return
        self.show_page(self._cases_name)
        if self.cases_page.case_panel is not None:
            self.cases_page.show_list()
        self.cases_page.focus_search()

    def place(self) -> Place:
        """Where the user is: the page, and the case open in Ärenden (ids only)."""
        row = self.sidebar.currentRow()
        page = self.page_names[row] if row >= 0 else ""
        case = None
        if self.visit_page is not None:
            return Place(page, self.visit_page.place())
        if self.cases_page is not None and self.pages.currentWidget() is self.cases_page:
            case = self.cases_page.place()
        return Place(page, case)

    def resume(self, place: Place) -> None:
        """Back to `place` (after an unlock): the page, the case, its tab and draft."""
        self._start_decided = True
        if place.page in self.page_names:
            self.show_page(place.page)
        if self.visit_page is not None:
            if place.case is not None and place.case.case_id == self.visit_page.visit.case_id:
                self.visit_page.resume(place.case)
            return
        if place.case is not None and self.cases_page is not None:
            self.show_page(self._cases_name)
            self.cases_page.resume(place.case)

    def _build(self, demo: bool) -> None:
        top = QFrame()
        top.setObjectName("TopBar")
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(20, 10, 16, 10)
        top_row.setSpacing(10)
        top_row.addWidget(self.unit_label, 1)
        top_row.addWidget(self.user_button)
        top_row.addWidget(self.guard_button)
        top_row.addWidget(self.lock_button)

        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(20, 0, 20, 0)  # the notice keeps its own top margin
        notice_row.addWidget(self.notice)

        side = QFrame()
        side.setObjectName("Sidebar")
        side.setFixedWidth(SIDEBAR_WIDTH)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(8, 12, 8, 12)
        side_box.addWidget(self.sidebar)

        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.addLayout(notice_row)
        content.addWidget(self.overdue_line)
        content.addWidget(self.pages, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(side)
        body.addLayout(content, 1)

        strip = QFrame()
        strip.setObjectName("StatusStrip")
        strip_row = QHBoxLayout(strip)
        strip_row.setContentsMargins(16, 4, 16, 4)
        strip_row.setSpacing(24)
        for label in (self.binding_label, self.last_login_label):
            label.setProperty("role", "muted")
        strip_row.addWidget(self.binding_label)
        strip_row.addWidget(self.backup_label)
        strip_row.addWidget(self.last_login_label)
        strip_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if demo:
            layout.addWidget(DemoBanner())
        layout.addWidget(top)
        layout.addLayout(body, 1)
        layout.addWidget(strip)

    def _show_failed_attempts(self, count: int) -> None:
        if count > 0:
            self.notice.show_message(
                failed_attempts_text(count) + " " + tr("Var det inte du, tala med administratören.")
            )
        else:
            self.notice.hide()

    def edit_own_contact(self) -> None:
        """Mina kontaktuppgifter: the work phone and e-mail printed on her documents."""
        profile = ProfileService(self._admin.ctx)
        WorkContactDialog(
            tr("Mina kontaktuppgifter"),
            profile.own_contact,
            profile.set_own_contact,
            self._runner,
            self,
        ).open()

    def _show_facts(self, facts: SessionFacts) -> None:
        parts = [p for p in (facts.unit.municipality, facts.unit.unit) if p]
        self.unit_label.setText(" · ".join(parts))
        self.binding_label.setText(facts.status.device_binding_text)
        self.idle_minutes_known.emit(facts.idle_minutes)
