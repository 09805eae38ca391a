"""Table columns as wide as their content, one stretching column, and fair shortening.

Qt's ResizeToContents never shortens a column and Stretch splits the room evenly, so a list
with two stretching columns cut names short while a column of short dates stood half empty.
`ColumnFit` gives every column the width of its content (header included, up to a cap), gives
the rest of the width to one stretching column (the one with long free text, rightmost), and
when the table is too narrow shortens the widest shortenable columns first, never below their
floors. It fits again when the table is resized or gets new rows, until the user drags a
column edge herself.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

NEVER_SHORTER = 0  # as a floor: the column keeps its content's width


@dataclass(frozen=True)
class Limits:
    """A column's floor (narrowest it is shortened to; NEVER_SHORTER) and cap (widest)."""

    floor: int = NEVER_SHORTER
    cap: int = 10_000


def fitted_widths(wanted: dict[int, int], floors: dict[int, int], available: int) -> dict[int, int]:
    """Shrink the widest columns first until the widths fit `available` (or reach floors)."""
    widths = dict(wanted)
    excess = sum(widths.values()) - available
    while excess > 0:
        shrinkable = [c for c in widths if widths[c] > floors[c]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda c: widths[c])
        others = [widths[c] for c in shrinkable if c != widest]
        target = max(max(others, default=floors[widest]), floors[widest])
        step = min(excess, widths[widest] - target) or min(excess, 1)
        widths[widest] -= step
        excess -= step
    return widths


class ColumnFit(QObject):
    """Keeps the columns of `table` fitted (see the module docstring).

    `optional` columns give way, in that order, while the table is too narrow for the other
    columns' floors: they are hidden rather than cut to nothing or pushed out of sight behind
    a horizontal scroll bar, and come back when there is room (`dropped` says which are hidden
    now). When the stretching column itself gives way, `fallback` stretches instead.
    """

    def __init__(
        self,
        table: QTableView,
        limits: dict[int, Limits],
        stretch: int,
        *,
        min_stretch: int = 120,
        optional: tuple[int, ...] = (),
        fallback: int | None = None,
    ) -> None:
        super().__init__(table)
        self._table = table
        self._limits = limits
        self._stretch = stretch
        self._min_stretch = min_stretch
        self._optional = optional
        self._fallback = fallback
        self._chosen_hidden: set[int] = set()
        self.dropped: frozenset[int] = frozenset()
        self._fitting = False  # applying widths: sections resize, not by the user
        self._busy = False  # inside fit(): a resize it causes is fitted afterwards
        self._dragging = False  # a mouse button is down on the header
        self.user_sized = False  # the user dragged a column: leave the widths alone
        header = table.horizontalHeader()
        header.viewport().installEventFilter(self)
        header.setStretchLastSection(False)
        for column in limits:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._section_resized)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        # What the columns need is measured again when the rows change, not on every resize
        # (measuring asks the delegates about every row).
        self._measures: tuple[dict[int, int], dict[int, int], dict[int, int]] | None = None
        model = table.model()
        if model is not None:
            for signal in (
                model.modelReset,
                model.rowsInserted,
                model.rowsRemoved,
                model.layoutChanged,
                model.dataChanged,
            ):
                signal.connect(self.remeasure)

    def set_hidden(self, column: int, hidden: bool) -> None:
        """Hide a column by choice (not for lack of room), or show it again."""
        if hidden:
            self._chosen_hidden.add(column)
        else:
            self._chosen_hidden.discard(column)
        self._table.setColumnHidden(column, hidden)
        self.remeasure()

    def remeasure(self) -> None:
        self._measures = None
        self.fit()

    def _measure(self) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
        """(natural, floor, wanted) width of each column not hidden by choice."""
        table, header = self._table, self._table.horizontalHeader()
        natural: dict[int, int] = {}
        floor: dict[int, int] = {}
        wanted: dict[int, int] = {}
        for column in (*self._limits, self._stretch):
            if column in self._chosen_hidden:
                continue
            content = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
            limits = self._limits.get(column, Limits(self._min_stretch))
            natural[column] = content
            wanted[column] = min(content, limits.cap)
            if limits.floor == NEVER_SHORTER:
                floor[column] = wanted[column]
            else:
                least = max(limits.floor, header.sectionSizeHint(column))
                floor[column] = min(least, wanted[column])
        return natural, floor, wanted

    def fit(self) -> None:
        if self._busy:
            QTimer.singleShot(0, self, self.fit)  # the table was resized by the fitting
            return
        self._busy = True
        try:
            self._fit()
        finally:
            self._busy = False

    def _fit(self) -> None:
        table, header = self._table, self._table.horizontalHeader()
        model = table.model()
        if self.user_sized or model is None or not model.rowCount():
            return
        if self._measures is None:
            self._measures = self._measure()
        natural, floor, wanted = self._measures
        # The table is never narrower than the columns that do not give way need (so a row of
        # cards around it stacks instead of squeezing it).
        essential = sum(f for c, f in floor.items() if c not in self._optional)
        frame = table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth()
        table.setMinimumWidth(essential + frame)
        room = table.viewport().width()
        dropped: set[int] = set()
        for column in self._optional:
            if sum(f for c, f in floor.items() if c not in dropped) <= room:
                break
            if column in floor:
                dropped.add(column)
        stretching = self._stretch if self._stretch in floor else None
        if stretching in dropped or stretching is None:
            stretching = self._fallback if self._fallback in floor else None
        fixed = [c for c in floor if c not in dropped and c != stretching]
        reserved = floor[stretching] if stretching is not None else 0
        widths = fitted_widths(
            {c: wanted[c] for c in fixed}, {c: floor[c] for c in fixed}, room - reserved
        )
        # Room the stretching column does not need goes to columns held at their cap.
        spare = room - sum(widths.values()) - (natural[stretching] if stretching is not None else 0)
        for column in sorted(widths, key=lambda c: natural[c] - widths[c]):
            grow = min(max(spare, 0), natural[column] - widths[column])
            if grow > 0:
                widths[column] += grow
                spare -= grow
        self._fitting = True
        try:
            for column in (*self._limits, self._stretch):
                table.setColumnHidden(column, column in self._chosen_hidden or column in dropped)
                stretches = column == stretching
                header.setSectionResizeMode(
                    column,
                    QHeaderView.ResizeMode.Stretch
                    if stretches
                    else QHeaderView.ResizeMode.Interactive,
                )
            header.setStretchLastSection(stretching is None)
            for column, width in widths.items():
                table.setColumnWidth(column, width)
        finally:
            self._fitting = False
        self.dropped = frozenset(dropped)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the event type and the objects kept at hand here: this also runs while the
        # table is being destroyed.
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self._viewport:
            self.fit()
        elif kind == QEvent.Type.MouseButtonPress:
            self._dragging = True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._dragging = False
        return False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        """Only a column edge the user drags counts (Qt resizes sections itself too)."""
        if self._dragging and not self._fitting:
            self.user_sized = True


def keep_columns_in_view(table: QTableView, stretch: int, stretch_min: int) -> None:
    """Make `table` at least as wide as its columns need (the stretching one `stretch_min`),
    up to the screen, so its dialog cannot be made so narrow that columns slide out of sight.
    For a dialog's small table of a few rows, filled once; call it after filling."""
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return
    needed = sum(
        max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
        for c in range(model.columnCount())
        if c != stretch and not table.isColumnHidden(c)
    )
    needed += stretch_min + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth()
    screen = table.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().width() - 80)
    table.setMinimumWidth(needed)
