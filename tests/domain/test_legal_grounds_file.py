"""The administrator's corrected legal-grounds file is checked strictly: the bundled file
passes, and each kind of fault is refused naming the entry."""

from __future__ import annotations

import copy
import json
import re

import pytest

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.legal_grounds_file import check_legal_grounds, read_legal_grounds_file
from vinr_desktop.resources import care_data


def bundled() -> dict[str, object]:
    return copy.deepcopy(care_data("legal_grounds"))


def entry(data: dict[str, object], code: str) -> dict[str, object]:
    grounds = data["grounds"]
    assert isinstance(grounds, list)
    return next(g for g in grounds if g["code"] == code)


def test_the_bundled_file_passes_the_strict_check() -> None:
    grounds = check_legal_grounds(bundled())
    assert "sol2025_bistand" in {g.code for g in grounds}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e.pop("section"), "Lagrum 1 (sol2025_bistand) saknar paragraf."),
        (lambda e: e.pop("valid_to"), "Lagrum 1 (sol2025_bistand) saknar gäller till."),
        (lambda e: e.pop("source"), "Lagrum 1 (sol2025_bistand) saknar källa."),
        (lambda e: e.update(verified="ja"), "kontrollerad ska vara true eller false"),
        (lambda e: e.update(valid_from="1 juli 2025"), 'inte "1 juli 2025"'),
        (lambda e: e.update(valid_to="2020-01-01"), "är före gäller från"),
        (lambda e: e.update(code="sol2001_bistand"), "koden finns redan"),
        (lambda e: e.update(chapter="", verified=True), "markerat kontrollerat men saknar"),
        (lambda e: e.update(label=" "), "benämning är tom"),
    ],
)
def test_a_bad_entry_is_refused_naming_it(change: object, message: str) -> None:
    data = bundled()
    change(entry(data, "sol2025_bistand"))  # type: ignore[operator]
    with pytest.raises(InvalidInput, match=re.escape(message)):
        check_legal_grounds(data)


def test_a_code_decisions_use_cannot_be_removed() -> None:
    data = bundled()
    grounds = data["grounds"]
    assert isinstance(grounds, list)
    data["grounds"] = [g for g in grounds if g["code"] != "sol2001_bistand"]
    check_legal_grounds(data, {"sol2025_bistand"})
    with pytest.raises(InvalidInput, match='"sol2001_bistand" används i beslut'):
        check_legal_grounds(data, {"sol2001_bistand"})


def test_a_file_that_is_not_json_is_refused_in_swedish() -> None:
    with pytest.raises(InvalidInput, match="inte en läsbar lagrumsfil"):
        read_legal_grounds_file(b"{ inte json")
    with pytest.raises(InvalidInput, match="JSON-objekt"):
        read_legal_grounds_file(json.dumps([1, 2]).encode())
