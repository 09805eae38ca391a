"""The tables of the Gallring page: the proposal (due cases ticked, to approve) and the log."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.views.retention import LogRow, ProposalRow
from vinr_desktop.views.time_text import datetime_text

P_CASE, P_LAST, P_FINISH, P_VERDICT, P_PERSONS = range(5)
L_CASE, L_LAST, L_WHEN, L_RULE, L_DECISION, L_PERSONS, L_ROWS, L_BY = range(8)

Index = QModelIndex | QPersistentModelIndex
_KEPT = QColor("#2f5d8a")
_WAITING = QColor("#6b7785")


def tr(text: str) -> str:
    return QCoreApplication.translate("RetentionPage", text)


def detail_text(row: ProposalRow) -> str:
    """The selected case in words: the verdict, why, and who is in it."""
    return tr("{0} – {1}: {2}.\nPersoner: {3}.").format(
        row.label, row.verdict_label, row.why, persons_text(row)
    )


def persons_text(row: ProposalRow) -> str:
    return "; ".join(
        f"{p.text} ({p.role_label.lower()}{', forskning' if p.kept else ''})" for p in row.persons
    )


class ProposalModel(RowsModel[ProposalRow]):
    """The proposal; the due rows carry a tick box, ticked when loaded."""

    def __init__(self) -> None:
        super().__init__(
            (
                tr("Ärende"),
                tr("Sista anteckning"),
                tr("Gallras senast"),
                tr("Bedömning"),
                tr("Personer"),
            ),
            key=lambda row: row.case_id,
        )
        self.ticked: set[str] = set()

    def rows_replaced(self) -> None:
        self.ticked = {row.case_id for row in self.rows if row.due}

    def chosen(self) -> list[str]:
        return [row.case_id for row in self.rows if row.case_id in self.ticked]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = self.row_at(index.row())
        if row is not None and row.due and index.column() == P_CASE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row())
        if row is None or not row.due or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(row.case_id)
        else:
            self.ticked.discard(row.case_id)
        self.dataChanged.emit(index, index, [role])
        return True

    def cell(self, row: ProposalRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.CheckStateRole and column == P_CASE and row.due:
            ticked = row.case_id in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                P_CASE: row.label,
                P_LAST: row.last_entry,
                P_FINISH: row.finish_by if row.due else "–",
                P_VERDICT: row.verdict_label,
                P_PERSONS: persons_text(row),
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.why if column == P_VERDICT else persons_text(row)
        if role == Qt.ItemDataRole.ForegroundRole and not row.due:
            return _WAITING if row.verdict.value == "linked" else _KEPT
        return None


class LogModel(RowsModel[LogRow]):
    """The gallringslogg: what went, never what it said."""

    def __init__(self) -> None:
        super().__init__(
            (
                tr("Ärende"),
                tr("Sista anteckning"),
                tr("Gallrat"),
                tr("Regler"),
                tr("Nämndens beslut"),
                tr("Personer"),
                tr("Rader"),
                tr("Av"),
            ),
            key=lambda row: f"{row.label}{row.gallrad_utc}",
        )

    def cell(self, row: LogRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                L_CASE: row.label,
                L_LAST: row.last_entry,
                L_WHEN: datetime_text(row.gallrad_utc),
                L_RULE: row.rule_set,
                L_DECISION: row.decision,
                L_PERSONS: str(row.persons_deleted),
                L_ROWS: str(row.rows_deleted),
                L_BY: row.gallrad_by,
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == L_CASE:
            return tr("I loggkontrollen: Gallrat ärende (ref. {0})").format(row.reference)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (L_PERSONS, L_ROWS):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
