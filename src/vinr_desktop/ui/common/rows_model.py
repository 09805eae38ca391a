"""The table-model base of every list in the program: rows of views, and the same lazily paged.

`RowsModel` holds read-only rows — the frozen views a service returned — with a header per
column; a subclass says what a cell shows for a role (`cell`). Rows are replaced as a whole
when the view reloads (`set_rows`) and found again by their id (`row_of`), so the selection
survives a reload.

`PagedRowsModel` fetches its rows page by page through the OperationRunner: the first page
when the source is set or reloaded, the next ones when the view asks (`canFetchMore`,
`fetchMore`) as the user scrolls, so thousands of journal entries or audit events show their
first rows at once. A reload starts a new generation: pages that arrive late for an old source
are dropped, and a row that an earlier page already holds (the list moved while paging) is
not shown twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from vinr_desktop.ui.common.operations import OperationRunner

Row = TypeVar("Row")
Page = TypeVar("Page")
Key = str | int
Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200


class RowsModel(QAbstractTableModel, Generic[Row]):
    """Rows, a header per column and lookup by id; what a cell shows is `cell`'s."""

    def __init__(
        self,
        headers: Sequence[str] | Mapping[int, str],
        key: Callable[[Row], Key],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers: Mapping[int, str] = (
            dict(headers) if isinstance(headers, Mapping) else dict(enumerate(headers))
        )
        self._key = key
        self._rows: list[Row] = []

    # -- the rows --------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[Row]:
        return self._rows

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.rows_replaced()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(())

    def rows_replaced(self) -> None:
        """Called inside the reset whenever the rows change: forget what was derived."""

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: Key) -> int:
        """The row of the item with id `key`, or -1."""
        return next((i for i, item in enumerate(self._rows) if self._key(item) == key), -1)

    # -- what a cell shows -----------------------------------------------------------------

    def cell(self, row: Row, column: int, role: int) -> object:
        """The value of `role` for `row` in `column` (None: nothing)."""
        return None

    def header_tooltip(self, section: int) -> str | None:
        """A tooltip for a column header, where the header's word needs one."""
        return None

    # -- Qt's model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        return None if row is None else self.cell(row, index.column(), role)


class PagedRowsModel(RowsModel[Row], Generic[Row, Page]):
    """Rows fetched a page at a time from a source: `fetch(offset, limit)` → a page, which
    the subclass reads (`page_rows`, `page_total`)."""

    loaded = Signal()  # a page arrived (the first one after a reload, or a later one)
    failed = Signal(str)

    def __init__(
        self,
        headers: Sequence[str] | Mapping[int, str],
        key: Callable[[Row], Key],
        runner: OperationRunner,
        parent_widget: QWidget,
        *,
        fetch: Callable[[int, int], Page] | None = None,
    ) -> None:
        """`fetch`: the first source, fetched at the first `reload`."""
        super().__init__(headers, key, parent_widget)
        self._runner = runner
        self._widget = parent_widget
        self._fetch_page = fetch
        self._pageable = True
        self._total = 0
        self._next_offset = 0  # where the next page starts in the source's order
        self._generation = 0
        self._fetching = False
        self._reset_done = False

    # -- what a page holds (the subclass's) ------------------------------------------------

    def page_rows(self, page: Page) -> Sequence[Row]:
        raise NotImplementedError

    def page_total(self, page: Page) -> int:
        raise NotImplementedError

    def page_arrived(self, page: Page) -> None:
        """Called for every page kept, before its rows are shown: read what else it says."""

    # -- state -----------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._fetching

    @property
    def pageable(self) -> bool:
        return self._pageable

    @property
    def has_loaded(self) -> bool:
        return self._reset_done

    # -- loading ---------------------------------------------------------------------------

    def set_source(self, fetch: Callable[[int, int], Page], *, pageable: bool = True) -> None:
        """Show what `fetch` gives (a new filter), starting from the first page; not
        `pageable`: the first page is all there is."""
        self._fetch_page = fetch
        self._pageable = pageable
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a change)."""
        if self._fetch_page is None:
            return
        self._generation += 1
        self._fetching = False
        self._fetch(0)

    def clear(self) -> None:
        """Show nothing (and forget the source) until `set_source` is called again."""
        self._generation += 1
        self._fetch_page = None
        self._fetching = False
        self._total = 0
        self._next_offset = 0
        super().clear()
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not self._reset_done or not self._pageable:
            return False
        return not self._fetching and self._next_offset < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(self._next_offset)

    def _fetch(self, offset: int) -> None:
        fetch = self._fetch_page
        if fetch is None:
            return
        generation = self._generation
        self._fetching = True
        self._runner.run(
            lambda: fetch(offset, PAGE_SIZE),
            parent=self._widget,
            success=lambda page: self._arrived(generation, offset, page),
            failure=lambda message: self._fetch_failed(generation, message),
        )

    def _fetch_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._fetching = False
            self.failed.emit(message)

    def _arrived(self, generation: int, offset: int, page: Page) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        rows = self.page_rows(page)
        self._total = self.page_total(page)
        self._next_offset = offset + len(rows) if rows else self._total
        self.page_arrived(page)
        if offset == 0:
            self._reset_done = True
            self.set_rows(rows)
        else:
            known = {self._key(r) for r in self._rows}
            fresh = [r for r in rows if self._key(r) not in known]
            if fresh:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
                self._rows.extend(fresh)
                self.endInsertRows()
        self.loaded.emit()
