"""The three Kolada key figures for violence against adults (DOMAIN.md, "Closing reasons and
the numbers the municipality reports"), each with the definition the program uses, printed
beside it so a municipality can check it against SKR's instructions."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.statistics_facts import CaseFacts, Period, RegisterFacts

PER = 10_000  # per 10 000 adult inhabitants


@dataclass(frozen=True)
class KeyFigure:
    key: str
    title: str
    count: int
    per_10000: float | None  # None without a population for the year
    definition: str
    case_ids: frozenset[str]


KOLADA_DEFINITIONS = {
    "k1": (
        "Ärenden där huvudpersonen var 18 år eller äldre när ärendet aktualiserades, "
        "aktualiserade under året (aktualiseringsår), med minst en markering av våldstyp "
        "(våld i nära relation eller hedersrelaterat våld) och inte enbart som våldsutövare."
    ),
    "k2": (
        "Av ärendena i nyckeltal 1: de som fått minst en beviljad, signerad insats med "
        "beslutsdatum till och med årets sista dag."
    ),
    "k3": (
        "Ärenden som uppfyller villkoren i nyckeltal 1 (oavsett aktualiseringsår) och fått "
        "insats, avslutade under året (avslutsår) med skälet övergripande mål uppnått eller "
        "mål delvis uppnått."
    ),
}


def _violence_case(case: CaseFacts) -> bool:
    violence = any(m.startswith("violence_") for m in case.markers)
    only_perpetrator = "target_perpetrator" in case.markers and not (
        case.markers & {"target_adult_victim"}
    )
    return case.adult and violence and not only_perpetrator


def kolada(facts: RegisterFacts, year: int, population: int | None) -> tuple[KeyFigure, ...]:
    """The three key figures for violence against adults for `year` (DOMAIN.md)."""
    period = Period.year(year)
    helped = {i.case_id for i in facts.insatser if i.decided_on < period.end}
    adults = [c for c in facts.cases if _violence_case(c)]
    k1 = {c.case_id for c in adults if period.contains(c.intake_on)}
    k2 = k1 & helped
    k3 = {
        c.case_id
        for c in adults
        if c.case_id in helped
        and period.contains(c.closed_on)
        and c.closing_reason in facts.goal_reasons
    }
    titles = (
        ("k1", "Vuxna som aktualiserats för våld i nära relation eller hedersrelaterat våld", k1),
        ("k2", "… av dem som fått minst en insats", k2),
        ("k3", "Ärenden med insats avslutade med målet helt eller delvis uppnått", k3),
    )
    return tuple(
        KeyFigure(key, title, len(ids), per_10000(len(ids), population),
                  KOLADA_DEFINITIONS[key], frozenset(ids))
        for key, title, ids in titles
    )  # fmt: skip


def per_10000(count: int, population: int | None) -> float | None:
    if not population or population <= 0:
        return None
    return round(count * PER / population, 1)
