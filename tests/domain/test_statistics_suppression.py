"""The suppression rule: small counts hidden, and no hidden count can be worked out again from
what a table publishes (its shown cells and its row, column and grand totals)."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from vinr_desktop.domain.statistics_suppression import Hidden, count_text, suppress


def published(cells: list[list[int]], hidden: Hidden) -> dict[tuple[int, int], int | None]:
    """The extended grid as a reader sees it: None where hidden."""
    rows, cols = len(cells), len(cells[0])
    grid: dict[tuple[int, int], int | None] = {}
    for r in range(rows):
        for c in range(cols):
            grid[(r, c)] = None if hidden.cell(r, c) else cells[r][c]
        grid[(r, cols)] = None if r in hidden.row_totals else sum(cells[r])
    for c in range(cols):
        grid[(rows, c)] = None if c in hidden.column_totals else sum(row[c] for row in cells)
    grid[(rows, cols)] = None if hidden.grand_total else sum(map(sum, cells))
    return grid


def subtraction_attack(
    grid: dict[tuple[int, int], int | None], rows: int, cols: int
) -> dict[tuple[int, int], int]:
    """What a reader recovers by subtracting along rows and columns, again and again, with
    every recovered number used for the next round."""
    known = dict(grid)
    found: dict[tuple[int, int], int] = {}
    lines = [[(r, c) for c in range(cols + 1)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows + 1)] for c in range(cols + 1)]
    progress = True
    while progress:
        progress = False
        for line in lines:
            *parts, total = line
            missing = [p for p in line if known[p] is None]
            if len(missing) != 1:
                continue
            (p,) = missing
            if p == total:
                value = sum(known[q] or 0 for q in parts)
            else:
                value = (known[total] or 0) - sum(known[q] or 0 for q in parts if q != p)
            known[p] = found[p] = value
            progress = True
    return found


def algebra_attack(
    grid: dict[tuple[int, int], int | None], rows: int, cols: int
) -> set[tuple[int, int]]:
    """The hidden cells the equations fix, by exact elimination over all of them at once
    (stronger than subtraction line by line)."""
    unknown = sorted(p for p, v in grid.items() if v is None)
    index = {p: i for i, p in enumerate(unknown)}
    rows_eq = []
    lines = [[(r, c) for c in range(cols + 1)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows + 1)] for c in range(cols + 1)]
    for line in lines:
        *parts, total = line
        vec = [Fraction(0)] * len(unknown)
        for p in parts:
            if p in index:
                vec[index[p]] += 1
        if total in index:
            vec[index[total]] -= 1
        if any(vec):
            rows_eq.append(vec)
    fixed = set()
    for target in range(len(unknown)):
        # Is the unit vector of `target` a combination of the equations? Solve by elimination
        # of the augmented system [A^T | e].
        basis: list[list[Fraction]] = []
        for vec in rows_eq:
            v = list(vec)
            for b in basis:
                lead = next(i for i, x in enumerate(b) if x)
                if v[lead]:
                    v = [a - v[lead] * c for a, c in zip(v, b, strict=True)]
            if any(v):
                lead = next(i for i, x in enumerate(v) if x)
                v = [x / v[lead] for x in v]
                basis = [
                    [a - b[lead] * c for a, c in zip(b, v, strict=True)] if b[lead] else b
                    for b in basis
                ]
                basis.append(v)
        e = [Fraction(int(i == target)) for i in range(len(unknown))]
        for b in basis:
            lead = next(i for i, x in enumerate(b) if x)
            if e[lead]:
                e = [a - e[lead] * c for a, c in zip(e, b, strict=True)]
        if not any(e):
            fixed.add(unknown[target])
    return fixed


def test_small_counts_read_less_than_five_and_zero_is_shown() -> None:
    assert [count_text(n) for n in (0, 1, 4, 5, 17)] == ["0", "< 5", "< 5", "5", "17"]
    assert count_text(None) == "< 5"


def test_one_small_cell_takes_a_partner_in_its_row_and_column() -> None:
    cells = [[12, 3, 9], [7, 8, 10], [20, 6, 11]]
    hidden = suppress(cells)
    assert (0, 1) in hidden.cells
    assert len(hidden.cells) >= 4  # a rectangle at least: row and column each need two
    grid = published(cells, hidden)
    assert subtraction_attack(grid, 3, 3) == {}
    assert algebra_attack(grid, 3, 3) == set()


def test_a_small_total_is_hidden_and_protected_too() -> None:
    cells = [[2, 0, 0], [10, 6, 9], [0, 7, 8]]  # the first row's total is 2
    hidden = suppress(cells)
    assert 0 in hidden.row_totals
    grid = published(cells, hidden)
    assert (0, 0) not in subtraction_attack(grid, 3, 3)
    assert not algebra_attack(grid, 3, 3)


def test_nothing_small_nothing_hidden() -> None:
    hidden = suppress([[5, 0], [9, 12]])
    assert not hidden.cells and not hidden.row_totals and not hidden.grand_total


def test_overlapping_rows_get_the_primary_rule_only() -> None:
    hidden = suppress([[3, 9], [7, 1]], additive=False)
    assert hidden.cells == {(0, 0), (1, 1)}
    assert not hidden.row_totals and not hidden.column_totals


@pytest.mark.parametrize("seed", range(60))
def test_the_attack_recovers_no_hidden_cell_of_random_tables(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 6), rng.randint(1, 5)
    cells = [[rng.choice((0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 30)) for _ in range(cols)]
             for _ in range(rows)]  # fmt: skip
    hidden = suppress(cells)
    grid = published(cells, hidden)
    small = {p for p, v in published(cells, suppress(cells, additive=False)).items() if v is None}
    assert small <= {p for p, v in grid.items() if v is None}  # every small count is hidden
    recovered = subtraction_attack(grid, rows, cols)
    assert recovered == {}, (cells, recovered)
    assert algebra_attack(grid, rows, cols) == set(), cells
    for (r, c), value in grid.items():  # nothing small is shown
        assert value is None or not 0 < value < 5, (cells, r, c)


def test_the_attack_would_succeed_without_the_complementary_cells() -> None:
    """The attack is real: with only the primary rule, it finds the hidden count."""
    cells = [[12, 3, 9], [7, 8, 10]]
    primary = suppress(cells, additive=False)
    grid = published(cells, primary)
    assert subtraction_attack(grid, 2, 3)[(0, 1)] == 3
