"""Case markers: violence types, target group, relation to the violent person, särskild
utsatthet. A case carries any number of them, added or removed at any time; they are what the
statistics count, so they are never limited to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MarkerGroup(StrEnum):
    VIOLENCE = "violence"
    TARGET = "target"
    RELATION = "relation"
    VULNERABILITY = "vulnerability"


GROUP_LABELS: dict[MarkerGroup, str] = {
    MarkerGroup.VIOLENCE: "Våldstyp",
    MarkerGroup.TARGET: "Huvudpersonen är",
    MarkerGroup.RELATION: "Relation till våldsutövaren",
    MarkerGroup.VULNERABILITY: "Särskild utsatthet",
}


@dataclass(frozen=True)
class Marker:
    code: str
    group: MarkerGroup
    label: str  # lower case, as it reads in "Markering tillagd: ekonomiskt våld"


def _group(group: MarkerGroup, items: tuple[tuple[str, str], ...]) -> tuple[Marker, ...]:
    return tuple(Marker(code, group, label) for code, label in items)


MARKERS: tuple[Marker, ...] = (
    *_group(
        MarkerGroup.VIOLENCE,
        (
            ("violence_physical", "fysiskt våld"),
            ("violence_psychological", "psykiskt våld"),
            ("violence_sexual", "sexuellt våld"),
            ("violence_economic", "ekonomiskt våld"),
            ("violence_material", "materiellt våld"),
            ("violence_latent", "latent våld"),
            ("violence_neglect", "försummelse"),
            ("violence_digital", "digitalt våld"),
            ("violence_honour", "hedersrelaterat våld och förtryck"),
            ("violence_fgm", "könsstympning"),
            ("violence_forced_marriage", "tvångsäktenskap"),
            ("violence_child_witness", "barn har bevittnat våld (barnfridsbrott)"),
        ),
    ),
    *_group(
        MarkerGroup.TARGET,
        (
            ("target_adult_victim", "våldsutsatt vuxen"),
            ("target_perpetrator", "våldsutövare"),
            ("target_child_witness", "barn som bevittnat våld"),
            ("target_child_victim", "barn som utsatts"),
        ),
    ),
    *_group(
        MarkerGroup.RELATION,
        (
            ("relation_partner", "partner"),
            ("relation_former_partner", "tidigare partner"),
            ("relation_parent", "förälder"),
            ("relation_child", "barn"),
            ("relation_sibling", "syskon"),
            ("relation_other_relative", "annan släkting"),
            ("relation_other_close", "annan närstående"),
        ),
    ),
    *_group(
        MarkerGroup.VULNERABILITY,
        (
            ("vuln_disability", "funktionsnedsättning"),
            ("vuln_substance", "missbruk/beroende"),
            ("vuln_mental_health", "psykisk ohälsa"),
            ("vuln_elderly", "äldre (65+)"),
            ("vuln_migrant", "utrikes född / osäker uppehållsstatus"),
            ("vuln_lgbtqi", "HBTQI"),
            ("vuln_pregnancy", "graviditet"),
            ("vuln_honour_context", "hederskontext"),
            ("vuln_young", "ung (16–25)"),
        ),
    ),
)

MARKER_BY_CODE: dict[str, Marker] = {m.code: m for m in MARKERS}


def marker(code: str) -> Marker:
    """The marker with this code; KeyError for an unknown code (a bug, not user input)."""
    return MARKER_BY_CODE[code]


def added_text(code: str) -> str:
    return f"Markering tillagd: {marker(code).label}"


def removed_text(code: str) -> str:
    return f"Markering borttagen: {marker(code).label}"
