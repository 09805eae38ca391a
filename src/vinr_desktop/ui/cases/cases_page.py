"""Ärenden: the user's cases, one search box, and the open case — all in one page.

The page holds a stack: the case list, the search results and an open case view. Going back
from a case returns to the list where it was, reloaded. The case view itself comes from a
factory the workspace passes in, so this page does not depend on how a case is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.access.policy import Action, Role, can
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.cases.cases import CaseScope
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.emergency import EmergencyDialog
from vinr_desktop.ui.cases.list_model import (
    CASE_ID_ROLE,
    COL_LAST_ENTRY,
    COL_PERSON,
    CaseFilterProxy,
    CaseListModel,
    StatusFilter,
    status_filter_labels,
)
from vinr_desktop.ui.cases.new_case_dialog import NewCaseDialog
from vinr_desktop.ui.cases.search_results import ResultTable, SearchResultsPanel, setup_case_table
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.resume import CasePlace
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, primary_button, styled_label
from vinr_desktop.views.cases import CaseListRow, SearchResults

SEARCH_DELAY_MS = 350
LOCAL_STYLE = """
QPushButton#EmergencyButton { color: #b3261e; font-weight: 600; }
"""
RELOAD_ON = frozenset({"cases", "journal"})

# Builds the view of one open case. It has the signals `back_requested()` and
# `open_case_requested(str)` and the methods `show_entry(int)`, `place() -> CasePlace` and
# `resume(CasePlace)`.
CaseViewFactory = Callable[[str], QWidget]


def tr(text: str) -> str:
    return QCoreApplication.translate("CasesPage", text)


class CaseTable(ResultTable):
    """The case list: typing a few letters jumps to the first matching main person."""

    def keyboardSearch(self, search: str) -> None:
        current = self.currentIndex()
        model = self.model()
        if model is not None and model.rowCount() and current.column() != COL_PERSON:
            row = current.row() if current.isValid() else 0
            self.setCurrentIndex(model.index(row, COL_PERSON))
        super().keyboardSearch(search)


class SearchBox(QLineEdit):
    """Escape clears; Down moves into the results. The hint in the empty box is the longest
    of `hints` that fits (the filters beside it take room in a narrow window)."""

    escape_pressed = Signal()
    down_pressed = Signal()

    def set_hints(self, *hints: str) -> None:
        self._hints = hints
        self._fit_hint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_hint()

    def _fit_hint(self) -> None:
        hints = getattr(self, "_hints", ())
        if not hints:
            return
        room = self.contentsRect().width() - 2 * 6 - 4  # padding and Qt's own margin
        metrics = self.fontMetrics()
        fitting = [h for h in hints if metrics.horizontalAdvance(h) <= room]
        self.setPlaceholderText(fitting[0] if fitting else hints[-1])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.escape_pressed.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class CasesPage(QWidget):
    """The first page for handläggare and enhetschefer."""

    case_opened = Signal(str)  # a case view is shown for this case id

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        user: CurrentUser,
        *,
        case_panel_factory: CaseViewFactory,
        today: Callable[[], date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(LOCAL_STYLE)
        self._services = services
        self._runner = runner
        self._user = user
        self._factory = case_panel_factory
        self._today = today or date.today
        self._search_serial = 0
        self._shown_query = ""
        self._list_dirty = False
        self._loaded_once = False
        self._keep_case_id: str | None = None
        self.case_panel: QWidget | None = None
        self.open_case_id: str | None = None

        self.may_create = can(user, Action.CREATE_CASE)
        self.is_manager = Role.MANAGER in user.roles

        self.title = heading(tr("Ärenden"))
        self.search = SearchBox()
        full_hint = tr("Sök ärende, namn, personnummer eller text i journalen")
        self.search.set_hints(full_hint, tr("Sök ärende, namn eller text"), tr("Sök"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.setToolTip(full_hint + " (Ctrl+F)")
        self.scope = QComboBox()
        self.scope.addItem(tr("Mina ärenden"), CaseScope.MINE)
        self.scope.addItem(tr("Alla ärenden jag får se"), CaseScope.ALL_VISIBLE)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scope.setMinimumContentsLength(max(len(self.scope.itemText(i)) for i in range(2)))
        if self.is_manager and Role.CASEWORKER not in user.roles:
            self.scope.setCurrentIndex(1)  # an enhetschef has no cases of her own
        self.status = QComboBox()
        for wanted, label in status_filter_labels().items():
            self.status.addItem(label, wanted)
        self.status.setToolTip(tr("Visa ärenden med denna status"))
        self.new_button = primary_button(tr("Nytt ärende…"))
        self.new_button.setToolTip(tr("Registrera ett nytt ärende (Ctrl+N)"))
        self.new_button.setDefault(False)
        self.new_button.setAutoDefault(False)
        self.may_emergency = can(user, Action.EMERGENCY_ACCESS)
        self.emergency_button = QPushButton(tr("Nödåtkomst…"))
        self.emergency_button.setObjectName("EmergencyButton")
        self.emergency_button.setAutoDefault(False)
        self.emergency_button.setToolTip(
            tr("Öppna ett skyddat ärende i en nödsituation, med ett skäl. Loggas och granskas.")
        )
        self.error = ErrorLabel()

        self.model = CaseListModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_status_filter(StatusFilter.OPEN)
        self.table = CaseTable()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_LAST_ENTRY, Qt.SortOrder.DescendingOrder)
        self.empty = styled_label(tr("Hämtar ärenden…"), "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.count_label = styled_label("", "muted")
        self.results = SearchResultsPanel()
        self.stack = QStackedWidget()
        self.list_page = QWidget()
        self.search_page = QWidget()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self._build()
        # Only after _build: a parentless widget made visible becomes a window of its own.
        self.scope.setVisible(self.is_manager)
        self.new_button.setVisible(self.may_create)
        self.emergency_button.setVisible(self.may_emergency)
        self._update_columns()
        self.new_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        self.new_shortcut.activated.connect(self.new_case)
        self.new_shortcut.setEnabled(self.may_create)

        self.search.textChanged.connect(self._on_search_text)
        self.search.returnPressed.connect(self.run_search)
        self.search.escape_pressed.connect(self.search.clear)
        self.search.down_pressed.connect(self._focus_results)
        self._search_timer.timeout.connect(self.run_search)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.new_button.clicked.connect(self.new_case)
        self.emergency_button.clicked.connect(self.emergency_access)
        self.table.activated_row.connect(self._open_row)
        self.results.open_case_requested.connect(self.open_case)
        self.results.open_hit_requested.connect(self.open_case)
        runner.changed.connect(self._on_changed)
        self.reload()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.emergency_button)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.scope)
        filters.addWidget(self.status)
        self.header = QWidget()
        header_box = QVBoxLayout(self.header)
        header_box.setContentsMargins(0, 0, 0, 0)
        header_box.setSpacing(10)
        header_box.addLayout(top)
        header_box.addLayout(filters)
        header_box.addWidget(self.error)

        list_box = QVBoxLayout(self.list_page)
        list_box.setContentsMargins(0, 0, 0, 0)
        list_box.setSpacing(6)
        list_box.addWidget(self.table, 1)
        list_box.addWidget(self.empty, 1)
        list_box.addWidget(self.count_label)
        search_box = QVBoxLayout(self.search_page)
        search_box.setContentsMargins(0, 0, 0, 0)
        search_box.addWidget(self.results)
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.search_page)

        self.content = QVBoxLayout(self)
        self.content.setContentsMargins(28, 20, 28, 16)
        self.content.setSpacing(12)
        self.content.addWidget(self.header)
        self.content.addWidget(self.stack, 1)

    # -- list ----------------------------------------------------------------------------

    def current_scope(self) -> CaseScope:
        # Qt keeps a StrEnum item's data as a plain str.
        return CaseScope(self.scope.currentData())

    def reload(self) -> None:
        """Load the list again (keeping the selected case selected)."""
        self._list_dirty = False
        self._keep_case_id = self.selected_case_id() or self._keep_case_id
        cases, scope = self._services.cases, self.current_scope()
        self._runner.run(
            lambda: cases.list_cases(scope),
            parent=self,
            success=self._show_rows,
            failure=self.error.show_message,
        )

    def _show_rows(self, rows: list[CaseListRow]) -> None:
        self.error.clear_message()
        self._loaded_once = True
        self.model.set_rows(rows)
        self._update_empty()
        keep = self._keep_case_id
        self._keep_case_id = None
        if keep is not None:
            self.select_case(keep)
        elif self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, COL_PERSON))

    def _update_empty(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if total == 0:
            if self.current_scope() is CaseScope.ALL_VISIBLE:
                text = tr("Det finns inga ärenden som du får se.")
            elif self.may_create:
                text = tr("Du har inga ärenden ännu. Registrera ett med Nytt ärende.")
            else:
                text = tr("Du har inga ärenden.")
        elif shown == 0:
            text = tr("Inga ärenden med den valda statusen. Välj en annan status ovan.")
        else:
            text = ""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.table.setVisible(not text)
        if shown == total:
            self.count_label.setText(by_count(total, tr("1 ärende"), tr("{0} ärenden")))
        else:
            self.count_label.setText(
                tr("{0} av {1} visas").format(
                    shown, by_count(total, tr("1 ärende"), tr("{0} ärenden"))
                )
            )
        self.count_label.setVisible(bool(self.count_label.text()))

    def selected_case_id(self) -> str | None:
        index = self.table.currentIndex()
        case_id = index.data(CASE_ID_ROLE) if index.isValid() else None
        return str(case_id) if case_id else None

    def select_case(self, case_id: str) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_PERSON))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _update_columns(self) -> None:
        setup_case_table(self.table, show_responsible=self.current_scope() is CaseScope.ALL_VISIBLE)

    def _scope_changed(self) -> None:
        self._update_columns()
        self.model.clear()
        self.reload()

    def _status_changed(self) -> None:
        self.proxy.set_status_filter(StatusFilter(self.status.currentData()))
        if self._loaded_once:
            self._update_empty()

    def _on_changed(self, changes: object) -> None:
        if not isinstance(changes, (set, frozenset)) or not changes & RELOAD_ON:
            return
        if self.stack.currentWidget() is self.list_page:
            self.reload()
        else:
            self._list_dirty = True
            if self.stack.currentWidget() is self.search_page and self._shown_query:
                self.run_search()

    def _open_row(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.open_case(str(case_id))

    # -- search --------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Into the search box (Ctrl+F; the workspace owns the shortcut)."""
        if self.case_panel is not None:
            return
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search_text(self, text: str) -> None:
        if not text.strip():
            self._search_timer.stop()
            self._search_serial += 1  # results still on their way are no longer wanted
            self._shown_query = ""
            self.show_list()
            return
        self._search_timer.start()

    def run_search(self) -> None:
        self._search_timer.stop()
        query = self.search.text().strip()
        if len(query) < 2:
            return
        self._search_serial += 1
        serial = self._search_serial
        search = self._services.search
        self._runner.run(
            lambda: search.search(query),
            parent=self,
            success=lambda results: self._show_results(serial, results),
            failure=self.error.show_message,
        )

    def _show_results(self, serial: int, results: SearchResults) -> None:
        if serial != self._search_serial or self.case_panel is not None:
            return  # the user typed on (or opened a case) while this search ran
        self.error.clear_message()
        self._shown_query = results.query
        self.results.show_results(results)
        self._show_stack_page(self.search_page)

    def _focus_results(self) -> None:
        if self.stack.currentWidget() is self.search_page:
            self.results.focus_first()
        elif self.proxy.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.proxy.index(0, COL_PERSON))

    # -- cases ---------------------------------------------------------------------------

    def new_case(self) -> None:
        if not self.may_create or self.case_panel is not None:
            return

        dialog = NewCaseDialog(self._services, self._runner, self, today=self._today())
        dialog.registered.connect(self.open_case)
        dialog.open()

    def emergency_access(self) -> None:
        """Nödåtkomst: a case number and a reason; the case opens like any other."""
        if not self.may_emergency or self.case_panel is not None:
            return

        dialog = EmergencyDialog(self._services, self._runner, self)
        dialog.succeeded.connect(lambda grant: self.open_case(grant.case_id))
        dialog.open()

    def open_case(self, case_id: str, entry_id: int | None = None) -> None:
        """Show the case in this page (and scroll to a journal entry, for a search hit)."""
        view = self._factory(case_id)
        self.error.clear_message()
        if self.stack.currentWidget() is self.list_page:
            self._keep_case_id = self.selected_case_id()
        self._drop_case_panel()
        self.case_panel = view
        self.open_case_id = case_id
        _connect(view, "back_requested", self.show_list)
        _connect(view, "open_case_requested", self.open_case)
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._set_case_mode(True)
        if entry_id is not None:
            show_entry = getattr(view, "show_entry", None)
            if callable(show_entry):
                show_entry(entry_id)
        view.setFocus()
        self.case_opened.emit(case_id)

    def place(self) -> CasePlace | None:
        """The open case and where the user is in it (for the way back after a lock)."""
        place = getattr(self.case_panel, "place", None)
        if self.open_case_id is None or not callable(place):
            return None
        found = place()
        return found if isinstance(found, CasePlace) else CasePlace(self.open_case_id)

    def resume(self, place: CasePlace) -> None:
        """Open the case again and go back to the tab and the draft the user was in."""
        self.open_case(place.case_id)
        resume = getattr(self.case_panel, "resume", None)
        if callable(resume):
            resume(place)

    def show_list(self) -> None:
        """Back to the list (or to the search results, if a search is typed), reloaded."""
        returning = self.case_panel is not None
        if returning and self.open_case_id is not None and self._keep_case_id is None:
            self._keep_case_id = self.open_case_id
        self._drop_case_panel()
        self._set_case_mode(False)
        if self._shown_query and self.search.text().strip() and returning:
            self._show_stack_page(self.search_page)
            self.run_search()
            self.reload()
            return
        self._show_stack_page(self.list_page)
        if returning or self._list_dirty:
            self.reload()
        if returning:
            self.table.setFocus()

    def _show_stack_page(self, page: QWidget) -> None:
        # The status filter is for the list; a search finds cases in every status.
        self.stack.setCurrentWidget(page)
        self.status.setVisible(page is self.list_page)

    def _drop_case_panel(self) -> None:
        view = self.case_panel
        if view is None:
            return
        self.case_panel = None
        self.open_case_id = None
        self.stack.removeWidget(view)
        view.hide()
        view.deleteLater()

    def _set_case_mode(self, on: bool) -> None:
        """While a case is open, the case view has the whole page (and its own shortcuts)."""
        self.header.setVisible(not on)
        self.new_shortcut.setEnabled(self.may_create and not on)
        margin = 0 if on else 28
        self.content.setContentsMargins(margin, 0 if on else 20, margin, 0 if on else 16)


def _connect(view: QWidget, signal_name: str, slot: Callable[..., object]) -> None:
    signal = getattr(view, signal_name, None)
    if signal is not None:
        signal.connect(slot)
