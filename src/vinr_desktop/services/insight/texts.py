"""The data partsinsyn reads from resources/: the OSL references a masking or a withholding may
rest on (resources/insight/, dated like the legal grounds) and the cover letter's texts
(resources/letters/insight_cover_letter.<language>.json, through the letters' loader)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

from vinr_desktop.domain.insight import OslReference, parse_osl_references
from vinr_desktop.domain.letter_texts import LetterTexts
from vinr_desktop.resources import resources_dir
from vinr_desktop.services.letters.texts import letter_texts

COVER_LETTER = "insight_cover_letter"


def _data(name: str) -> dict[str, object]:
    data = json.loads((resources_dir() / "insight" / f"{name}.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"insight/{name}.json must hold an object")
    return data


@cache
def osl_references() -> tuple[OslReference, ...]:
    """Every reference of the file, in its order."""
    return parse_osl_references(_data("osl_references"))


def references_on(day: date) -> tuple[OslReference, ...]:
    """The references in force on `day` (what the review offers)."""
    return tuple(r for r in osl_references() if r.in_force(day))


def reference_labels() -> dict[str, str]:
    """code → "26 kap. 1 § OSL" for every reference, also those no longer in force."""
    return {r.code: r.label for r in osl_references()}


def cover_letter(on: date) -> LetterTexts:
    """The cover letter's texts in force on `on` (the decision's day), in Swedish."""
    return letter_texts(COVER_LETTER, on)
