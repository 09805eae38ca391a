"""The administrator's view of the legal grounds: which law is in force and since
when, and each ground with its dates and whether its reference was checked."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LawInForce:
    name: str
    valid_from: str
    valid_to: str  # "" while in force


@dataclass(frozen=True)
class LegalGroundRow:
    code: str
    text: str  # label and reference, as printed
    valid_from: str
    valid_to: str
    in_force: bool  # offered for a decision made today
    verified: bool
    source: str
    offered: bool


@dataclass(frozen=True)
class LegalOverview:
    today: str
    laws: tuple[LawInForce, ...]  # every law the file names, in force today or not
    in_force: tuple[str, ...]  # names of the laws in force today
    grounds: tuple[LegalGroundRow, ...]
    corrected_on: str = ""  # ISO date the administrator loaded a corrected file; "" if bundled

    @property
    def unverified(self) -> int:
        return sum(1 for g in self.grounds if not g.verified)
