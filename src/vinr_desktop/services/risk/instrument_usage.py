"""How many assessments were made with each instrument version, for Administration's list.

Only counts (no case, no person): an administrator may see them, like the instrument list.
"""

from __future__ import annotations

from sqlalchemy import func, select

from vinr_desktop.access.policy import Action
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.risk_schema import RiskAssessmentRow as A


class InstrumentUsageService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def counts(self) -> dict[tuple[str, int], int]:
        """(instrument id, version) → number of assessments made with it (drafts included)."""
        store, _admin = self.ctx.require(Action.CHANGE_SETTINGS)
        with store.session() as session:
            rows = session.execute(
                select(A.instrument_id, A.instrument_version, func.count()).group_by(
                    A.instrument_id, A.instrument_version
                )
            ).all()
        return {(str(i), int(v)): int(n) for i, v, n in rows}
