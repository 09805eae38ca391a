"""Parts shared by the log views: the events table with its count line and a pane with the
chosen event in full, a period filter, and the warning shown when the audit chain is broken.

The log review (loggkontroll), "Vem har sett mina ärenden?" and a case's Åtkomst tab show the
same table; each hides the columns it does not need.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.plurals import by_count
from vinr_desktop.ui.audit.model import (
    COL_CASE,
    COL_DETAIL,
    COL_EVENT,
    COL_FLAG,
    COL_REASON,
    COL_REVIEWED,
    COL_TIME,
    COL_USER,
    AuditEventModel,
    PageFetcher,
    count_text,
    full_text,
)
from vinr_desktop.ui.common.column_fit import ColumnFit, Limits
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, styled_label
from vinr_desktop.views.audit import AuditEventView, ChainStatus
from vinr_desktop.views.time_text import datetime_text

FILTER_DELAY_MS = 200
DEFAULT_PERIOD_DAYS = 30

# Columns are fitted to what they hold, between these bounds (pixels); if that is more than the
# table has room for, the widest shrink first, never below the floor. Detalj takes what is left.
# Each column as wide as its content; the reason (free text, in full in the pane under the
# table) takes what is left. Times are never cut; a narrow window shortens the widest of the
# others first, down to their floors (a flagged row is also coloured).
COLUMN_LIMITS = {
    COL_TIME: Limits(),
    COL_USER: Limits(150, 220),
    COL_EVENT: Limits(140, 280),
    COL_CASE: Limits(120, 220),
    COL_DETAIL: Limits(90, 200),
    COL_FLAG: Limits(120, 260),
    COL_REVIEWED: Limits(110, 260),
}
# In a narrow window these give way, in this order (the pane under the table shows them).
GIVE_WAY = (COL_DETAIL, COL_REVIEWED, COL_CASE, COL_REASON)
# Less padding than other tables: this one has many columns.
TABLE_STYLE = "QTableView::item { padding: 3px 6px; }"
BANNER_STYLE = """
QFrame#ChainBroken { background: #fdecea; border: 2px solid #b3261e; border-radius: 6px; }
QLabel#ChainBrokenTitle { color: #b3261e; font-size: 14pt; font-weight: 700; }
QLabel#ChainBrokenText { color: #1f2933; }
"""
PANE_STYLE = (
    "QLabel#EventPane { background: #ffffff; border: 1px solid #c8d0da; border-radius: 4px;"
    " padding: 6px 10px; }"
)


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditWidgets", text)


def chain_ok_text(chain: ChainStatus) -> str:
    """'Loggkedjan är kontrollerad och hel (1 234 poster, 14:05)'."""
    count = f"{chain.count:,}".replace(",", "\N{NO-BREAK SPACE}")
    posts = by_count(chain.count, tr("1 post"), tr("{0} poster"), number=count)
    checked = datetime_text(chain.checked_utc)[11:16]
    return tr("✓ Loggkedjan är kontrollerad och hel ({0}, {1})").format(posts, checked)


class ChainBanner(QFrame):
    """The loud warning shown when the audit chain does not verify."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(BANNER_STYLE)
        self.setObjectName("ChainBroken")
        self.title = QLabel(tr("VARNING: Loggen har ändrats eller poster saknas"))
        self.title.setObjectName("ChainBrokenTitle")
        self.problems = styled_label("")
        self.problems.setObjectName("ChainBrokenText")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = styled_label(
            tr(
                "Registret kan ha ändrats utanför programmet, så loggen kan inte längre visa "
                "säkert vem som har gjort vad. Kontakta IT-stöd och säkerhetsansvarig i dag. "
                "Ändra ingenting i registret innan det är utrett."
            )
        )
        self.advice.setObjectName("ChainBrokenText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.problems)
        layout.addWidget(self.advice)

    def show_problems(self, problems: tuple[str, ...]) -> None:
        self.problems.setText("\n".join(f"• {p}" for p in problems))

    def text(self) -> str:
        return "\n".join(w.text() for w in (self.title, self.problems, self.advice))


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class EventTable(QWidget):
    """Audit events in a table, the count under it, and a line instead of an empty table."""

    selection_changed = Signal()

    def __init__(
        self,
        runner: OperationRunner,
        *,
        hidden: Iterable[int] = (),
        highlight_unreviewed: bool = True,
        count_flags: bool = True,
        empty_text: str = "",
        multi_select: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._count_flags = count_flags
        self._empty_text = empty_text or tr("Inga händelser.")
        self._idle_text = tr("Hämtar händelser…")
        self._nothing_text = ""  # why nothing is shown, while the filter cannot be used
        self.model = AuditEventModel(runner, self, highlight_unreviewed=highlight_unreviewed)
        self.table = QTableView()
        self.table.setStyleSheet(TABLE_STYLE)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(50)
        self.columns = ColumnFit(
            self.table, COLUMN_LIMITS, COL_REASON, optional=GIVE_WAY, fallback=COL_EVENT
        )
        for column in hidden:
            self.columns.set_hidden(column, True)
        self.empty = styled_label(self._idle_text, "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.count_label = styled_label("", "muted", wrap=False)
        self.error = ErrorLabel()
        # The chosen event in full: the cells are cut short when the window is narrow.
        self.pane = styled_label("")
        self.pane.setObjectName("EventPane")
        self.pane.setStyleSheet(PANE_STYLE)
        self.pane.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pane.setMinimumHeight(self.pane.fontMetrics().lineSpacing() * 3 + 14)
        self.pane.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # As tall as its wrapped text: the table above gives way first.
        self.pane.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.pane)
        self.table.hide()
        self.pane.hide()

        self.model.loaded.connect(self._update)
        self.model.failed.connect(self.error.show_message)
        self.model.modelReset.connect(self.selection_changed)
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.model.modelReset.connect(self._show_current)

    def _show_current(self) -> None:
        index = self.table.currentIndex()
        event = self.model.row_at(index.row()) if index.isValid() else None
        if event is None:
            self.pane.setText(tr("Välj en händelse i listan för att se hela texten."))
            self.pane.setProperty("role", "muted")
        else:
            self.pane.setText(full_text(event))
            self.pane.setProperty("role", "")
        self.pane.style().unpolish(self.pane)
        self.pane.style().polish(self.pane)
        self._fit_pane()

    def _fit_pane(self) -> None:
        """The pane is as tall as its wrapped text (at least three lines); the table gives
        way, since the pane is where a cut cell is read in full."""
        lines = self.pane.fontMetrics().lineSpacing() * 3 + 14
        self.pane.setMinimumHeight(max(lines, self.pane.heightForWidth(self.pane.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pane()

    def set_source(self, fetcher: PageFetcher, *, pageable: bool = True) -> None:
        self.error.clear_message()
        if not self.model.has_loaded:
            self.count_label.setText(self._idle_text)
        self.model.set_source(fetcher, pageable=pageable)

    def reload(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def show_nothing(self, text: str) -> None:
        """No events for now (the filter cannot be used); `text` says why."""
        self._nothing_text = text
        self.model.clear()

    def selected_events(self) -> list[AuditEventView]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [e for r in rows if (e := self.model.row_at(r)) is not None]

    def select_seq(self, seq: int) -> bool:
        row = self.model.row_of(seq)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, COL_TIME))
        return True

    def cell_texts(self) -> list[str]:
        """Every visible cell's text (what a reader of the table sees)."""
        model = self.model
        return [
            str(model.index(r, c).data() or "")
            for r in range(model.rowCount())
            for c in range(model.columnCount())
            if not self.table.isColumnHidden(c)
        ]

    def _update(self) -> None:
        nothing, self._nothing_text = self._nothing_text, ""
        total = self.model.total
        if nothing:
            self.empty.setText(nothing)
            self.count_label.setText("")
        else:
            self.empty.setText(self._empty_text)
            self.count_label.setText(
                count_text(total, self.model.flagged_unreviewed, with_flags=self._count_flags)
            )
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.pane.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        shown = self.model.rowCount()
        if has_rows and shown < total:
            if self.model.pageable:
                more = tr(" · de {0} första visas, fler hämtas när du rullar").format(shown)
            else:
                more = tr(" · de {0} senaste visas").format(shown)
            self.count_label.setText(self.count_label.text() + more)


class PeriodFilter(QWidget):
    """Från and Till, each optional (a check box turns it on), with a calendar."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.from_check = QCheckBox(tr("Från"))
        self.to_check = QCheckBox(tr("Till"))
        self.from_date = self._date_edit(today - timedelta(days=DEFAULT_PERIOD_DAYS))
        self.to_date = self._date_edit(today)
        self.from_date.setToolTip(tr("Första dagen som visas"))
        self.to_date.setToolTip(tr("Sista dagen som visas"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.from_check)
        layout.addWidget(self.from_date)
        layout.addSpacing(8)
        layout.addWidget(self.to_check)
        layout.addWidget(self.to_date)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.changed)
            edit.dateChanged.connect(self.changed)

    @staticmethod
    def _date_edit(day: date) -> QDateEdit:
        edit = QDateEdit(qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def set_period(self, start: date | None, end: date | None) -> None:
        """Turn on (or off, with None) each end of the period."""
        for check, edit, day in (
            (self.from_check, self.from_date, start),
            (self.to_check, self.to_date, end),
        ):
            if day is not None:
                edit.setDate(qdate(day))
            check.setChecked(day is not None)

    def start(self) -> date | None:
        return pydate(self.from_date.date()) if self.from_check.isChecked() else None

    def end(self) -> date | None:
        return pydate(self.to_date.date()) if self.to_check.isChecked() else None

    def problem(self) -> str:
        start, end = self.start(), self.end()
        if start is not None and end is not None and start > end:
            return tr("Från-datumet är efter till-datumet.")
        return ""


def delay_timer(parent: QWidget) -> QTimer:
    """A single-shot timer that gathers quick filter changes into one reload."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(FILTER_DELAY_MS)
    return timer
