"""Bevakningar, the handläggare's morning page: what is due or late across her cases, grouped
Försenat / Idag / Denna vecka / Senare; a double-click (or Enter) opens the case on the tab
that answers the line (Översikt, Journal, Bedömningar, Insatser). The manager
sees the unit, protected cases she cannot open as a count under their group. Reloads when
case work changes something and when shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.deadline_rules import BUCKET_LABELS, Bucket
from vinr_desktop.domain.plurals import count_text
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.views.deadlines import DeadlinePage

CASE_ROLE = Qt.ItemDataRole.UserRole + 1
TAB_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Ärende", "Huvudperson", "Vad", "Datum", "Detaljer")
LATE_COLOUR = QColor("#8c1d18")


def tr(text: str) -> str:
    return QCoreApplication.translate("Deadlines", text)


def date_text(which: Bucket, due_on: str) -> str:
    """The date column: since when a late line is due, "idag", or the last day."""
    if which is Bucket.LATE:
        return tr("sedan {0}").format(due_on)
    if which is Bucket.TODAY:
        return tr("idag")
    return tr("senast {0}").format(due_on)


class DeadlinesPage(QWidget):
    """The grouped deadlines and a reload button."""

    open_case_requested = Signal(str, str)  # case id, the tab (deadline_rules.Tab)

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._runner = services, runner
        self.page: DeadlinePage | None = None
        self.summary = styled_label(tr("Hämtas…"), "muted")
        self.error = ErrorLabel()
        self.reload_button = QPushButton(tr("Uppdatera"))
        self.reload_button.setAutoDefault(False)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 165)  # "VINR-2026-0001" under the group's indent
        self.tree.setColumnWidth(1, 200)
        self.tree.setColumnWidth(2, 300)
        self.tree.setColumnWidth(3, 140)
        top = QHBoxLayout()
        top.addWidget(heading(tr("Bevakningar"), 2))
        top.addStretch(1)
        top.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        self.reload_button.clicked.connect(self.refresh)
        self.tree.itemActivated.connect(self._activated)
        runner.changed.connect(self._on_changed)  # a bound slot: dropped with the page

    def _on_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.error.clear_message()
        service = self._services.deadlines
        self._runner.run(
            service.page, parent=self, success=self.show_page, failure=self.error.show_message
        )

    def show_page(self, page: DeadlinePage) -> None:
        self.page = page
        self.tree.clear()
        for which in Bucket:
            lines = page.in_bucket(which)
            hidden = page.hidden_protected.get(which, 0)
            if not lines and not hidden:
                continue
            group = QTreeWidgetItem([f"{BUCKET_LABELS[which]} ({len(lines) + hidden})"])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for line in lines:
                item = QTreeWidgetItem(
                    [
                        line.number,
                        line.main_person,
                        line.text,
                        date_text(which, line.due_on),
                        line.detail,
                    ]
                )
                item.setData(0, CASE_ROLE, line.case_id)
                item.setData(0, TAB_ROLE, line.tab.value)
                item.setToolTip(2, f"{line.text}\n{line.detail}" if line.detail else line.text)
                item.setToolTip(4, line.detail)
                if which is Bucket.LATE:
                    for column in range(len(COLUMNS)):
                        item.setForeground(column, QBrush(LATE_COLOUR))
                group.addChild(item)
            if hidden:
                item = QTreeWidgetItem(
                    [
                        tr("Skyddade ärenden: {0}").format(
                            count_text(hidden, "bevakning", "bevakningar")
                        )
                    ]
                )
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.addChild(item)
                item.setFirstColumnSpanned(True)  # only once in the tree: the count's full text
            group.setExpanded(True)
        total = len(page.lines) + sum(page.hidden_protected.values())
        late = len(page.in_bucket(Bucket.LATE)) + page.hidden_protected.get(Bucket.LATE, 0)
        self.summary.setText(
            tr("Inget att bevaka just nu.")
            if total == 0
            else tr("{0}, varav {1} försenade.").format(
                count_text(total, "bevakning", "bevakningar"), late
            )
        )

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        case_id = item.data(0, CASE_ROLE)
        if case_id:
            self.open_case_requested.emit(str(case_id), str(item.data(0, TAB_ROLE) or ""))
