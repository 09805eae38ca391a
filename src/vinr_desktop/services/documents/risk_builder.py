"""The printed assessment's view model, built from the store for the document pipeline.

It carries no address and no safe places (an assessment never holds them, and nothing is
looked up from the person's contact details); free text typed into it (motivation, comments,
the victim's estimate) is scrubbed when the pipeline seals it. The count of risk answers is only
the labelled support text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinr_desktop.domain.instruments import RISK_LABELS
from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole
from vinr_desktop.domain.redaction import Redactor
from vinr_desktop.services.documents.redaction import document_head
from vinr_desktop.services.risk.assessment_read import assessment_view, visible_assessment
from vinr_desktop.views.documents import AssessmentDocument, ReportItem, ReportSection

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork


def assessment_document(work: CaseWork, red: Redactor, assessment_id: str) -> AssessmentDocument:
    """One assessment the user may see, for a printed document."""
    view = assessment_view(work, visible_assessment(work, assessment_id))
    instrument = view.instrument
    sections = tuple(
        ReportSection(
            section.title,
            tuple(
                ReportItem(
                    item.text, view.option_label(item.item_id), view.answer(item.item_id).comment
                )
                for item in section.items
            ),
        )
        for section in instrument.sections
    )
    role = ROLE_LABELS.get(view.person_role, ROLE_LABELS[PersonRole.OTHER])
    return AssessmentDocument(
        head=document_head(work, red, draft=view.is_draft),
        instrument_title=instrument.title,
        publisher=instrument.publisher,
        about=f"{view.person_name} ({role.lower()})",
        protected_person=view.person_protected,
        author=view.author,
        assessed_on=view.assessed_on,
        signed_utc=view.signed_utc,
        judgement_caption=instrument.judgement_label,
        judgement=view.judgement_label,
        motivation=view.motivation,
        victim_estimate=view.victim_estimate,
        victim_level=RISK_LABELS[view.victim_level] if view.victim_level else "",
        protective_factors=view.protective_factors,
        actions=view.actions,
        next_assessment_on=view.next_assessment_on or "",
        support_text=view.support_text,
        sections=sections,
        fields=tuple(
            (spec.label, view.field_values.get(spec.field_id, "")) for spec in instrument.fields
        ),
        licence=instrument.licence,
    )
