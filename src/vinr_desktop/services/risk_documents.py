"""The printed assessment: its redacted view model, the PDF bytes, and the audit of printing or
saving a document of the case.

The report model carries no address and no safe places (an assessment never holds them, and
nothing is looked up from the person's contact details); the count of risk answers is only the
labelled support text. Making the bytes for a preview writes nothing; printing or saving is
recorded by `record_output` before the document leaves the program.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.instruments import RISK_LABELS
from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole
from vinr_desktop.services.risk_views import (
    RECIPIENT_LABELS,
    AssessmentReport,
    OutputKind,
    Recipient,
    ReportItem,
    ReportSection,
)

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork
    from vinr_desktop.store.risk_schema import RiskAssessmentRow

# Document kinds of this issue that `record_output` knows, with their words for the log.
DOCUMENT_KINDS: dict[str, str] = {
    "risk_assessment": "Riskbedömning",
    "safety_plan": "Säkerhetsplan",
}


def assessment_report(
    work: CaseWork, row: RiskAssessmentRow, recipient: Recipient
) -> AssessmentReport:
    """The redacted view model of one assessment for a printed document."""
    from sqlalchemy import select

    from vinr_desktop.services.risk import assessment_view
    from vinr_desktop.store.schema import StoreMeta
    from vinr_desktop.store.vault import new_id

    view = assessment_view(work, row)
    meta = {
        r.key: r.value
        for r in work.session.execute(
            select(StoreMeta).where(StoreMeta.key.in_(("municipality", "unit")))
        ).scalars()
    }
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
    fields = tuple(
        (spec.label, view.field_values.get(spec.field_id, "")) for spec in instrument.fields
    )
    role = ROLE_LABELS.get(view.person_role, ROLE_LABELS[PersonRole.OTHER])
    return AssessmentReport(
        document_id=new_id()[:16],
        municipality=meta.get("municipality", ""),
        unit=meta.get("unit", ""),
        recipient=recipient,
        case_number=work.case.number,
        instrument_title=instrument.title,
        publisher=instrument.publisher,
        about=f"{view.person_name} ({role.lower()})",
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
        fields=fields,
        licence=instrument.licence,
        protected_person=view.person_protected,
    )


def assessment_pdf(work: CaseWork, row: RiskAssessmentRow, recipient: Recipient) -> bytes:
    from vinr_desktop.reports.risk_report import render

    report = assessment_report(work, row, recipient)
    return render(report, work.user.full_name, printed_utc=work.now_text)


def record_output(
    work: CaseWork, document_kind: str, object_id: str, recipient: Recipient, how: OutputKind
) -> None:
    """Audit a print or a save of one of the case's documents (ids and codes only)."""
    from vinr_desktop.store.risk_schema import RiskAssessmentRow, SafetyPlanRow

    label = DOCUMENT_KINDS.get(document_kind)
    if label is None:
        raise InvalidInput("Okänd dokumenttyp.")
    row: RiskAssessmentRow | SafetyPlanRow | None = (
        work.session.get(RiskAssessmentRow, object_id)
        if document_kind == "risk_assessment"
        else work.session.get(SafetyPlanRow, object_id)
    )
    if row is None or row.case_id != work.case.id:
        raise InvalidInput("Dokumentet finns inte i ärendet.")
    action = "document_printed" if how is OutputKind.PRINT else "document_saved"
    work.record(
        action,
        object_id=object_id,
        reason=f"{label}, mottagare: {RECIPIENT_LABELS[recipient].lower()}",
    )
