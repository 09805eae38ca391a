"""A safety plan version's view model for a printed document (never the safe places), built
from the store for the document pipeline, which scrubs its free text when it seals it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole
from vinr_desktop.domain.redaction import Redactor
from vinr_desktop.services.documents.redaction import document_head
from vinr_desktop.services.risk.safety_plan_read import plan_view, visible_plan
from vinr_desktop.store.case_schema import CasePersonRow
from vinr_desktop.views.documents import SafetyPlanDocument

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork


def plan_document(work: CaseWork, red: Redactor, plan_id: str) -> SafetyPlanDocument:
    """One plan version the user may see."""
    row = visible_plan(work, plan_id)
    view = plan_view(work, row)
    link = work.session.get(CasePersonRow, (row.case_id, row.person_id))
    role = ROLE_LABELS[PersonRole(link.role) if link else PersonRole.OTHER].lower()
    return SafetyPlanDocument(
        head=document_head(work, red, draft=view.is_draft),
        about=f"{view.person_name} ({role})",
        version=view.version,
        author=view.author,
        signed_utc=view.signed_utc,
        needs_review=view.needs_review,
        contacts=view.contacts,
        signals=view.signals,
        actions_when=view.actions_when,
        children_part=view.children_part,
    )
