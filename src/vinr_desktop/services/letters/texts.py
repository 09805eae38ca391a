"""The texts of the letters to the client, from resources/letters/ (format:
domain/letter_texts.py), for a date and a language.

    texts = letter_texts("decision_letter", decided_on)          # Swedish, in force that day
    texts.text("intro", applied_on="2026-03-01", insats="Stödsamtal")
    texts.references                                            # the law the texts rest on
    letter_texts("decision_letter", day, "en")    # once decision_letter.en.json exists

Letters in resources/letters/: decision_letter, appeal_instructions, communication_letter (and
the partsinsyn cover letter beside them). Adding a letter is adding a file; adding a
translation is adding `<letter>.<language>.json` with the same keys.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from vinr_desktop.domain.letter_texts import (
    DEFAULT_LANGUAGE,
    LetterTexts,
    parse_letter,
    version_on,
)
from vinr_desktop.resources import letter_data, letter_languages

DECISION_LETTER = "decision_letter"
APPEAL_INSTRUCTIONS = "appeal_instructions"
COMMUNICATION_LETTER = "communication_letter"


@cache
def _versions(letter: str, language: str) -> tuple[LetterTexts, ...]:
    return parse_letter(letter_data(letter, language), letter, language)


def letter_texts(letter: str, on: date, language: str = DEFAULT_LANGUAGE) -> LetterTexts:
    """The texts of `letter` in force on `on`, in `language` (Swedish by default).
    FileNotFoundError: no such letter/language; LookupError: no version that day."""
    return version_on(_versions(letter, language), on)


def languages(letter: str) -> tuple[tuple[str, str], ...]:
    """(code, label) of every language `letter` exists in, Swedish first."""
    codes = sorted(letter_languages(letter), key=lambda c: (c != DEFAULT_LANGUAGE, c))
    return tuple((c, _versions(letter, c)[0].language_label) for c in codes)
