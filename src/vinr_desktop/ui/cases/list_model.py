"""The case list (Mina ärenden) as a Qt table model, its filter proxy and the badge painter.

Rows come from `CaseService.list_cases` (or the search), already masked: a protected main
person is shown with initials only, exactly as the service gives it. The badge column also
says how the user reaches a case that is not her own: shared with her, or nödåtkomst.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from vinr_desktop.access.policy import Relation
from vinr_desktop.domain.cases import STATUS_LABELS, CaseStatus
from vinr_desktop.domain.markers import GROUP_LABELS, MarkerGroup, marker
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.views.cases import CaseListRow

COL_BADGES = 0
COL_NUMBER = 1
COL_PERSON = 2
COL_STATUS = 3
COL_MARKERS = 4
COL_LAST_ENTRY = 5
COL_DRAFTS = 6
COL_RESPONSIBLE = 7

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
BADGES_ROLE = Qt.ItemDataRole.UserRole + 4  # list of (text, kind) for the badge painter

BADGE_PROTECTED = "protected"
BADGE_CHILD = "child"
BADGE_SHARED = "shared"
BADGE_EMERGENCY = "emergency"
BADGE_RISK = "risk"

_Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseListModel", text)


class StatusFilter(StrEnum):
    OPEN = "open"
    INTAKE = "intake"
    INVESTIGATION = "investigation"
    INTERVENTION = "intervention"
    CLOSED = "closed"
    ALL = "all"


def status_filter_labels() -> dict[StatusFilter, str]:
    return {
        StatusFilter.OPEN: tr("Alla öppna"),
        StatusFilter.INTAKE: tr(STATUS_LABELS[CaseStatus.INTAKE]),
        StatusFilter.INVESTIGATION: tr(STATUS_LABELS[CaseStatus.INVESTIGATION]),
        StatusFilter.INTERVENTION: tr(STATUS_LABELS[CaseStatus.INTERVENTION]),
        StatusFilter.CLOSED: tr("Avslutade"),
        StatusFilter.ALL: tr("Alla"),
    }


def status_matches(status: CaseStatus, wanted: StatusFilter) -> bool:
    if wanted is StatusFilter.ALL:
        return True
    if wanted is StatusFilter.OPEN:
        return status is not CaseStatus.CLOSED
    return status.value == wanted.value


def short_marker(code: str) -> str:
    """'fysiskt våld' → 'fysiskt': the list has little room; the tooltip has the full label."""
    label = marker(code).label
    if marker(code).group is MarkerGroup.VIOLENCE and label.endswith(" våld"):
        label = label[: -len(" våld")]
    return label


def markers_text(codes: tuple[str, ...], shown: int = 2) -> str:
    """'Fysiskt, psykiskt +2' for the list column."""
    if not codes:
        return ""
    words = [short_marker(code) for code in codes[:shown]]
    text = ", ".join(words)
    text = text[:1].upper() + text[1:]
    if len(codes) > shown:
        text += f" +{len(codes) - shown}"
    return text


def markers_tooltip(codes: tuple[str, ...]) -> str:
    """Every marker, one group per line: 'Våldstyp: fysiskt våld, psykiskt våld'."""
    groups: dict[MarkerGroup, list[str]] = {}
    for code in codes:
        groups.setdefault(marker(code).group, []).append(marker(code).label)
    return "\n".join(
        f"{tr(GROUP_LABELS[group])}: {', '.join(labels)}"
        for group in MarkerGroup
        if (labels := groups.get(group))
    )


def access_badge(access: Relation) -> tuple[str, str, str] | None:
    """(badge, kind, tooltip) for a case the user reaches other than as her own or the unit's."""
    if access is Relation.SHARED_READ:
        return tr("Delat"), BADGE_SHARED, tr("Delat med dig – läsa")
    if access is Relation.SHARED_WRITE:
        return tr("Delat"), BADGE_SHARED, tr("Delat med dig – läsa och skriva")
    if access is Relation.EMERGENCY:
        return tr("Nödåtkomst"), BADGE_EMERGENCY, tr("Nödåtkomst – bara läsa, tidsbegränsad")
    return None


def badges_of(row: CaseListRow) -> list[tuple[str, str]]:
    badges = []
    if row.protected:
        badges.append((tr("SKYDDAD"), BADGE_PROTECTED))
    if row.is_child_case:
        badges.append((tr("Barn"), BADGE_CHILD))
    access = access_badge(row.access)
    if access is not None:
        badges.append(access[:2])
    if row.risk_flag:
        badges.append((tr("Bedömning saknas"), BADGE_RISK))
    return badges


def badge_tooltip(row: CaseListRow) -> str:
    parts = []
    if row.protected:
        parts.append(tr("Skyddade personuppgifter"))
    if row.is_child_case:
        parts.append(tr("Ärendet gäller ett barn"))
    access = access_badge(row.access)
    if access is not None:
        parts.append(access[2])
    if row.risk_flag:
        parts.append(tr("Våldsutövaren har kontakt och ingen giltig riskbedömning finns"))
    return "\n".join(parts)


class CaseListModel(RowsModel[CaseListRow]):
    """One row per case; the page reloads it after each change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            {
                COL_BADGES: "",
                COL_NUMBER: tr("Ärende"),
                COL_PERSON: tr("Huvudperson"),
                COL_STATUS: tr("Status"),
                COL_MARKERS: tr("Markeringar"),
                COL_LAST_ENTRY: tr("Senaste anteckning"),
                COL_DRAFTS: tr("Utkast"),
                COL_RESPONSIBLE: tr("Ansvarig"),
            },
            lambda case: case.case_id,
            parent,
        )
        self._sort_keys: dict[int, list[object]] = {}  # column → key per row, made when sorted

    def rows_replaced(self) -> None:
        self._sort_keys = {}

    def sort_keys(self, column: int) -> list[object]:
        """The SORT_ROLE value of every row in `column`, made once per set of rows: sorting
        1,000 cases compares about 4,000 pairs, each through two data() calls otherwise."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = [self._sort_key(c, column) for c in self.rows]
        return keys

    def header_tooltip(self, section: int) -> str | None:
        if section == COL_BADGES:
            return tr("Skyddade personuppgifter, barnärenden och ärenden delade med dig")
        if section == COL_DRAFTS:
            return tr("Dina osignerade anteckningar i ärendet")
        return None

    def cell(self, case: CaseListRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(case, column)
        if role == SORT_ROLE:
            return self._sort_key(case, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_MARKERS:
                return markers_tooltip(case.markers) or None
            if column == COL_BADGES:
                return badge_tooltip(case) or None
            if column == COL_PERSON:
                return case.main_person  # in full, when the column is shortened
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_PERSON and case.protected:
                return QColor("#b3261e")
            if case.status is CaseStatus.CLOSED:
                return QColor("#6b7785")
            return None
        if role == Qt.ItemDataRole.FontRole and column == COL_NUMBER:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_DRAFTS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == BADGES_ROLE and column == COL_BADGES:
            return badges_of(case)
        if role == CASE_ID_ROLE:
            return case.case_id
        if role == CASE_ROW_ROLE:
            return case
        return None

    def _display(self, case: CaseListRow, column: int) -> str | None:
        if column == COL_BADGES:
            return " ".join(text for text, _ in badges_of(case))
        if column == COL_NUMBER:
            return case.number
        if column == COL_PERSON:
            return case.main_person
        if column == COL_STATUS:
            return tr(STATUS_LABELS[case.status])
        if column == COL_MARKERS:
            return markers_text(case.markers)
        if column == COL_LAST_ENTRY:
            return case.last_entry_date or ""
        if column == COL_DRAFTS:
            return str(case.open_drafts) if case.open_drafts else ""
        if column == COL_RESPONSIBLE:
            return case.responsible
        return None

    def _sort_key(self, case: CaseListRow, column: int) -> object:
        if column == COL_BADGES:
            shared = access_badge(case.access) is not None
            return (int(case.protected) * 4 + int(case.is_child_case) * 2 + shared, case.number)
        if column == COL_STATUS:
            return list(CaseStatus).index(case.status)
        if column == COL_MARKERS:
            return len(case.markers)
        if column == COL_LAST_ENTRY:
            return case.last_entry_date or case.intake_date
        if column == COL_DRAFTS:
            return case.open_drafts
        if column == COL_NUMBER:
            return case.number
        return (self._display(case, column) or "").casefold()


class CaseFilterProxy(QSortFilterProxyModel):
    """Sorts by the model's SORT_ROLE and hides rows outside the chosen status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = StatusFilter.ALL
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def status_filter(self) -> StatusFilter:
        return self._status

    def set_status_filter(self, wanted: StatusFilter) -> None:
        self.beginFilterChange()
        self._status = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, CaseListModel):
            return True
        case = model.row_at(source_row)
        return case is not None and status_matches(case.status, self._status)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        model = self.sourceModel()
        a: Any
        b: Any
        if isinstance(model, CaseListModel):
            keys = model.sort_keys(left.column())
            a, b = keys[left.row()], keys[right.row()]
        else:
            a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


class BadgeDelegate(QStyledItemDelegate):
    """Paints the SKYDDAD / Barn chips in the narrow first column."""

    COLOURS: ClassVar[dict[str, tuple[str, str]]] = {
        BADGE_PROTECTED: ("#b3261e", "#ffffff"),
        BADGE_CHILD: ("#f3d38a", "#4a3500"),
        BADGE_SHARED: ("#d6eadc", "#1e5631"),
        BADGE_EMERGENCY: ("#7a1a14", "#ffffff"),
        BADGE_RISK: ("#f6cdc8", "#7a1a14"),
    }

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        badges = index.data(BADGES_ROLE) or []
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not badges:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(opt.font)
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1.5))
        font.setWeight(QFont.Weight.Bold)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        rect = opt.rect
        x = rect.left() + 6
        height = metrics.height() + 4
        y = rect.top() + (rect.height() - height) // 2
        for text, kind in badges:
            width = metrics.horizontalAdvance(text) + 12
            chip = QRect(x, y, width, height)
            background, foreground = self.COLOURS.get(kind, ("#52606d", "#ffffff"))
            painter.setPen(QPen(Qt.PenStyle.NoPen))
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor(foreground))
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        badges = index.data(BADGES_ROLE) or []
        font = QFont(option.font)
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1.5))
        font.setWeight(QFont.Weight.Bold)
        metrics = QFontMetrics(font)
        width = sum(metrics.horizontalAdvance(text) + 16 for text, _ in badges) + 8
        return QSize(max(width, 24), metrics.height() + 12)
