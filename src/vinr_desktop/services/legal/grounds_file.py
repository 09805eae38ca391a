"""Where the legal grounds come from: the bundled resources/care/legal_grounds.json, or a
corrected file the administrator loaded, kept in the encrypted register (settings table)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.domain.decisions import LegalGround, parse_legal_grounds
from vinr_desktop.resources import care_data
from vinr_desktop.store.care_schema import DecisionRow
from vinr_desktop.store.schema import SettingRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CORRECTED_KEY = "legal_grounds_file"


@dataclass(frozen=True)
class Correction:
    """The administrator's file as stored: when, by whom (user id) and its content."""

    corrected_on: str  # ISO date
    corrected_by: str
    data: dict[str, object]

    def to_text(self) -> str:
        return json.dumps(
            {"corrected_on": self.corrected_on, "corrected_by": self.corrected_by,
             "file": self.data},
            ensure_ascii=False,
        )  # fmt: skip


@cache
def bundled_legal_grounds() -> tuple[LegalGround, ...]:
    return parse_legal_grounds(care_data("legal_grounds"))


@lru_cache(maxsize=4)
def _parse_stored(text: str) -> Correction:
    stored = json.loads(text)
    return Correction(str(stored["corrected_on"]), str(stored["corrected_by"]), stored["file"])


@lru_cache(maxsize=4)
def _grounds_of_stored(text: str) -> tuple[LegalGround, ...]:
    return parse_legal_grounds(_parse_stored(text).data)


def stored_correction(session: Session) -> Correction | None:
    row = session.get(SettingRow, CORRECTED_KEY)
    return _parse_stored(row.value) if row and row.value else None


def legal_grounds_in(session: Session) -> tuple[LegalGround, ...]:
    """The grounds in force for this register: the corrected file if one was loaded."""
    row = session.get(SettingRow, CORRECTED_KEY)
    if row is None or not row.value:
        return bundled_legal_grounds()
    return _grounds_of_stored(row.value)


def legal_grounds_data(session: Session) -> dict[str, object]:
    correction = stored_correction(session)
    return correction.data if correction else care_data("legal_grounds")


def used_ground_codes(session: Session) -> set[str]:
    """The codes decisions in the register rest on (signed or drafts)."""
    codes = session.execute(
        select(DecisionRow.legal_ground).where(DecisionRow.legal_ground != "").distinct()
    ).scalars()
    return set(codes)


def store_correction(session: Session, correction: Correction | None) -> None:
    row = session.get(SettingRow, CORRECTED_KEY)
    if correction is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SettingRow(key=CORRECTED_KEY, value=correction.to_text()))
    else:
        row.value = correction.to_text()
