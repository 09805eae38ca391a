"""The letter texts in resources/letters/: every file reads, every version is complete, the
version in force is the one the law of the day gives, and a broken file is refused."""

from __future__ import annotations

import json
from datetime import date

import pytest

from vinr_desktop.domain.letter_texts import parse_letter
from vinr_desktop.resources import resources_dir
from vinr_desktop.services.letters.texts import (
    APPEAL_INSTRUCTIONS,
    COMMUNICATION_LETTER,
    DECISION_LETTER,
    languages,
    letter_texts,
)


@pytest.mark.parametrize("letter", [DECISION_LETTER, APPEAL_INSTRUCTIONS, COMMUNICATION_LETTER])
def test_each_letter_is_in_swedish_and_in_force_today(letter: str) -> None:
    texts = letter_texts(letter, date(2026, 3, 2))
    assert texts.language == "sv"
    assert languages(letter)[0] == ("sv", "svenska")
    assert texts.references and all(r.source for r in texts.references)


def test_every_file_has_the_same_keys_in_every_version() -> None:
    for path in sorted((resources_dir() / "letters").glob("*.json")):
        letter, language, _json = path.name.split(".")
        versions = parse_letter(json.loads(path.read_text("utf-8")), letter, language)
        assert len({frozenset(v.texts) for v in versions}) == 1, path.name


def test_the_appeal_text_follows_the_law_in_force_on_the_decision_day() -> None:
    old = letter_texts(APPEAL_INSTRUCTIONS, date(2025, 6, 30))
    new = letter_texts(APPEAL_INSTRUCTIONS, date(2025, 7, 1))
    assert "socialtjänstlagen (2001:453)" in {r.law for r in old.references}
    assert "socialtjänstlagen (2025:400)" in {r.law for r in new.references}
    assert "16 kap. 3 § socialtjänstlagen (2001:453)" in [r.text for r in old.references]
    with pytest.raises(LookupError):
        letter_texts(APPEAL_INSTRUCTIONS, date(2018, 6, 30))


def test_placeholders_are_filled_and_a_missing_value_is_an_error() -> None:
    texts = letter_texts(APPEAL_INSTRUCTIONS, date(2026, 3, 2))
    where = texts.text("where", board="socialnämnden i Ånge")
    assert "socialnämnden i Ånge" in where and "{" not in where
    with pytest.raises(KeyError):
        texts.text("where", municipality="Ånge")


def test_a_missing_language_is_not_silently_swedish() -> None:
    with pytest.raises(FileNotFoundError):
        letter_texts(DECISION_LETTER, date(2026, 3, 2), "en")


def _file(**version: object) -> dict[str, object]:
    return {"letter": "x", "language": "sv", "versions": [version]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"letter": "y", "language": "sv", "versions": []}, "match the file name"),
        (_file(texts={}), "non-empty object"),
        (_file(texts={"a": " "}), "non-empty string"),
        (_file(texts={"a": "{oops"}), "expected"),
        (_file(texts={"a": "b"}, valid_from="2026-02-01", valid_to="2026-01-01"), "before"),
        (_file(texts={"a": "b"}, references=[{"code": "c"}]), "lacks"),
        (
            {
                "letter": "x",
                "language": "sv",
                "versions": [
                    {"texts": {"a": "b"}, "valid_from": "2020-01-01", "valid_to": ""},
                    {"texts": {"a": "b"}, "valid_from": "2021-01-01", "valid_to": ""},
                ],
            },
            "overlap",
        ),
    ],
)
def test_a_broken_letter_file_is_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_letter(data, "x", "sv")
