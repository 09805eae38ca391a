"""Search results: matching cases (the same row look as the list) and journal hits with the
matched words highlighted.

A snippet is journal text: it is escaped first and only then given the highlight markup, so
nothing a user wrote is ever read as HTML.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.journal import KIND_LABELS
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.ui.cases.list_model import (
    CASE_ID_ROLE,
    COL_BADGES,
    COL_DRAFTS,
    COL_LAST_ENTRY,
    COL_MARKERS,
    COL_NUMBER,
    COL_PERSON,
    COL_RESPONSIBLE,
    COL_STATUS,
    BadgeDelegate,
    CaseFilterProxy,
    CaseListModel,
)
from vinr_desktop.ui.common.column_fit import ColumnFit, Limits
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.ui.common.widgets import heading, styled_label
from vinr_desktop.views.cases import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    JournalHit,
    SearchResults,
)

HIT_COL_NUMBER = 0
HIT_COL_DATE = 1
HIT_COL_KIND = 2
HIT_COL_SNIPPET = 3

HIT_ROLE = Qt.ItemDataRole.UserRole + 10
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 11

HIGHLIGHT_OPEN = '<span style="background-color:#ffe066; font-weight:600;">'
HIGHLIGHT_CLOSE = "</span>"

_Index = QModelIndex | QPersistentModelIndex
QWIDGETSIZE_MAX = 16_777_215


def tr(text: str) -> str:
    return QCoreApplication.translate("SearchResults", text)


def snippet_html(snippet: str) -> str:
    """The snippet as HTML: every character escaped, the matched parts highlighted.

    Stray or unbalanced markers never produce unbalanced markup.
    """
    parts: list[str] = []
    open_ = False
    plain: list[str] = []
    for char in snippet:
        if char in (HIGHLIGHT_START, HIGHLIGHT_END):
            parts.append(html.escape("".join(plain)))
            plain = []
            if char == HIGHLIGHT_START and not open_:
                parts.append(HIGHLIGHT_OPEN)
                open_ = True
            elif char == HIGHLIGHT_END and open_:
                parts.append(HIGHLIGHT_CLOSE)
                open_ = False
        elif char in "\r\n\t":
            plain.append(" ")
        else:
            plain.append(char)
    parts.append(html.escape("".join(plain)))
    if open_:
        parts.append(HIGHLIGHT_CLOSE)
    return "".join(parts)


def snippet_plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


class HitsModel(RowsModel[JournalHit]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            {
                HIT_COL_NUMBER: tr("Ärende"),
                HIT_COL_DATE: tr("Händelsedatum"),
                HIT_COL_KIND: tr("Typ"),
                HIT_COL_SNIPPET: tr("Träff"),
            },
            lambda hit: hit.entry_id,
            parent,
        )

    def cell(self, hit: JournalHit, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                HIT_COL_NUMBER: hit.number,
                HIT_COL_DATE: hit.event_date,
                HIT_COL_KIND: tr(KIND_LABELS[hit.kind]),
                HIT_COL_SNIPPET: snippet_plain(hit.snippet),
            }.get(column)
        if role == SNIPPET_HTML_ROLE and column == HIT_COL_SNIPPET:
            return snippet_html(hit.snippet)
        if role == HIT_ROLE:
            return hit
        if role == CASE_ID_ROLE:
            return hit.case_id
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Paints SNIPPET_HTML_ROLE (already escaped) as rich text on one line."""

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(2)
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(SNIPPET_HTML_ROLE) or ""))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect
        painter.save()
        painter.translate(rect.left() + 4, rect.top() + (rect.height() - doc.size().height()) / 2)
        clip = QRectF(0, 0, rect.width() - 8, rect.height())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        colour_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(
            QPalette.ColorRole.Text,
            opt.palette.color(group, colour_role),
        )
        context.clip = clip
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 8)


class ResultTable(QTableView):
    """A read-only row table where Enter opens the current row."""

    activated_row = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: ColumnFit | None = None  # set by setup_case_table
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(32)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.horizontalHeader().setHighlightSections(False)
        self.doubleClicked.connect(self.activated_row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


# Rows a ResizeToContents column looks at (Qt's default is 1,000): every row asks the model
# for about ten roles per cell, so a list of 1,000 cases took 0.5 s each time it was shown or
# reloaded. The first rows in the view's order decide.
RESIZE_SAMPLE_ROWS = 50

# Each column as wide as its content; the markers take the rest. A narrow window shortens a
# long name (never below the floor) and then hides, in this order, the date of the latest
# entry, the markers (the name stretches instead), the count of drafts and who is
# responsible (all of them are in the case).
CASE_COLUMNS = {
    COL_BADGES: Limits(),
    COL_NUMBER: Limits(),
    COL_PERSON: Limits(150, 320),
    COL_STATUS: Limits(),
    COL_LAST_ENTRY: Limits(),
    COL_DRAFTS: Limits(),
    COL_RESPONSIBLE: Limits(110, 220),
}
MIN_MARKERS_WIDTH = 140
GIVE_WAY = (COL_LAST_ENTRY, COL_MARKERS, COL_DRAFTS, COL_RESPONSIBLE)


def setup_case_table(table: ResultTable, *, show_responsible: bool) -> None:
    """Columns shared by the list and the search results (see CASE_COLUMNS)."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
    header.setMinimumSectionSize(40)
    if table.columns is None:
        table.setItemDelegateForColumn(COL_BADGES, BadgeDelegate(table))
        table.columns = ColumnFit(
            table,
            CASE_COLUMNS,
            COL_MARKERS,
            min_stretch=MIN_MARKERS_WIDTH,
            optional=GIVE_WAY,
            fallback=COL_PERSON,
        )
    table.columns.set_hidden(COL_RESPONSIBLE, not show_responsible)


class SearchResultsPanel(QWidget):
    """Two sections: cases that match, and journal entries that match."""

    open_case_requested = Signal(str)  # case id
    open_hit_requested = Signal(str, int)  # case id, journal entry id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_model = CaseListModel(self)
        self.case_proxy = CaseFilterProxy(self)
        self.case_proxy.setSourceModel(self.case_model)
        self.case_table = ResultTable()
        self.case_table.setModel(self.case_proxy)
        # Keep the service's order (newest activity first) until a header is clicked.
        self.case_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.case_table.setSortingEnabled(True)
        setup_case_table(self.case_table, show_responsible=True)
        self.hits_model = HitsModel(self)
        self.hits_table = ResultTable()
        self.hits_table.setModel(self.hits_model)
        self.hits_table.setItemDelegateForColumn(HIT_COL_SNIPPET, HtmlDelegate(self.hits_table))
        header = self.hits_table.horizontalHeader()
        for column in (HIT_COL_NUMBER, HIT_COL_DATE, HIT_COL_KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HIT_COL_SNIPPET, QHeaderView.ResizeMode.Stretch)

        self.cases_heading = heading(tr("Ärenden"), 2)
        self.hits_heading = heading(tr("I journalen"), 2)
        self.summary = styled_label("", "muted")
        self.no_cases = styled_label(tr("Inga ärenden matchar."), "muted")
        self.no_hits = styled_label(tr("Inga journalanteckningar matchar."), "muted")
        self.more_hits = styled_label(tr("Fler träffar finns — förfina sökningen."), "muted")
        self.nothing = styled_label(tr("Inga träffar"), "h2")
        self.nothing_hint = styled_label(
            tr(
                "Sök på ärendenummer, namn, personnummer (10 eller 12 siffror) eller ord ur "
                "journalen. Du ser bara ärenden som du har tillgång till."
            ),
            "muted",
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.summary)
        layout.addWidget(self.nothing)
        layout.addWidget(self.nothing_hint)
        layout.addWidget(self.cases_heading)
        layout.addWidget(self.no_cases)
        layout.addWidget(self.case_table, 2)
        layout.addSpacing(6)
        layout.addWidget(self.hits_heading)
        layout.addWidget(self.no_hits)
        layout.addWidget(self.hits_table, 3)
        layout.addWidget(self.more_hits)
        self._stretch_index = layout.count()
        layout.addStretch(0)

        self.case_table.activated_row.connect(self._open_case_row)
        self.hits_table.activated_row.connect(self._open_hit_row)
        self.show_results(SearchResults("", (), (), False))

    def show_results(self, results: SearchResults) -> None:
        self.case_model.set_rows(results.cases)
        self.hits_model.set_rows(results.hits)
        has_cases, has_hits = bool(results.cases), bool(results.hits)
        anything = has_cases or has_hits
        self.nothing.setVisible(not anything)
        self.nothing_hint.setVisible(not anything)
        self.summary.setVisible(anything)
        self.summary.setText(self._summary(results))
        for widget in (self.cases_heading, self.hits_heading):
            widget.setVisible(anything)
        self.no_cases.setVisible(anything and not has_cases)
        self.no_hits.setVisible(anything and not has_hits)
        self.case_table.setVisible(has_cases)
        self.hits_table.setVisible(has_hits)
        self.more_hits.setVisible(results.more_hits)
        # Short tables: as tall as their rows, so two short sections sit close together.
        self.case_table.setMaximumHeight(self._table_height(self.case_table, len(results.cases)))
        self.hits_table.setMaximumHeight(self._table_height(self.hits_table, len(results.hits)))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretch(self._stretch_index, 0 if anything else 1)

    @staticmethod
    def _table_height(table: QTableView, rows: int) -> int:
        if rows > 8:
            return QWIDGETSIZE_MAX  # long lists scroll inside the table
        header = table.horizontalHeader().sizeHint().height()
        return header + table.verticalHeader().defaultSectionSize() * max(rows, 1) + 6

    def _summary(self, results: SearchResults) -> str:
        cases, hits = len(results.cases), len(results.hits)
        plus = "+" if results.more_hits else ""
        case_text = by_count(cases, tr("1 ärende"), tr("{0} ärenden"))
        hit_text = by_count(
            hits + (1 if plus else 0),
            tr("1 journalträff"),
            tr("{0} journalträffar"),
            number=f"{hits}{plus}",
        )
        return tr("{0} och {1}").format(case_text, hit_text)

    def focus_first(self) -> None:
        table = self.case_table if self.case_model.rowCount() else self.hits_table
        if table.model().rowCount():
            table.setFocus()
            table.selectRow(0)

    def _open_case_row(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.open_case_requested.emit(str(case_id))

    def _open_hit_row(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, JournalHit):
            self.open_hit_requested.emit(hit.case_id, hit.entry_id)
