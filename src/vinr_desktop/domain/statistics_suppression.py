"""Suppression of small counts (röjandeskydd) in a published table, so that no person in a small
municipality can be recognised from it.

The rule, as printed beside every table that leaves the program:

1. Primary: every count from 1 to 4 is shown as "< 5" (0 is shown: it says nothing of anyone).
2. Secondary (complementary cells): a table whose rows add up to its totals is published with
   its row and column totals; a hidden cell must not be found again by subtracting the shown
   cells from a total. So while any line (row or column, the totals' own row and column
   included) holds exactly one hidden cell, the smallest other non-zero cell of that line is
   hidden too; and while the table's equations (every row and column sums to its total) still
   fix the value of a hidden cell — as they do for a cell on a "bridge" between two groups of
   hidden cells — one more cell beside it is hidden. Both are checked with exact arithmetic
   (fractions), until nothing hidden can be worked out.

A table is a grid of inner cells; `suppress` returns which inner cells, row totals, column
totals and whether the grand total are hidden. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

THRESHOLD = 5
SMALL_COUNT = "< 5"

RULE_TEXT = (
    "Antal från 1 till 4 visas som \u201d< 5\u201d. Där en rad- eller kolumnsumma annars "
    "skulle låta en läsare räkna ut ett dolt antal döljs också ytterligare celler "
    "(sekundär röjandekontroll), så att inget dolt antal går att räkna fram ur det som visas. "
    "Skyddade ärenden räknas med i alla summor men går aldrig att peka ut."
)


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def count_text(count: int | None) -> str:
    """A published count: 1–4 (or a hidden cell, None) as "< 5"."""
    if count is None or is_small(count):
        return SMALL_COUNT
    return str(count)


@dataclass(frozen=True)
class Hidden:
    """Which parts of a table are hidden: inner cells by (row, column), totals by index."""

    cells: frozenset[tuple[int, int]]
    row_totals: frozenset[int]
    column_totals: frozenset[int]
    grand_total: bool

    def cell(self, row: int, column: int) -> bool:
        return (row, column) in self.cells


Pos = tuple[int, int]  # in the extended grid: index R is the totals row, C the totals column


def suppress(
    cells: Sequence[Sequence[int]],
    *,
    additive: bool = True,
    unknown: frozenset[Pos] = frozenset(),
    totals: tuple[Sequence[int], Sequence[int], int] | None = None,
) -> Hidden:
    """The hidden parts of a table of counts `cells` (rows of equal length).

    `additive`: the rows and columns add up to published totals (a case counted once). A
    table whose rows overlap (markers: a case has many) has no such equations and gets the
    primary rule only; its totals are published as counted.
    `unknown`: cells already hidden (a merged cell with a hidden part); their value in `cells`
    is not used. `totals`: (row totals, column totals, grand total) when they are not the sums
    of `cells` (a merged table: the parts' published totals added up).
    """
    rows = len(cells)
    cols = len(cells[0]) if rows else 0
    grid = _extended(cells, rows, cols)
    if totals is not None:
        row_totals, column_totals, grand = totals
        grid.update({(r, cols): row_totals[r] for r in range(rows)})
        grid.update({(rows, c): column_totals[c] for c in range(cols)})
        grid[(rows, cols)] = grand
    hidden: set[Pos] = {p for p, v in grid.items() if is_small(v) and p not in unknown}
    hidden |= set(unknown)
    if not additive:
        hidden = {(r, c) for r, c in hidden if r < rows and c < cols}
    elif rows and cols and hidden:
        hidden = _secondary(grid, rows, cols, hidden)
    return Hidden(
        cells=frozenset((r, c) for r, c in hidden if r < rows and c < cols),
        row_totals=frozenset(r for r, c in hidden if c == cols and r < rows),
        column_totals=frozenset(c for r, c in hidden if r == rows and c < cols),
        grand_total=(rows, cols) in hidden,
    )


def _extended(cells: Sequence[Sequence[int]], rows: int, cols: int) -> dict[Pos, int]:
    grid: dict[Pos, int] = {}
    for r in range(rows):
        for c in range(cols):
            grid[(r, c)] = cells[r][c]
        grid[(r, cols)] = sum(cells[r])
    for c in range(cols):
        grid[(rows, c)] = sum(cells[r][c] for r in range(rows))
    grid[(rows, cols)] = sum(grid[(r, cols)] for r in range(rows))
    return grid


def lines(rows: int, cols: int) -> list[list[Pos]]:
    """Every equation of the extended grid as its cells (the last one is the line's total)."""
    found = [[(r, c) for c in range(cols + 1)] for r in range(rows + 1)]
    found += [[(r, c) for r in range(rows + 1)] for c in range(cols + 1)]
    return found


def _secondary(grid: dict[Pos, int], rows: int, cols: int, hidden: set[Pos]) -> set[Pos]:
    hidden = set(hidden)
    for _round in range(len(grid) + 1):
        lonely = next(
            (line for line in lines(rows, cols) if sum(p in hidden for p in line) == 1), None
        )
        if lonely is not None:
            partner = _partner(grid, lonely, hidden, rows, cols)
            if partner is None:
                return set(grid)  # nothing left to hide beside it: hide the whole table
            hidden.add(partner)
            continue
        fixed = determined(grid, hidden, rows, cols)
        if not fixed:
            return hidden
        row, col = min(fixed)
        partner = _partner(grid, [(row, c) for c in range(cols + 1)], hidden, rows, cols)
        partner = partner or _partner(grid, [(r, col) for r in range(rows + 1)], hidden, rows, cols)
        if partner is None:
            return set(grid)
        hidden.add(partner)
    return set(grid)


def _partner(
    grid: dict[Pos, int], line: Sequence[Pos], hidden: set[Pos], rows: int, cols: int
) -> Pos | None:
    """The cell of `line` to hide beside the hidden ones: the smallest shown non-zero inner
    cell, else the smallest shown total, else a shown zero."""
    shown = [p for p in line if p not in hidden]

    def rank(p: Pos) -> tuple[bool, bool, int, Pos]:
        return (grid[p] == 0, p[0] == rows or p[1] == cols, grid[p], p)

    return min(shown, key=rank) if shown else None


def determined(grid: dict[Pos, int], hidden: set[Pos], rows: int, cols: int) -> list[Pos]:
    """The hidden cells whose value the table's equations fix, given every shown cell.

    A hidden cell is fixed exactly when its unit vector lies in the row space of the equations
    restricted to the hidden cells (reduced row echelon form, exact fractions)."""
    unknown = sorted(hidden)
    index = {p: i for i, p in enumerate(unknown)}
    matrix: list[list[Fraction]] = []
    for line in lines(rows, cols):
        row = [Fraction(0)] * len(unknown)
        *parts, total = line
        for p in parts:
            if p in index:
                row[index[p]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            matrix.append(row)
    pivots = _reduce(matrix, len(unknown))
    fixed = []
    for r, col in pivots:
        if all(v == 0 for i, v in enumerate(matrix[r]) if i != col):
            fixed.append(unknown[col])
    return fixed


def _reduce(matrix: list[list[Fraction]], width: int) -> list[tuple[int, int]]:
    """Reduce `matrix` in place to reduced row echelon form; (row, pivot column) pairs."""
    pivots: list[tuple[int, int]] = []
    top = 0
    for col in range(width):
        found = next((r for r in range(top, len(matrix)) if matrix[r][col] != 0), None)
        if found is None:
            continue
        matrix[top], matrix[found] = matrix[found], matrix[top]
        lead = matrix[top][col]
        matrix[top] = [v / lead for v in matrix[top]]
        for r in range(len(matrix)):
            if r != top and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[top], strict=True)]
        pivots.append((top, col))
        top += 1
    return pivots
