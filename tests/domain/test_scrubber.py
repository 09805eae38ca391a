"""The scrubber against the spellings people type: property tests generate the address, postal
code, town, phone and e-mail of a protected person written the many ways they are written, in
ordinary sentences, and check that each is gone while the words around it stay."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vinr_desktop.domain.redaction import secrets_of_protected, secrets_of_safe_places
from vinr_desktop.domain.scrubber import REMOVED, Scrubber, Secret, SecretKind, fold

STREETS = ("Hemligavägen", "Gömstigen", "Åkerbärsgatan", "Södra Lönngränd", "Ödebyvägen")
TOWNS = ("Gömstadby", "Älvö", "Lönnåsa", "Övre Döljsjö")
# Ordinary words, never part of a secret: they must survive every scrub.
WORDS = (
    "hon", "bor", "kvar", "på", "i", "och", "med", "barnen", "skolan", "tisdag", "vill",
    "flytta", "ringer", "mamma", "trots", "allt", "Alice", "kommun", "jobbet", "gatan",
    "vägen", "17", "b", "§", "kap.", "lgh", "samtal", "Kvinnojouren", "Ånge", "polisen",
    "2026-03-01", "klockan", "14.30", "tre", "veckor",
)  # fmt: skip

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@st.composite
def typed(draw: st.DrawFn, text: str) -> str:
    """`text` as someone might type it: any case, å/ä/ö sometimes as a/a/o."""
    out = []
    for ch in text:
        if ch in "åäÅÄ" and draw(st.booleans()):
            ch = "a" if ch.islower() else "A"
        elif ch in "öÖ" and draw(st.booleans()):
            ch = "o" if ch.islower() else "O"
        out.append(draw(st.sampled_from((ch, ch.upper(), ch.lower()))))
    return "".join(out)


@st.composite
def address(draw: st.DrawFn) -> tuple[str, str]:
    """(the address as registered, one way of writing it in a note)."""
    name = draw(st.sampled_from(STREETS))
    number = draw(st.integers(1, 199))
    letter = draw(st.sampled_from(("", "A", "B", "c")))
    flat = draw(st.sampled_from(("", " lgh 1102", " lgh 1203")))
    stored = f"{name} {number}{letter}{flat}"
    written_name = draw(typed(name))
    form = draw(st.integers(0, 4))
    if form == 0:  # the street name alone: "bor kvar på Storgatan"
        return stored, written_name
    if form == 1:  # "Storgatan 17"
        return stored, f"{written_name} {number}"
    house = f"{number}{letter}"
    if letter:
        house = draw(
            st.sampled_from(
                (
                    f"{number}{letter.upper()}",
                    f"{number}{letter.lower()}",
                    f"{number} {letter.upper()}",
                )
            )
        )
        if flat:
            house = draw(st.sampled_from((house, f"{number} {letter.lower()}")))
    written = f"{written_name} {house}{draw(st.sampled_from(('', flat, flat.upper())))}"
    return stored, written if form < 4 or not letter else house + flat


@st.composite
def postal(draw: st.DrawFn) -> tuple[str, str]:
    digits = draw(st.text("0123456789", min_size=5, max_size=5).filter(lambda d: d[0] != "0"))
    stored = f"{digits[:3]} {digits[3:]}"
    sep = draw(st.sampled_from(("", " ", "-")))
    prefix = draw(st.sampled_from(("", "SE-", "SE ")))
    return stored, f"{prefix}{digits[:3]}{sep}{digits[3:]}"


@st.composite
def phone(draw: st.DrawFn) -> tuple[str, str]:
    """A mobile number as registered, and written with 0, +46 or 0046 in any grouping."""
    rest = draw(st.text("0123456789", min_size=7, max_size=7))
    area = draw(st.sampled_from(("70", "72", "73", "76")))
    stored = f"0{area}-{rest[:3]} {rest[3:5]} {rest[5:]}"
    digits = area + rest
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=4)))
    seps = [draw(st.sampled_from((" ", "-", ""))) for _ in cuts]
    grouped, last = "", 0
    for cut, sep in zip(cuts, seps, strict=True):
        grouped += digits[last:cut] + sep
        last = cut
    grouped += digits[last:]
    prefix = draw(st.sampled_from(("0", "+46 ", "+46", "0046 ", "+46 (0)")))
    return stored, prefix + grouped


def _gone(written: str, out: str) -> bool:
    return fold(written) not in fold(out)


@settings(max_examples=300)
@given(address(), words, words)
@example(("Hemligavägen 17B lgh 1102", "hemligavagen 17 b lgh 1102"), "bor", "nu")
@example(("Hemligavägen 17B", "17B"), "bor på", "nu")
@example(("Gömstigen 4", "Gomstigens"), "vid", "skola")
def test_every_spelling_of_the_street_is_removed(
    case: tuple[str, str], before: str, after: str
) -> None:
    stored, written = case
    scrub = Scrubber(secrets_of_protected(stored, "", "", "", ""))
    out = scrub(f"{before} {written} och {after}")
    assert _gone(written, out), (written, out)
    assert out.startswith(before) and out.endswith(after), out
    assert REMOVED in out


@given(postal(), phone(), st.sampled_from(TOWNS).flatmap(lambda t: typed(t).map(lambda w: (t, w))))
def test_postal_code_phone_and_town_are_removed_however_written(
    postal_case: tuple[str, str], phone_case: tuple[str, str], town_case: tuple[str, str]
) -> None:
    (postal_code, postal_written), (number, number_written) = postal_case, phone_case
    town, town_written = town_case
    scrub = Scrubber(secrets_of_protected("", postal_code, town, number, "skydd@exempel.se"))
    text = (
        f"Adress {postal_written} {town_written}, ring {number_written} eller mejla "
        "SKYDD@Exempel.se i morgon."
    )
    out = scrub(text)
    for written in (postal_written, number_written, town_written, "skydd@exempel.se"):
        assert _gone(written, out), (written, out)
    assert out.startswith("Adress ") and out.endswith(" i morgon.")
    digits = "".join(c for c in number if c.isdigit())
    assert digits[1:] not in "".join(c for c in out if c.isdigit())


@given(words, address(), postal(), phone(), st.sampled_from(TOWNS))
def test_ordinary_words_are_never_removed(
    text: str,
    street: tuple[str, str],
    postal_case: tuple[str, str],
    phone_case: tuple[str, str],
    town: str,
) -> None:
    secrets = secrets_of_protected(street[0], postal_case[0], town, phone_case[0], "a@b.se")
    scrub = Scrubber(secrets, "Ånge kommun")
    assert scrub(text) == text


def test_the_registers_own_municipality_is_not_a_locating_detail() -> None:
    secrets = secrets_of_protected("Storgatan 3", "841 31", "Ånge", "", "")
    scrub = Scrubber(secrets, "Ånge kommun")
    assert scrub("Källa: Kvinnojouren Ånge") == "Källa: Kvinnojouren Ånge"
    assert scrub("Bor på Storgatan 3, 84131 Ånge") == f"Bor på {REMOVED}, {REMOVED} Ånge"
    other = Scrubber(secrets, "Sundsvalls kommun")
    assert other("Kvinnojouren Ånge") == f"Kvinnojouren {REMOVED}"
    assert Scrubber([Secret(SecretKind.TOWN, "Sundsvall")], "Sundsvalls kommun")("i Sundsvall") == (
        "i Sundsvall"
    )


def test_safe_places_are_removed_as_written_and_by_what_is_in_them() -> None:
    scrub = Scrubber(
        secrets_of_safe_places(
            "Mormors hus på Björkvägen 3 i Bollnäs, jobbet\nTryggplatsen SÄKERMARKÖR; 070-111 22 33"
        )
    )
    out = scrub(
        "Hon kan gå till mormors hus på björkvägen 3 i Bollnas eller tryggplatsen "
        "säkermarkör, ring 0701112233, annars till jobbet."
    )
    for gone in ("björkvägen", "bollnas", "säkermarkör", "0701112233"):
        assert gone not in out.casefold(), out
    assert out.endswith("annars till jobbet.")  # an ordinary word stays
