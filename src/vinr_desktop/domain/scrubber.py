"""The scrubber: removes locating and identifying details from free text, however they were typed.

People write what they know into goals, journal entries, motivations and safety plans: "bor kvar
på Storgatan", "ring henne på +46 70 123 45 67". A document must not carry a protected person's
details that way, so every free text of every document passes a `Scrubber` built from the
case's secrets (domain/redaction.py decides whose). Each secret is matched in the spellings
people use:

- street: the whole address, the street name alone (and its genitive, "Storgatans"), the name
  with any house number, letter, entrance or flat ("Storgatan 17B", "17 B", "17 b lgh 1102"),
  the number with its letter alone ("17B") and the flat alone ("lgh 1102");
- postal code with or without its space ("841 31", "84131", "SE-841 31");
- postort, except the register's own municipality ("Ånge" in a register of Ånge kommun is on
  the letterhead and in names such as "Kvinnojouren Ånge");
- phone in any grouping, with 0, +46 or 0046 ("070-123 45 67", "+46701234567"), and a mobile
  number's last seven digits alone;
- e-mail, names, identity numbers (with or without century), and the places of a safety plan.

Matching ignores case and is tolerant of å/ä/ö typed as a/a/o (and other accents); it only
matches whole words, so "Ali" is removed and "Alice" stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

REMOVED = "[uppgift borttagen]"
MIN_SECRET = 3  # shorter strings would remove ordinary words

_SEP = r"[\s\-/().]*"  # what people put between the digits of a number
_FOLD = {
    "a": "aàáâäåã",
    "o": "oòóôöõø",
    "e": "eèéêë",
    "u": "uùúûü",
    "i": "iìíîï",
    "y": "yýÿ",
    "c": "cç",
    "n": "nñ",
}
# Words after a house number that say where in the house: entrance, flat, floor.
_WHERE = (
    r"(?:lgh|l[äa]genhet(?:snummer)?|uppg(?:[åa]ng)?|ing[åa]ng|port|tr(?:appor)?|v[åa]n(?:ing)?)"
    r"(?![^\W\d_])"
)
# A house letter: "17B", "17b", "17 B"; "17 b" only before an entrance or flat ("17 b lgh 2"),
# since "17 i" is a number and a word.
_LETTER = r"(?:(?-i:[A-ZÅÄÖa-zåäö])(?!\w)|\s(?-i:[A-ZÅÄÖ])(?!\w)|\s[a-zåäö](?=\s*" + _WHERE + "))"
_WHERE_TAIL = (
    r"(?:\s*,?\s*"
    + _WHERE
    + r"\.?\s*(?:nr\.?\s*)?(?:\d{1,5}[^\W\d_]?|[^\W\d_])(?![\w\-–]|[.:,]\d))*"
)
# A house number (1–999, or a range "17-19"), never a year, a date or a time.
_HOUSE = r"\d{1,3}(?:\s?[-–]\s?\d{1,3})?(?![\d\-–]|[.:,]\d)"
_HOUSE_TAIL = r"(?:[\s,]*" + _HOUSE + _LETTER + "?" + _WHERE_TAIL + ")?"


class SecretKind(StrEnum):
    STREET = "street"
    POSTAL_CODE = "postal_code"
    TOWN = "town"
    PHONE = "phone"
    EMAIL = "email"
    NAME = "name"  # a person's name, or a proper noun from a safety plan
    NUMBER = "number"  # an identity number
    PLACE = "place"  # a phrase naming a place (a line of a safety plan's safe places)


@dataclass(frozen=True)
class Secret:
    kind: SecretKind
    value: str


def fold(text: str) -> str:
    """`text` without case and accents, spaces collapsed: for comparing names of places."""
    base = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in base if not unicodedata.combining(c)).split())


def home_town(municipality: str) -> str:
    """The town a municipality is named after: "Ånge kommun" → "Ånge", "Sundsvalls kommun" →
    "Sundsvalls" (compared with and without the genitive s)."""
    name = re.sub(r"\(.*?\)", "", municipality)
    name = re.sub(r"\s+kommun\s*$", "", name.strip(), flags=re.IGNORECASE)
    return " ".join(name.split())


def _is_home(value: str, town: str) -> bool:
    if not town:
        return False
    folded = fold(value)
    return folded in {fold(town), fold(town).removesuffix("s")}


def _letters(word: str) -> str:
    """A word as a pattern that also matches it typed without its accents (or with others)."""
    out = []
    for ch in word:
        base = unicodedata.normalize("NFKD", ch.lower())[:1]
        cls = _FOLD.get(base)
        out.append(f"[{cls}]" if cls else re.escape(ch))
    return "".join(out)


def _phrase(text: str, genitive: bool = False) -> str:
    words = [w.strip(",.;:") for w in text.split()]
    pattern = r"[\s\-]+".join(_letters(w) for w in words if w)
    return pattern + "s?" if genitive and pattern else pattern


def _digits(digits: str) -> str:
    return _SEP.join(digits)


def _street(value: str) -> list[tuple[int, str]]:
    tokens = [t.strip(",") for t in value.split()]
    name: list[str] = []
    while tokens and not tokens[0][:1].isdigit():
        name.append(tokens.pop(0))
    found: list[tuple[int, str]] = [(0, _phrase(value))]
    name_text = " ".join(name)
    if len(name_text) >= MIN_SECRET:
        found.append((1, _phrase(name_text, genitive=True) + _HOUSE_TAIL))
    if not tokens:
        return found
    number = re.match(r"(\d+)\s*([^\W\d_])?(?!\w)", " ".join(tokens[:2]))
    if number and number[2]:
        letter = number[2]
        # "17B", "17 B"; "17b" too, but not "17 b §" (a paragraph of a law).
        upper = rf"{number[1]}\s?(?-i:{letter.upper()})"
        lower = rf"{number[1]}(?:(?-i:{letter.lower()})|\s(?-i:{letter.lower()})(?=\s*{_WHERE}))"
        found.append((1, f"(?:{upper}|{lower}(?!\\s*§)){_WHERE_TAIL}"))
    flat = re.search(_WHERE + r"\.?\s*(?:nr\.?\s*)?(\d{2,})", value, re.IGNORECASE)
    if flat:
        found.append((1, _WHERE + r"\.?\s*(?:nr\.?\s*)?" + flat[1]))
    return found


def _postal(value: str) -> list[tuple[int, str]]:
    digits = re.sub(r"\D", "", value)
    if len(digits) == 5:
        return [(2, rf"(?:SE[\s\-]?)?{digits[:3]}[\s\-]*{digits[3:]}")]
    return [(2, _digits(digits))] if len(digits) >= MIN_SECRET else []


def _phone(value: str) -> list[tuple[int, str]]:
    digits = re.sub(r"\D", "", value)
    stripped = value.strip()
    if stripped.startswith("+") and digits.startswith("46"):
        national = digits[2:]
    elif digits.startswith("0046"):
        national = digits[4:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return [(2, r"\+?" + _digits(digits))] if len(digits) >= 5 else []
    national = national.removeprefix("0")  # "+46 (0)70 …" stored as typed
    if len(national) < 5:
        return []
    prefix = r"(?:(?:\+|00)\s*46\s*(?:\(\s*0\s*\)\s*)?|(?:\(\s*)?0)"
    found = [(2, prefix + _SEP + _digits(national))]
    if national.startswith("7") and len(national) == 9:  # a mobile: the number without 07X
        found.append((2, _digits(national[2:])))
    return found


def _number(value: str) -> list[tuple[int, str]]:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 6:
        return [(2, _phrase(value))] if len(value.strip()) >= MIN_SECRET else []
    found = [(2, r"[\s\-+]*".join(digits))]
    if len(digits) == 12:  # a personnummer: also without the century
        found.append((2, r"[\s\-+]*".join(digits[2:])))
    return found


def _patterns(secret: Secret) -> list[tuple[int, str]]:
    value = " ".join(secret.value.split())
    if len(value) < MIN_SECRET:
        return []
    kind = secret.kind
    if kind is SecretKind.STREET:
        return _street(value)
    if kind is SecretKind.POSTAL_CODE:
        return _postal(value)
    if kind is SecretKind.PHONE:
        return _phone(value)
    if kind is SecretKind.NUMBER:
        return _number(value)
    if kind is SecretKind.EMAIL:
        return [(0, re.escape(value))]
    if kind is SecretKind.PLACE:
        return [(0, _phrase(value))]
    return [(3, _phrase(value, genitive=True))]


# Capitalised words that start a sentence about a place without naming one.
_PLAIN = frozenset(
    {
        "hemma", "hos", "till", "vid", "med", "mamma", "mammas", "pappa", "pappas", "mormor",
        "mormors", "morfar", "morfars", "farmor", "farmors", "farfar", "farfars", "syster",
        "systers", "bror", "brors", "kompis", "kompisens", "jobbet", "skolan", "kyrkan",
        "polisen", "jouren",
    }
)  # fmt: skip
_PROPER = re.compile(r"(?<![.!?]\s)\b([A-ZÅÄÖ][\wåäöÅÄÖ\-]{3,})")
_STREETLIKE = re.compile(
    r"\b([A-ZÅÄÖ][\wåäöÅÄÖ\-]{2,}(?:\s+[A-ZÅÄÖa-zåäö][\wåäö\-]*)?\s+\d+\s?\w?)"
)
_NUMBERS = re.compile(r"\+?\d[\d\s\-]{3,}\d")


def secrets_in_text(text: str) -> list[Secret]:
    """What in a free text names a place: each line or comma-separated part (a single ordinary
    lower-case word such as "jobbet" excepted), street-like words with a number, capitalised
    words (names, except words like "Mormors" that only start a sentence), and phone numbers
    and postal codes. Used for a safety plan's safe places."""
    found: list[Secret] = []
    for part in re.split(r"[\n;,]+", text):
        piece = " ".join(part.split())
        if len(piece) < MIN_SECRET:
            continue
        if " " in piece or not piece.islower():
            found.append(Secret(SecretKind.PLACE, piece))
        found += [Secret(SecretKind.STREET, m) for m in _STREETLIKE.findall(piece)]
        found += [
            Secret(SecretKind.NAME, m) for m in _PROPER.findall(piece) if m.casefold() not in _PLAIN
        ]
        for number in _NUMBERS.findall(piece):
            digits = re.sub(r"\D", "", number)
            kind = SecretKind.POSTAL_CODE if len(digits) == 5 else SecretKind.PHONE
            found.append(Secret(kind, number))
    return found


class Scrubber:
    """Replaces every spelling of the given secrets in a text with `REMOVED`.

    `municipality` is the register's own ("Ånge kommun"): a postort or proper noun equal to its
    name is not a locating detail (it is on every letterhead) and is left alone.
    """

    def __init__(self, secrets: Iterable[Secret], municipality: str = "") -> None:
        home = home_town(municipality)
        weighted: set[tuple[int, str]] = set()
        for secret in secrets:
            placename = secret.kind in (SecretKind.TOWN, SecretKind.NAME, SecretKind.PLACE)
            if placename and _is_home(secret.value, home):
                continue
            weighted.update(_patterns(secret))
        # At one place in a text the first pattern that matches wins, so the whole address,
        # place or e-mail comes first, then a street name with what follows it, then numbers,
        # then names and towns; longer before shorter.
        ordered = [p for _, p in sorted(weighted, key=lambda wp: (wp[0], -len(wp[1]), wp[1]))]
        self._regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)", re.IGNORECASE)
            if ordered
            else None
        )

    def __call__(self, text: str) -> str:
        if self._regex is None or not text:
            return text
        return self._regex.sub(REMOVED, unicodedata.normalize("NFC", text))
