"""The data partsinsyn reads from resources/insight/: the OSL references a masking or a
withholding may rest on (dated like the legal grounds) and the cover letter's texts."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

from vinr_desktop.domain.insight import OslReference, parse_osl_references
from vinr_desktop.resources import resources_dir


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


@cache
def cover_letter() -> dict[str, object]:
    """The cover letter's texts (resources/insight/cover_letter.json)."""
    return _data("cover_letter")
