"""The besöksplan of a home visit (hembesök): a one-page document for the colleague who stays
at the office. A protected person's address is never on it ("enligt överenskommelse"), and the
scrubber removes every protected detail from the free texts as in every other document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinr_desktop.domain.home_visits import CONSENT_LABELS, Consent
from vinr_desktop.domain.redaction import Field, Redactor
from vinr_desktop.services.documents.redaction import document_head
from vinr_desktop.services.home_visits.rows import risk_rows, shown_address, visit_of
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.home_visits import VisitPlanDocument
from vinr_desktop.views.time_text import datetime_text

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork


def visit_plan_document(work: CaseWork, red: Redactor, visit_id: str) -> VisitPlanDocument:
    row = visit_of(work, visit_id)
    visible = red.has(Field.HOME_VISIT)
    consent = CONSENT_LABELS[Consent(row.consent)]
    if row.consent == Consent.UNANNOUNCED.value:
        consent += f". Skäl: {row.unannounced_reason}"
    author = work.session.get(UserRow, row.author_id)
    return VisitPlanDocument(
        head=document_head(work, red),
        starts=datetime_text(row.starts_utc),
        expected_back=datetime_text(row.expected_back_utc),
        address=shown_address(work, row) if visible else "",
        purpose=row.purpose if visible else "",
        consent=consent if visible else "",
        companions=row.companions if visible else "",
        risk_rows=risk_rows(row) if visible else (),
        risk_note=row.risk_note if visible else "",
        visitor=author.full_name if author is not None else "",
        visitor_phone=author.work_phone if author is not None else "",
    )
