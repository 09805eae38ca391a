"""The stickprov: the first N by intake (ties by id), N at random with a seed (same seed, same
sample), all; the checks in Swedish; the audit code read back in words."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain.compliance_sample import (
    Group,
    SampleMode,
    Selection,
    check_selection,
    draw,
    selection_code,
    selection_code_words,
)
from vinr_desktop.domain.errors import InvalidInput

CASES = [(f"c{i:02d}", date(2026, 1, 1 + i % 20)) for i in range(30)]
BASE = Selection(date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 1))


def test_first_n_by_intake_and_ties_by_id() -> None:
    first = draw(CASES, Selection(**{**BASE.__dict__, "mode": SampleMode.FIRST, "count": 3}), 0)
    assert first == ["c00", "c20", "c01"]


def test_the_same_seed_draws_the_same_sample_another_seed_another() -> None:
    wanted = Selection(**{**BASE.__dict__, "mode": SampleMode.RANDOM, "count": 5})
    one, again, other = draw(CASES, wanted, 4711), draw(CASES, wanted, 4711), draw(CASES, wanted, 1)
    assert one == again and one != other and len(one) == 5
    order = [c for c, _day in sorted(CASES, key=lambda c: (c[1], c[0]))]
    assert one == [c for c in order if c in one]  # shown in intake order


def test_all_and_more_than_there_are() -> None:
    assert len(draw(CASES, BASE, 0)) == 30
    many = Selection(**{**BASE.__dict__, "mode": SampleMode.RANDOM, "count": 99})
    assert len(draw(CASES, many, 1)) == 30


def test_checks_in_swedish() -> None:
    with pytest.raises(InvalidInput, match="Periodens slut"):
        check_selection(Selection(date(2026, 2, 1), date(2026, 1, 1), date(2026, 4, 1)))
    with pytest.raises(InvalidInput, match="Antalet"):
        check_selection(Selection(**{**BASE.__dict__, "mode": SampleMode.FIRST, "count": 0}))


def test_the_audit_code_in_words() -> None:
    wanted = Selection(**{**BASE.__dict__, "group": Group.ADULTS, "mode": SampleMode.RANDOM})
    code = selection_code(wanted, 4711)
    assert code == "2026-01-01:2026-03-31:adults:random:5:4711:2026-04-01"
    assert selection_code_words(code) == (
        "Aktualiserade 2026-01-01 – 2026-03-31; vuxna, 5 slumpvis (frö 4711); "
        "granskningsdag 2026-04-01"
    )
    assert selection_code_words("något annat") == "något annat"
