"""The fixed texts of the letters to the client (beslutsmeddelande, besvärshänvisning,
kommunicering, partsinsyn), as data dated by law like the legal grounds.

One file per letter and language in resources/letters/, named `<letter>.<language>.json`
(`decision_letter.sv.json`; a translation is `decision_letter.en.json` beside it):

    {
      "_comment": "...",
      "letter": "decision_letter",        # the file's own name, checked
      "language": "sv",                   # ISO 639-1, checked against the name
      "language_label": "svenska",
      "versions": [                       # one per period of law, never overlapping
        {
          "valid_from": "2025-07-01",     # ISO date; "" = open start
          "valid_to": "",                 # ISO date; "" = still in force
          "references": [                 # the law the texts rest on, as the legal grounds
            {"code": "fl_32", "law": "förvaltningslagen (2017:900)", "chapter": "",
             "section": "32", "verified": false, "source": "why / where checked"}
          ],
          "texts": {"title": "Beslut", "intro": "Hej {client_name}! ..."}
        }
      ]
    }

A text may hold `{name}` placeholders that the service fills (`LetterTexts.text(key,
name=...)`); a placeholder the caller does not give is an error, never printed raw. The version
used for a letter is the one in force on the letter's date (the decision date for a decision
letter). Pure: the files are read by vinr_desktop.resources, this module only checks and picks.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

DEFAULT_LANGUAGE = "sv"


@dataclass(frozen=True)
class LawReference:
    """One reference a letter's texts rest on ("32 § förvaltningslagen (2017:900)")."""

    code: str
    law: str
    chapter: str
    section: str
    verified: bool
    source: str

    @property
    def text(self) -> str:
        place = f"{self.chapter} kap. " if self.chapter else ""
        return f"{place}{self.section} § {self.law}" if self.section else self.law


@dataclass(frozen=True)
class LetterTexts:
    """The texts of one letter in one language for one period of law."""

    letter: str
    language: str
    language_label: str
    valid_from: date | None
    valid_to: date | None
    references: tuple[LawReference, ...]
    texts: Mapping[str, str]

    def text(self, key: str, **values: object) -> str:
        """The text `key` with its `{placeholders}` filled; KeyError for a missing key or
        value (a programming error: the resource and the code disagree)."""
        raw = self.texts[key]
        return raw.format_map({k: str(v) for k, v in values.items()}) if values else raw

    def reference(self, code: str) -> LawReference:
        return next(r for r in self.references if r.code == code)

    def has(self, key: str) -> bool:
        return key in self.texts


def _day(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: '{value}' is not an ISO date") from None


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def parse_letter(data: Mapping[str, object], letter: str, language: str) -> tuple[LetterTexts, ...]:
    """Every version in the file, checked: name and language match the file name, dates in
    order without overlap, texts non-empty strings, references complete."""
    where = f"letters/{letter}.{language}.json"
    if data.get("letter") != letter or data.get("language") != language:
        raise ValueError(f"{where}: 'letter' and 'language' must match the file name")
    raw_versions = data.get("versions")
    if not isinstance(raw_versions, list) or not raw_versions:
        raise ValueError(f"{where}: 'versions' must be a non-empty list")
    versions: list[LetterTexts] = []
    for number, raw in enumerate(raw_versions, start=1):
        at = f"{where} version {number}"
        if not isinstance(raw, dict):
            raise ValueError(f"{at}: not an object")
        texts = raw.get("texts")
        if not isinstance(texts, dict) or not texts:
            raise ValueError(f"{at}: 'texts' must be a non-empty object")
        for key, value in texts.items():
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{at}: text '{key}' must be a non-empty string")
            _placeholders(value)  # a broken brace is a ValueError here, not when printing
        refs = []
        for item in raw.get("references", []):
            missing = [k for k in ("code", "law", "section", "verified", "source") if k not in item]
            if missing:
                raise ValueError(f"{at}: a reference lacks {', '.join(missing)}")
            refs.append(
                LawReference(
                    str(item["code"]),
                    str(item["law"]),
                    str(item.get("chapter", "")),
                    str(item["section"]),
                    item["verified"] is True,
                    str(item["source"]),
                )
            )
        start, end = _day(raw.get("valid_from"), at), _day(raw.get("valid_to"), at)
        if start and end and end < start:
            raise ValueError(f"{at}: valid_to is before valid_from")
        versions.append(
            LetterTexts(
                letter,
                language,
                str(data.get("language_label", language)),
                start,
                end,
                tuple(refs),
                {str(k): str(v) for k, v in texts.items()},
            )
        )
    ordered = sorted(versions, key=lambda v: v.valid_from or date.min)
    for earlier, later in pairwise(ordered):
        if earlier.valid_to is None or (later.valid_from and later.valid_from <= earlier.valid_to):
            raise ValueError(f"{where}: versions overlap")
    return tuple(ordered)


def version_on(versions: tuple[LetterTexts, ...], day: date) -> LetterTexts:
    """The version in force on `day`; LookupError when none is."""
    for version in versions:
        if (version.valid_from is None or version.valid_from <= day) and (
            version.valid_to is None or day <= version.valid_to
        ):
            return version
    raise LookupError(f"no text of {versions[0].letter} is in force on {day.isoformat()}")
