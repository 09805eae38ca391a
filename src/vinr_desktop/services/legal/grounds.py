"""The legal grounds as the administrator sees them: read-only, from resources/care/
legal_grounds.json, with the laws in force today and each reference's verified mark."""

from __future__ import annotations

from datetime import date

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.decisions import parse_legal_grounds
from vinr_desktop.resources import care_data
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import today_for
from vinr_desktop.views.legal import LawInForce, LegalGroundRow, LegalOverview


class LegalGroundsService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def overview(self) -> LegalOverview:
        """Which law is in force and since when, and every ground (no case content)."""
        self.ctx.require(Action.CHANGE_SETTINGS)
        today = today_for(self.ctx)
        data = care_data("legal_grounds")
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
        return LegalOverview(today.isoformat(), laws, in_force, grounds)


def _laws(data: dict[str, object]) -> list[dict[str, object]]:
    raw = data.get("laws", [])
    if not isinstance(raw, list) or not all(isinstance(i, dict) and "name" in i for i in raw):
        raise ValueError("legal_grounds.json: 'laws' must list objects with a 'name'")
    return raw


def _in_force(law: LawInForce, today: date) -> bool:
    started = not law.valid_from or date.fromisoformat(law.valid_from) <= today
    return started and (not law.valid_to or today <= date.fromisoformat(law.valid_to))
