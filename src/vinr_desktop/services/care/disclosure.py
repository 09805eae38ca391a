"""The basis for giving a decision's provider the client's details: recorded per decision
(journalled, audited), and required before a document for a private provider is made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.disclosure import BASIS_LABELS, MISSING, check_disclosure
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.care.common import basis_needed, decision_in_case
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.care_schema import DecisionRow, DisclosureRow

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork


def require_basis(work: CaseWork, decision: DecisionRow) -> None:
    """InvalidInput unless a document for this decision's provider may be made."""
    if basis_needed(work.session, decision) and (
        work.session.get(DisclosureRow, decision.id) is None
    ):
        raise InvalidInput(MISSING)


class DisclosureService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def record(self, case_id: str, decision_id: str, basis_code: str, note: str) -> None:
        """Record (or replace) the basis for giving the decision's provider the details."""
        basis, cleaned = check_disclosure(basis_code, note)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            decision = decision_in_case(work, decision_id)
            if decision.provider_id is None:
                raise InvalidInput("Beslutet har ingen utförare.")
            row = work.session.get(DisclosureRow, decision.id)
            if row is None:
                row = DisclosureRow(decision_id=decision.id)
                work.session.add(row)
            row.provider_id = decision.provider_id
            row.basis = basis.value
            row.note = cleaned
            row.recorded_by = work.user.user_id
            row.recorded_utc = work.now_text
            text = f"Grund för att lämna uppgifter till utföraren: {BASIS_LABELS[basis]}."
            add_event_entry(work, text + (f"\n{cleaned}" if cleaned else ""))
            work.record("disclosure_recorded", object_id=decision.id, reason=basis.value)
