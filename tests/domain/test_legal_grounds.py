"""The legal-grounds file: every reference names its law, chapter and section, its dates and
whether it was checked, with a source; none is offered outside its dates."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain.decisions import grounds_for, parse_legal_grounds
from vinr_desktop.resources import care_data

DATA = care_data("legal_grounds")
GROUNDS = parse_legal_grounds(DATA)


def test_every_ground_carries_its_law_place_dates_and_verified_mark() -> None:
    raw = DATA["grounds"]
    assert isinstance(raw, list)
    for item in raw:
        assert {"law", "chapter", "section", "verified", "source"} <= item.keys(), item["code"]
        assert isinstance(item["verified"], bool) and item["source"].strip()
        if item["code"] != "other":
            assert item["law"] and ("valid_from" in item or "valid_to" in item), item["code"]
    with pytest.raises(ValueError, match="lacks"):
        parse_legal_grounds({"grounds": [{"code": "a", "label": "A", "law": "x"}]})


def test_skyddat_boende_has_its_own_ground_and_the_old_words_are_gone() -> None:
    adults_2026 = {g.code for g in grounds_for(GROUNDS, date(2026, 3, 2), child=False)}
    assert "sol2025_skyddat_boende" in adults_2026
    assert "sol2025_utan_behovsprovning" not in adults_2026  # not a ground for one person
    assert "sol2001_skyddat_boende" in {
        g.code for g in grounds_for(GROUNDS, date(2024, 4, 1), child=False)
    }
    assert not any(g.label == "Bistånd" for g in GROUNDS if g.law.endswith("(2025:400)"))


def test_an_unchecked_reference_says_so() -> None:
    unchecked = [g for g in GROUNDS if not g.verified]
    assert unchecked and all(g.source for g in unchecked)
