"""A safety plan version as a printed document: the redacted view model (never the safe
places) and the PDF bytes. Printing and saving are audited through `record_output`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinr_desktop.services.risk_views import Recipient, SafetyPlanReport

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork
    from vinr_desktop.store.risk_schema import SafetyPlanRow


def plan_report(work: CaseWork, row: SafetyPlanRow, recipient: Recipient) -> SafetyPlanReport:
    from sqlalchemy import select

    from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole
    from vinr_desktop.services.safety_plans_read import plan_view
    from vinr_desktop.store.case_schema import CasePersonRow
    from vinr_desktop.store.schema import StoreMeta
    from vinr_desktop.store.vault import new_id

    view = plan_view(work, row)
    meta = {
        r.key: r.value
        for r in work.session.execute(
            select(StoreMeta).where(StoreMeta.key.in_(("municipality", "unit")))
        ).scalars()
    }
    link = work.session.get(CasePersonRow, (row.case_id, row.person_id))
    role = ROLE_LABELS[PersonRole(link.role) if link else PersonRole.OTHER].lower()
    return SafetyPlanReport(
        document_id=new_id()[:16],
        municipality=meta.get("municipality", ""),
        unit=meta.get("unit", ""),
        recipient=recipient,
        case_number=work.case.number,
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


def plan_pdf(work: CaseWork, row: SafetyPlanRow, recipient: Recipient) -> bytes:
    from vinr_desktop.reports.safety_plan_report import render

    return render(plan_report(work, row, recipient), work.user.full_name, printed_utc=work.now_text)
