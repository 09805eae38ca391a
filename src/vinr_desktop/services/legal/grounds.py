"""The legal grounds as the administrator sees them: from resources/care/legal_grounds.json or
the corrected file the administrator loaded into the register, with the laws in force today
and each reference's verified mark. Loading and reverting are audited."""

from __future__ import annotations

from datetime import date

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.decisions import parse_legal_grounds
from vinr_desktop.domain.legal_grounds_file import check_legal_grounds, read_legal_grounds_file
from vinr_desktop.resources import care_data
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import today_for
from vinr_desktop.services.legal.grounds_file import (
    Correction,
    legal_grounds_data,
    store_correction,
    stored_correction,
    used_ground_codes,
)
from vinr_desktop.views.legal import LawInForce, LegalGroundRow, LegalOverview


class LegalGroundsService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def overview(self) -> LegalOverview:
        """Which law is in force and since when, and every ground (no case content)."""
        store, _admin = self.ctx.require(Action.CHANGE_SETTINGS)
        today = today_for(self.ctx)
        with store.session() as session:
            data = legal_grounds_data(session)
            correction = stored_correction(session)
        laws = tuple(
            LawInForce(str(i["name"]), str(i.get("valid_from", "")), str(i.get("valid_to", "")))
            for i in _laws(data)
        )
        in_force = tuple(law.name for law in laws if _in_force(law, today))
        grounds = tuple(
            LegalGroundRow(
                code=g.code,
                text=g.text,
                valid_from=g.valid_from.isoformat() if g.valid_from else "",
                valid_to=g.valid_to.isoformat() if g.valid_to else "",
                in_force=g.offered and g.valid_on(today),
                verified=g.verified,
                source=g.source,
                offered=g.offered,
            )
            for g in parse_legal_grounds(data)
        )
        corrected_on = correction.corrected_on if correction else ""
        return LegalOverview(today.isoformat(), laws, in_force, grounds, corrected_on)

    def load_corrected(self, raw: bytes) -> LegalOverview:
        """Check the administrator's file strictly and keep it in the register; a bad file is
        refused (InvalidInput naming the entry) and nothing changes."""
        store, admin = self.ctx.require(Action.CHANGE_SETTINGS)
        data = read_legal_grounds_file(raw)
        with store.session() as session:
            check_legal_grounds(data, used_ground_codes(session))
            correction = Correction(today_for(self.ctx).isoformat(), admin.user_id, data)
            store_correction(session, correction)
            store.record(session, user_id=admin.user_id, action="legal_grounds_corrected")
        return self.overview()

    def revert_to_bundled(self) -> LegalOverview:
        """Back to the program's own file; refused if it lacks a code decisions use."""
        store, admin = self.ctx.require(Action.CHANGE_SETTINGS)
        with store.session() as session:
            if stored_correction(session) is not None:
                check_legal_grounds(care_data("legal_grounds"), used_ground_codes(session))
                store_correction(session, None)
                store.record(session, user_id=admin.user_id, action="legal_grounds_reverted")
        return self.overview()


def _laws(data: dict[str, object]) -> list[dict[str, object]]:
    raw = data.get("laws", [])
    if not isinstance(raw, list) or not all(isinstance(i, dict) and "name" in i for i in raw):
        raise ValueError("legal_grounds.json: 'laws' must list objects with a 'name'")
    return raw


def _in_force(law: LawInForce, today: date) -> bool:
    started = not law.valid_from or date.fromisoformat(law.valid_from) <= today
    return started and (not law.valid_to or today <= date.fromisoformat(law.valid_to))
