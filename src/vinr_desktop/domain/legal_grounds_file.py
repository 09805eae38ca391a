"""A corrected legal-grounds file from the administrator, checked strictly before it replaces
the bundled resources/care/legal_grounds.json: the same format, every entry with its law,
chapter, section, dates, verified mark and source, and no code that decisions use removed.
A bad file is refused with a Swedish message naming the entry."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from datetime import date

from vinr_desktop.domain.decisions import LegalGround, parse_legal_grounds
from vinr_desktop.domain.errors import InvalidInput

MAX_FILE_BYTES = 1_000_000
REQUIRED = {
    "code": "kod",
    "label": "benämning",
    "law": "lag",
    "chapter": "kapitel",
    "section": "paragraf",
    "valid_from": "gäller från",
    "valid_to": "gäller till",
    "verified": "kontrollerad",
    "source": "källa",
}
TEXT_KEYS = ("code", "label", "law", "chapter", "section", "source")


def read_legal_grounds_file(raw: bytes) -> dict[str, object]:
    """The file's JSON object, or InvalidInput in Swedish."""
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput("Filen är för stor för att vara en lagrumsfil.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"Filen är inte en läsbar lagrumsfil (JSON): {exc}.") from None
    if not isinstance(data, dict):
        raise InvalidInput("Lagrumsfilen ska vara ett JSON-objekt med 'laws' och 'grounds'.")
    return data


def check_legal_grounds(
    data: Mapping[str, object], used_codes: Collection[str] = ()
) -> tuple[LegalGround, ...]:
    """The grounds of a checked file; InvalidInput naming the first bad entry otherwise."""
    _check_laws(data.get("laws"))
    items = data.get("grounds")
    if not isinstance(items, list) or not items:
        raise InvalidInput("Lagrumsfilen saknar listan 'grounds' med minst ett lagrum.")
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        code = _check_entry(number, item)
        if code in seen:
            raise InvalidInput(f"Lagrum {number} ({code}): koden finns redan tidigare i filen.")
        seen.add(code)
    missing = sorted(set(used_codes) - seen)
    if missing:
        raise InvalidInput(
            "Lagrummet {} används i beslut i registret och måste finnas kvar i filen "
            '(sätt "offered": false om det inte ska erbjudas längre).'.format(
                ", ".join(f'"{c}"' for c in missing)
            )
        )
    try:
        return parse_legal_grounds(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"Lagrumsfilen kunde inte läsas: {exc}.") from None


def _check_laws(laws: object) -> None:
    if not isinstance(laws, list) or not laws:
        raise InvalidInput("Lagrumsfilen saknar listan 'laws' med lagarna den hänvisar till.")
    for number, law in enumerate(laws, start=1):
        if not isinstance(law, dict) or not _text(law.get("name")):
            raise InvalidInput(f"Lag {number} i 'laws' saknar namn ('name').")
        _dates(f"Lagen {law['name']}", law)


def _check_entry(number: int, item: object) -> str:
    if not isinstance(item, dict):
        raise InvalidInput(f"Lagrum {number} är inte ett objekt.")
    code = item.get("code")
    name = f"Lagrum {number} ({code})" if _text(code) else f"Lagrum {number}"
    lacking = [word for key, word in REQUIRED.items() if key not in item]
    if lacking:
        raise InvalidInput(f"{name} saknar {', '.join(lacking)}.")
    for key in TEXT_KEYS:
        if not isinstance(item[key], str):
            raise InvalidInput(f"{name}: {REQUIRED[key]} ska vara text.")
    for key in ("code", "label", "source"):
        if not item[key].strip():
            raise InvalidInput(f"{name}: {REQUIRED[key]} är tom.")
    if not isinstance(item["verified"], bool):
        raise InvalidInput(f"{name}: kontrollerad ska vara true eller false.")
    place = item["chapter"].strip() and item["section"].strip()
    if item["verified"] and item["law"].strip() and not place:
        raise InvalidInput(f"{name} är markerat kontrollerat men saknar kapitel eller paragraf.")
    for key in ("adults", "children", "offered"):
        if key in item and not isinstance(item[key], bool):
            raise InvalidInput(f"{name}: '{key}' ska vara true eller false.")
    _dates(name, item)
    return str(item["code"])


def _dates(name: str, item: Mapping[str, object]) -> None:
    """valid_from/valid_to: an ISO date, or empty/null for an open end; from before to."""
    days: list[date | None] = []
    for key in ("valid_from", "valid_to"):
        value = item.get(key)
        if value in (None, ""):
            days.append(None)
            continue
        try:
            days.append(date.fromisoformat(str(value)))
        except ValueError:
            raise InvalidInput(
                f'{name}: {REQUIRED[key]} ska vara ett datum ÅÅÅÅ-MM-DD, inte "{value}".'
            ) from None
    start, end = days
    if start and end and end < start:
        raise InvalidInput(f"{name}: gäller till ({end}) är före gäller från ({start}).")


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
