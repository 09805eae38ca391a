"""Instruments: the shipped files and the versions kept in the store.

Every version an assessment is made with lives in the `instruments` table (the file's text, its
SHA-256, bundled or added, by whom and when): a bundled file is copied in the first time it is
used, and an administrator's file is stored when added. For each instrument id the highest
version (in the store or shipped) is the one new assessments use; an old assessment keeps the
version it points at. Instrument files are not case content: an administrator may add them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.instruments import (
    SUBJECT_LABELS,
    Instrument,
)
from vinr_desktop.domain.risk_instrument_check import parse_instrument_bytes, parse_instrument_text
from vinr_desktop.resources import instrument_files
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.risk_schema import InstrumentRow
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.risk import InstrumentInfo, InstrumentSource

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

UNKNOWN_INSTRUMENT = "Instrumentet finns inte."


@dataclass(frozen=True)
class KnownVersion:
    """One version of an instrument: in the store (`row`) or only shipped (`row` is None)."""

    instrument: Instrument
    text: str
    sha256: str
    source: InstrumentSource
    row: InstrumentRow | None  # None: a shipped file not yet used


@cache
def bundled_versions() -> dict[tuple[str, int], tuple[Instrument, str, str]]:
    """(id, version) → (instrument, text, sha256) for every shipped file (checked once)."""
    found: dict[tuple[str, int], tuple[Instrument, str, str]] = {}
    for _name, data in instrument_files():
        instrument = parse_instrument_bytes(data)  # a broken shipped file is a bug: raise
        text = data.decode("utf-8-sig")
        found[(instrument.instrument_id, instrument.version)] = (
            instrument,
            text,
            hashlib.sha256(data).hexdigest(),
        )
    return found


def known_versions(session: Session) -> dict[tuple[str, int], KnownVersion]:
    """Every known version; a version in the store wins over a shipped file of the same number."""
    versions = {
        key: KnownVersion(instrument, text, sha, InstrumentSource.BUNDLED, None)
        for key, (instrument, text, sha) in bundled_versions().items()
    }
    for row in session.execute(select(InstrumentRow)).scalars():
        versions[(row.instrument_id, row.version)] = KnownVersion(
            parse_instrument_text(row.content),
            row.content,
            row.sha256,
            InstrumentSource(row.source),
            row,
        )
    return versions


def current_versions(versions: dict[tuple[str, int], KnownVersion]) -> dict[str, KnownVersion]:
    current: dict[str, KnownVersion] = {}
    for (instrument_id, version), found in sorted(versions.items()):
        if instrument_id not in current or version > current[instrument_id].instrument.version:
            current[instrument_id] = found
    return current


def current_instrument(session: Session, instrument_id: str, user_id: str, now: str) -> Instrument:
    """The version new assessments use, copied into the store if it is a shipped file."""
    found = current_versions(known_versions(session)).get(instrument_id)
    if found is None:
        raise InvalidInput(UNKNOWN_INSTRUMENT)
    if found.row is None:
        instrument = found.instrument
        session.add(
            InstrumentRow(
                instrument_id=instrument.instrument_id,
                version=instrument.version,
                name=instrument.name,
                content=found.text,
                sha256=found.sha256,
                source=InstrumentSource.BUNDLED.value,
                added_by=user_id,
                added_utc=now,
            )
        )
        session.flush()
    return found.instrument


def stored_instrument(session: Session, instrument_id: str, version: int) -> Instrument:
    """The version an assessment was made with, from the store."""
    row = session.get(InstrumentRow, (instrument_id, version))
    if row is None:
        raise InvalidInput(UNKNOWN_INSTRUMENT)
    return parse_instrument_text(row.content)


class InstrumentService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def list_instruments(self, *, all_versions: bool = False) -> list[InstrumentInfo]:
        """The instruments (current versions, or every version for Administration), by name.

        Anyone logged in may list them: an instrument holds questions, not case content."""
        store = self.ctx.require_store()
        self.ctx.require_user()
        with store.session() as session:
            versions = known_versions(session)
            current = current_versions(versions)
            names = _user_names(session)
            chosen = versions.values() if all_versions else current.values()
            infos = [_info(v, current[v.instrument.instrument_id] is v, names) for v in chosen]
        return sorted(infos, key=lambda i: (i.name.casefold(), i.instrument_id, -i.version))

    def check_file(self, data: bytes) -> InstrumentInfo:
        """Validate an instrument file without storing it (Administration's preview).

        Raises InstrumentInvalid listing every problem, or InvalidInput if the version clashes
        with one already known."""
        store, _admin = self.ctx.require(Action.CHANGE_SETTINGS)
        instrument = parse_instrument_bytes(data)
        with store.session() as session:
            versions = known_versions(session)
            _check_new_version(instrument, hashlib.sha256(data).hexdigest(), versions)
            names = _user_names(session)
            preview = KnownVersion(
                instrument, "", hashlib.sha256(data).hexdigest(), InstrumentSource.ADDED, None
            )
            return _info(preview, True, names)

    def add_file(self, data: bytes) -> InstrumentInfo:
        """Store a municipality's instrument file (audited). A higher version of a known id
        becomes the one new assessments use; assessments already made keep theirs. A broken
        file stores nothing (InstrumentInvalid lists the problems)."""
        store, admin = self.ctx.require(Action.CHANGE_SETTINGS)
        instrument = parse_instrument_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        now = self.ctx.now().isoformat(timespec="seconds")
        with store.session() as session:
            _check_new_version(instrument, sha, known_versions(session))
            row = InstrumentRow(
                instrument_id=instrument.instrument_id,
                version=instrument.version,
                name=instrument.name,
                content=data.decode("utf-8-sig"),
                sha256=sha,
                source=InstrumentSource.ADDED.value,
                added_by=admin.user_id,
                added_utc=now,
            )
            session.add(row)
            session.flush()
            store.record(
                session,
                user_id=admin.user_id,
                action="instrument_added",
                object_id=f"{instrument.instrument_id} v{instrument.version}"[:64],
            )
            found = KnownVersion(instrument, row.content, sha, InstrumentSource.ADDED, row)
            return _info(found, True, _user_names(session))


def _check_new_version(
    instrument: Instrument, sha: str, versions: dict[tuple[str, int], KnownVersion]
) -> None:
    key = (instrument.instrument_id, instrument.version)
    same = versions.get(key)
    if same is not None:
        if same.sha256 == sha:
            raise InvalidInput(
                f"Version {instrument.version} av {instrument.name} finns redan. Inget har ändrats."
            )
        raise InvalidInput(
            f"Det finns redan en version {instrument.version} av instrumentet "
            f'"{instrument.instrument_id}" med annat innehåll. Ge filen ett högre versionsnummer.'
        )
    newest = max((v for (i, v) in versions if i == instrument.instrument_id), default=0)
    if instrument.version < newest:
        raise InvalidInput(
            f"Version {newest} av instrumentet används redan; en äldre version "
            f"({instrument.version}) kan inte läggas till."
        )


def _user_names(session: Session) -> dict[str, str]:
    return {i: n for i, n in session.execute(select(UserRow.id, UserRow.full_name))}


def _info(found: KnownVersion, current: bool, names: dict[str, str]) -> InstrumentInfo:
    instrument = found.instrument
    row = found.row
    return InstrumentInfo(
        instrument_id=instrument.instrument_id,
        version=instrument.version,
        name=instrument.name,
        publisher=instrument.publisher,
        licence=instrument.licence,
        about=instrument.about,
        about_label=SUBJECT_LABELS[instrument.about],
        kind=instrument.kind,
        description=instrument.description,
        reassessment_days=instrument.reassessment_days,
        reassessment_by_level=instrument.reassessment_by_level,
        source=found.source,
        sha256=found.sha256,
        in_store=row is not None,
        current=current,
        added_utc=row.added_utc if row is not None else None,
        added_by=names.get(row.added_by, "") if row is not None else "",
    )
