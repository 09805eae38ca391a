"""Dela ärendet: who the case is and was shared with, withdrawing a share, sharing anew.

Opened from the case header for a user the service lets share (`CaseDetails.may_share`). The
table lists current shares first, then expired and withdrawn ones (the service's order). The
form gives one colleague read or read-and-write access, until further notice or through a last
day. The service checks everything; its Swedish message is shown inline.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.sharing import (
    MAX_SHARE_DAYS,
    SHARE_LABELS,
    SHARE_STATE_LABELS,
    ShareLevel,
    ShareState,
)
from vinr_desktop.services.cases.sharing import Colleague, ShareView
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    primary_button,
    styled_label,
)
from vinr_desktop.views.time_text import datetime_text

COL_NAME = 0
COL_LEVEL = 1
COL_UNTIL = 2
COL_STATE = 3
COL_BY = 4

SHARE_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_DAYS = 30  # a new share runs a month unless the user chooses otherwise

_Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("ShareDialog", text)


def until_text(share: ShareView) -> str:
    return share.valid_until or tr("Tills vidare")


class ShareTableModel(RowsModel[ShareView]):
    """The case's shares, one row each, in the service's order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            {
                COL_NAME: tr("Kollega"),
                COL_LEVEL: tr("Behörighet"),
                COL_UNTIL: tr("Gäller t.o.m."),
                COL_STATE: tr("Status"),
                COL_BY: tr("Beviljad av"),
            },
            lambda share: share.share_id,
            parent,
        )

    def active_for(self, user_id: str) -> ShareView | None:
        return next(
            (s for s in self.rows if s.user_id == user_id and s.state is ShareState.ACTIVE),
            None,
        )

    def cell(self, share: ShareView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_NAME: share.full_name,
                COL_LEVEL: tr(SHARE_LABELS[share.level]),
                COL_UNTIL: until_text(share),
                COL_STATE: tr(SHARE_STATE_LABELS[share.state]),
                COL_BY: share.granted_by,
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_BY:
            return tr("Beviljad {0}").format(datetime_text(share.granted_utc))
        if role == Qt.ItemDataRole.ForegroundRole and share.state is not ShareState.ACTIVE:
            return QColor("#6b7785")
        if role == SHARE_ROLE:
            return share
        return None


class ShareDialog(QDialog):
    """The case's shares and a form to share it with one more colleague."""

    changed = Signal()  # a share was added or withdrawn

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Dela ärendet"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(720)
        self.resize(780, 560)
        self._sharing, self._runner, self._case_id = services.sharing, runner, case_id
        self._colleagues: list[Colleague] = []
        self.confirm_box: QMessageBox | None = None

        self.model = ShareTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(150)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.none_label = styled_label(tr("Hämtar delningar…"), "muted")
        self.remove_button = QPushButton(tr("Ta bort delning…"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(tr("Kollegan kan inte längre öppna ärendet (Delete)"))

        self.colleague = QComboBox()
        self.colleague.addItem(tr("Välj kollega…"), "")
        self.read = QRadioButton(tr("&Läsa"))
        self.write = QRadioButton(tr("Läsa och &skriva"))
        self.read.setChecked(True)
        self.levels = QButtonGroup(self)
        self.levels.addButton(self.read)
        self.levels.addButton(self.write)
        self.level_hint = styled_label("", "muted")
        self.open_ended = QRadioButton(tr("&Tills vidare"))
        self.until_date = QRadioButton(tr("Till och &med"))
        self.until_date.setChecked(True)
        self.ends = QButtonGroup(self)
        self.ends.addButton(self.open_ended)
        self.ends.addButton(self.until_date)
        self.last_day = QDateEdit()
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("yyyy-MM-dd")
        self.last_day.setMinimumDate(_qdate(today))
        self.last_day.setMaximumDate(_qdate(today + timedelta(days=MAX_SHARE_DAYS)))
        self.last_day.setDate(_qdate(today + timedelta(days=DEFAULT_DAYS)))
        self.last_day.setToolTip(tr("Sista dagen kollegan kan öppna ärendet"))
        self.replace_hint = styled_label("", "muted")
        self.error = ErrorLabel()
        self.done_label = styled_label("", "ok")
        self.share_button = primary_button(tr("Dela"))
        self.close_button = QPushButton(tr("Stäng"))
        self.close_button.setAutoDefault(False)

        self._build()
        self.colleague.currentIndexChanged.connect(self._colleague_changed)
        self.until_date.toggled.connect(self.last_day.setEnabled)
        self.table.selectionModel().currentRowChanged.connect(self._update_remove)
        self.remove_button.clicked.connect(self.ask_remove)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.ask_remove)
        self.share_button.clicked.connect(self.share)
        self.close_button.clicked.connect(self.accept)
        self._update_remove()
        self._colleague_changed()
        self.colleague.setFocus()

        sharing = self._sharing
        runner.run(
            lambda: (sharing.shares(case_id), sharing.colleagues(case_id)),
            parent=self,
            success=self._loaded,
            failure=self.error.show_message,
        )

    def _build(self) -> None:
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.none_label)
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)

        levels = QHBoxLayout()
        levels.setSpacing(16)
        levels.addWidget(self.read)
        levels.addWidget(self.write)
        levels.addStretch(1)
        ends = QHBoxLayout()
        ends.setSpacing(16)
        ends.addWidget(self.open_ended)
        ends.addWidget(self.until_date)
        ends.addWidget(self.last_day)
        ends.addStretch(1)
        form = form_layout()
        form.addRow(tr("&Kollega"), self.colleague)
        form.addRow(tr("Behörighet"), levels)
        form.addRow("", self.level_hint)
        form.addRow(tr("Gäller"), ends)
        form.addRow("", self.replace_hint)

        line = QFrame()
        line.setObjectName("Separator")
        line.setFrameShape(QFrame.Shape.HLine)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.share_button)

        layout = QVBoxLayout(self)
        add_case_banner(self, self._case_id)
        layout.setSpacing(8)
        layout.addWidget(heading(tr("Delningar"), 3))
        layout.addWidget(self.table, 1)
        layout.addLayout(remove_row)
        layout.addSpacing(6)
        layout.addWidget(line)
        layout.addWidget(heading(tr("Dela med en kollega"), 3))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.done_label)
        layout.addLayout(buttons)
        self.done_label.hide()
        for widget in (self.level_hint, self.replace_hint):
            widget.hide()

    # -- loading ---------------------------------------------------------------------------

    def _loaded(self, result: tuple[list[ShareView], list[Colleague]]) -> None:
        shares, colleagues = result
        self._colleagues = colleagues
        chosen = self.colleague.currentData()
        self.colleague.blockSignals(True)
        self.colleague.clear()
        self.colleague.addItem(tr("Välj kollega…"), "")
        for colleague in colleagues:
            self.colleague.addItem(
                f"{colleague.full_name} ({colleague.role_labels})", colleague.user_id
            )
        self.colleague.setCurrentIndex(max(0, self.colleague.findData(chosen)))
        self.colleague.blockSignals(False)
        if not colleagues:
            self.colleague.setItemText(0, tr("Det finns ingen kollega att dela med"))
        self._show_shares(shares)
        self._colleague_changed()

    def _show_shares(self, shares: list[ShareView]) -> None:
        self.model.set_rows(shares)
        self.none_label.setText("" if shares else tr("Ärendet är inte delat med någon."))
        self.none_label.setVisible(not shares)
        self.table.setVisible(bool(shares))
        self._update_remove()

    def reload(self) -> None:
        sharing, case_id = self._sharing, self._case_id
        self._runner.run(
            lambda: sharing.shares(case_id),
            parent=self,
            success=self._show_shares,
            failure=self.error.show_message,
        )

    # -- the form --------------------------------------------------------------------------

    def selected_colleague(self) -> Colleague | None:
        user_id = self.colleague.currentData()
        return next((c for c in self._colleagues if c.user_id == user_id), None)

    def _colleague_changed(self) -> None:
        colleague = self.selected_colleague()
        may_write = colleague is None or colleague.can_write
        self.write.setEnabled(may_write)
        if not may_write:
            self.read.setChecked(True)
        self.level_hint.setText("" if may_write else tr("En enhetschef kan bara få läsbehörighet."))
        self.level_hint.setVisible(not may_write)
        current = self.model.active_for(colleague.user_id) if colleague is not None else None
        if current is not None:
            self.replace_hint.setText(
                tr("Kollegan har redan ”{0}”, {1}. Den nya delningen ersätter den.").format(
                    tr(SHARE_LABELS[current.level]).lower(), _until_phrase(current)
                )
            )
        self.replace_hint.setVisible(current is not None)
        self.share_button.setEnabled(bool(self._colleagues))

    def share(self) -> None:
        self.error.clear_message()
        self.done_label.hide()
        colleague = self.selected_colleague()
        if colleague is None:
            self.error.show_message(tr("Välj den kollega du vill dela ärendet med."))
            self.colleague.setFocus()
            return
        level = ShareLevel.WRITE if self.write.isChecked() else ShareLevel.READ
        until = _date_of(self.last_day.date()) if self.until_date.isChecked() else None
        sharing, case_id, user_id = self._sharing, self._case_id, colleague.user_id
        self._runner.run(
            lambda: sharing.share(case_id, user_id, level, until),
            parent=self,
            success=lambda _share_id: self._done(
                tr("Ärendet delas nu med {0}.").format(colleague.full_name)
            ),
            failure=self.error.show_message,
            busy=Busy(self.share_button, tr("Delar…"), (self.close_button,)),
            changes={"shares"},
        )

    def _done(self, message: str) -> None:
        self.done_label.setText(message)
        self.done_label.show()
        self.colleague.setCurrentIndex(0)
        self.changed.emit()
        self.reload()

    # -- withdrawing -----------------------------------------------------------------------

    def selected_share(self) -> ShareView | None:
        index = self.table.currentIndex()
        share = index.data(SHARE_ROLE) if index.isValid() else None
        return share if isinstance(share, ShareView) else None

    def _update_remove(self) -> None:
        share = self.selected_share()
        self.remove_button.setEnabled(share is not None and share.state is ShareState.ACTIVE)

    def ask_remove(self) -> None:
        share = self.selected_share()
        if share is None or share.state is not ShareState.ACTIVE:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Ta bort delning"),
            tr("Ta bort delningen med {0}? Kollegan kan då inte längre öppna ärendet.").format(
                share.full_name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Ta bort"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._remove(share))
        self.confirm_box = box
        box.open()

    def _remove(self, share: ShareView) -> None:
        self.error.clear_message()
        self.done_label.hide()
        sharing, case_id, share_id = self._sharing, self._case_id, share.share_id
        self._runner.run(
            lambda: sharing.unshare(case_id, share_id),
            parent=self,
            success=lambda _: self._done(
                tr("Delningen med {0} är borttagen.").format(share.full_name)
            ),
            failure=self.error.show_message,
            busy=Busy(self.remove_button, tr("Tar bort…")),
            changes={"shares"},
        )


def _until_phrase(share: ShareView) -> str:
    if share.valid_until is None:
        return tr("tills vidare")
    return tr("t.o.m. {0}").format(share.valid_until)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date_of(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
