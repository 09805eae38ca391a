"""What the Statistik page, the årsrapport, the CSV and the county file show: each table with
its numbers as published — exact for a user who may open every counted case, otherwise with
small counts hidden (domain/statistics_suppression.py) — and the chart colours screen and
paper share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vinr_desktop.domain.plurals import by_count
from vinr_desktop.domain.statistics import Count
from vinr_desktop.domain.statistics_kolada import KeyFigure
from vinr_desktop.domain.statistics_suppression import (
    SMALL_COUNT,
    Hidden,
    is_small,
    suppress,
)

# The bars of every chart, on screen (ui/statistics/chart.py) and in the årsrapport.
CHART_COLOURS = ("#2f5d8a", "#b7791f", "#1e6b3a", "#7b4f9d", "#b3261e", "#52606d")
HIDDEN_COLOUR = "#c9d2dc"  # a hidden count's bar: drawn as at most 4, marked "< 5"


@dataclass(frozen=True)
class TableView:
    """One table as shown. A value None is hidden ("< 5")."""

    key: str
    title: str
    row_codes: tuple[str, ...]
    row_labels: tuple[str, ...]
    column_codes: tuple[str, ...]
    column_labels: tuple[str, ...]
    values: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...] | None  # None: not shown (one column, or overlapping)
    column_totals: tuple[int | None, ...] | None
    total: int | None  # the table's total (distinct cases for overlapping rows)
    additive: bool
    measure: str
    note: str = ""
    figures: bool = False
    exact: bool = False  # True: nothing hidden (the unit's own screen, for a user who may)

    def text(self, value: int | None) -> str:
        return SMALL_COUNT if value is None else f"{value:n}" if value >= 10_000 else str(value)

    @property
    def has_hidden(self) -> bool:
        return any(v is None for row in self.values for v in row)

    def bars(self) -> tuple[tuple[str, int | None], ...]:
        """What the chart draws: each row's total (its cells added up where no total is
        printed; hidden if any of them is)."""
        if self.row_totals is not None:
            return tuple(zip(self.row_labels, self.row_totals, strict=True))
        return tuple(
            (label, None if None in row else sum(v or 0 for v in row))
            for label, row in zip(self.row_labels, self.values, strict=True)
        )

    def chart_text(self) -> str:
        """The chart in words, for a screen reader and the tooltip."""
        lines = [f"{self.title}:"]
        for label, value in self.bars():
            lines.append(f"{label}: {self.text(value)}")
        if self.total is not None:
            lines.append(f"Totalt ({self.measure}): {self.text(self.total)}")
        return "\n".join(lines)


def publish(count: Count, *, exact: bool) -> TableView:
    """`count` as shown: every number when `exact`, else with the suppression rule applied."""
    cells = count.cells
    rows, cols = len(count.rows), len(count.columns)
    many = cols > 1 and count.additive
    row_sums = tuple(sum(r) for r in cells)
    column_sums = tuple(sum(cells[r][c] for r in range(rows)) for c in range(cols))
    if count.additive:
        total: int | None = sum(row_sums)
    else:
        total = count.case_total
    if exact:
        hidden = Hidden(frozenset(), frozenset(), frozenset(), False)
    elif count.key == "shelter":
        hidden = _shelter_hidden(cells)
    else:
        hidden = suppress(cells, additive=count.additive)
    values = tuple(
        tuple(None if hidden.cell(r, c) else cells[r][c] for c in range(cols)) for r in range(rows)
    )
    row_totals = (
        tuple(None if r in hidden.row_totals else row_sums[r] for r in range(rows))
        if many
        else None
    )
    column_totals = (
        tuple(None if c in hidden.column_totals else column_sums[c] for c in range(cols))
        if count.additive and not count.figures and rows > 1
        else None
    )
    hide_total = hidden.grand_total if count.additive else total is not None and is_small(total)
    if not exact and hide_total:
        total = None
    return TableView(
        key=count.key,
        title=count.title,
        row_codes=tuple(c for c, _ in count.rows),
        row_labels=tuple(label for _, label in count.rows),
        column_codes=tuple(c for c, _ in count.columns),
        column_labels=tuple(label for _, label in count.columns),
        values=values,
        row_totals=row_totals,
        column_totals=column_totals,
        total=None if count.figures else total,
        additive=count.additive,
        measure=count.measure,
        note=count.note,
        figures=count.figures,
        exact=exact,
    )


def _shelter_hidden(cells: tuple[tuple[int, ...], ...]) -> Hidden:
    """Skyddat boende: few placements hide their dygn and cost too (they would tell the stay);
    the children along are a count of their own."""
    placements, _nights, _cost, children = (row[0] for row in cells)
    hide = set()
    if is_small(placements):
        hide = {(0, 0), (1, 0), (2, 0)}
    if is_small(children) or (hide and children):
        hide.add((3, 0))
    return Hidden(frozenset(hide), frozenset(), frozenset(), False)


@dataclass(frozen=True)
class KeyFigureView:
    key: str
    title: str
    count: int | None  # None: hidden ("< 5")
    per_10000: float | None  # None: no population entered, or the count is hidden
    definition: str

    def count_text(self) -> str:
        return SMALL_COUNT if self.count is None else str(self.count)

    def rate_text(self) -> str:
        if self.per_10000 is None:
            return "–"
        return f"{self.per_10000:.1f}".replace(".", ",")


def key_figure_view(figure: KeyFigure, *, exact: bool) -> KeyFigureView:
    hidden = not exact and is_small(figure.count)
    return KeyFigureView(
        figure.key,
        figure.title,
        None if hidden else figure.count,
        None if hidden else figure.per_10000,
        figure.definition,
    )


@dataclass(frozen=True)
class StatisticsPage:
    """The Statistik page for one period."""

    period_label: str
    period_from: str
    period_to: str  # the last day
    year: int
    municipality: str
    unit: str
    population: int | None  # adult inhabitants of the year, as entered
    exact: bool  # the user may open every counted case: exact numbers on screen
    tables: tuple[TableView, ...]
    key_figures: tuple[KeyFigureView, ...]
    drill: dict[tuple[str, int, int], tuple[str, ...]]  # (table, row, column) → visible cases
    summary: tuple[str, ...]  # the text summary, sentences
    rule_text: str
    made_by: str = ""
    made_utc: str = ""
    document_id: str = ""

    def table(self, key: str) -> TableView:
        return next(t for t in self.tables if t.key == key)


@dataclass(frozen=True)
class CaseLine:
    """A case behind a cell, for a user who may open it."""

    case_id: str
    number: str
    main_person: str  # initials when protected


def summary_lines(tables: Sequence[TableView], figures: Sequence[KeyFigureView]) -> tuple[str, ...]:
    """A few sentences for the nämnd, from published numbers only."""
    first = tables[0]
    lines = [
        by_count(
            first.total,
            "Under perioden aktualiserades 1 ärende.",
            "Under perioden aktualiserades {0} ärenden.",
        )
        if first.total is not None
        else "Under perioden aktualiserades färre än 5 ärenden."
    ]
    by_col = dict(zip(first.column_codes, first.column_totals or (), strict=False))
    if by_col:
        parts = [
            f"{label.lower()} {first.text(by_col.get(code))}"
            for code, label in zip(first.column_codes, first.column_labels, strict=True)
        ]
        lines.append("Huvudpersonerna var " + ", ".join(parts) + ".")
    for figure in figures[:1]:
        count = by_count(
            figure.count if figure.count is not None else 5,
            "1 ärende",
            "{0} ärenden",
            number=figure.count_text(),
        )
        lines.append(
            f"Nyckeltal 1 (Kolada): {count}, {figure.rate_text()} per 10 000 vuxna invånare."
        )
    deadlines = next((t for t in tables if t.key == "deadlines"), None)
    if deadlines is not None:
        for label, row in zip(deadlines.row_labels, deadlines.values, strict=True):
            shown = [v for v in row if v is not None]
            answered: int = sum(shown)
            if len(shown) == len(row) and answered:
                share = round(100 * shown[0] / answered)
                lines.append(f"{label}: {share} % av ärendena inom tid.")
    return tuple(lines)


def table_rows(table: TableView) -> list[list[str]]:
    """A table as text rows, headed by its title and column labels (CSV and PDF share it)."""
    head = [table.title, *table.column_labels]
    if table.row_totals is not None:
        head.append("Totalt")
    rows = [head]
    for n, label in enumerate(table.row_labels):
        row = [label, *(table.text(v) for v in table.values[n])]
        if table.row_totals is not None:
            row.append(table.text(table.row_totals[n]))
        rows.append(row)
    if table.column_totals is not None:
        row = ["Totalt", *(table.text(v) for v in table.column_totals)]
        if table.row_totals is not None:
            row.append(table.text(table.total))
        rows.append(row)
    elif table.total is not None:
        rows.append([f"Totalt ({table.measure})", table.text(table.total)])
    return rows


@dataclass(frozen=True)
class CountyReport:
    """The county's sammanställning of several municipalities' indicator files."""

    year: int
    region: str  # "Sammanställning av 3 kommuner"
    municipalities: tuple[tuple[str, str, str, str], ...]  # code, name, adults, file made
    tables: tuple[TableView, ...]
    key_figures: tuple[KeyFigureView, ...]
    summary: tuple[str, ...]
    rule_text: str
    document_id: str = ""
    made_utc: str = ""
