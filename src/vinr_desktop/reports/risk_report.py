"""A risk assessment as a PDF for the case file or a manager: who, when, the professional
judgement with its motivation, the victim's own estimate, protective factors, the answers per
section, the actions decided and the next assessment date.

Built from a `Redacted[AssessmentDocument]` (views/documents.py) of the document
pipeline: no address and no safe places, free text scrubbed. The count of risk answers appears
only as support, labelled so, below the judgement — never as the verdict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether

from vinr_desktop.reports.care_common import meta_of
from vinr_desktop.reports.document import (
    SMALL,
    build_pdf,
    data_table,
    heading,
    key_value_table,
    notice_box,
    paragraph,
    spacer,
)
from vinr_desktop.views.time_text import datetime_text

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.documents import AssessmentDocument

NOT_GIVEN = "–"


def render(sealed: Redacted[AssessmentDocument]) -> bytes:
    """The assessment as PDF bytes."""
    report = sealed.view
    story: list[Flowable] = [heading(report.instrument_title, 1)]
    if report.signed_utc is None:
        story += [
            notice_box(
                "UTKAST – inte signerad",
                ["Bedömningen är inte signerad och kan ändras. Använd den inte som underlag."],
                "warning",
            ),
            spacer(3),
        ]
    signed = datetime_text(report.signed_utc) if report.signed_utc else "Inte signerad"
    about = report.about
    if report.protected_person:
        about += " – skyddade personuppgifter"
    story.append(
        key_value_table(
            [
                ("Ärende", report.head.case_number or ""),
                ("Bedömningen gäller", about),
                ("Bedömningsdatum", report.assessed_on or NOT_GIVEN),
                ("Gjord av", report.author),
                ("Signerad", signed),
                ("Instrument", f"{report.instrument_title}, {report.publisher}"),
            ]
        )
    )
    story += _judgement(report)
    if report.fields:
        story.append(heading("Uppgifter om bedömningen", 2))
        story.append(
            key_value_table([(label, value or NOT_GIVEN) for label, value in report.fields])
        )
    story += _texts(report)
    if report.sections:
        story += _answers(report)
    story += [spacer(4), paragraph(f"Om instrumentet: {report.licence}", SMALL)]
    return build_pdf(meta_of(report.head), story)


def _judgement(report: AssessmentDocument) -> list[Flowable]:
    level = report.judgement.upper() if report.judgement else "Inte vald"
    lines = [f"Motivering: {report.motivation.strip() or NOT_GIVEN}"]
    story: list[Flowable] = [
        spacer(4),
        KeepTogether(
            [
                notice_box(
                    f"{report.judgement_caption}: {level}",
                    lines,
                    "ok" if report.judgement == "låg" else "warning",
                )
            ]
        ),
    ]
    if report.support_text:
        story += [
            spacer(1.5),
            paragraph(
                f"{report.support_text}. Antalet är ett stöd för bedömningen och ersätter inte "
                "den professionella bedömningen ovan.",
                SMALL,
            ),
        ]
    own = report.victim_estimate.strip()
    if report.victim_level:
        own = f"{own or NOT_GIVEN}\nNivå enligt den utsatta: {report.victim_level}"
    if own or report.sections:
        story += [heading("Den utsattas egen bedömning", 2), paragraph(own or NOT_GIVEN)]
    return story


def _answers(report: AssessmentDocument) -> list[Flowable]:
    story: list[Flowable] = [heading("Frågor och svar", 2)]
    for section in report.sections:
        rows = [[item.text, item.answer, item.comment] for item in section.items]
        story.append(heading(section.title, 3))
        story.append(data_table(["Fråga", "Svar", "Kommentar"], rows, [46, 14, 40]))
    return story


def _texts(report: AssessmentDocument) -> list[Flowable]:
    story: list[Flowable] = []
    for title, text in (
        ("Skyddsfaktorer", report.protective_factors),
        ("Beslutade åtgärder", report.actions),
    ):
        if text.strip() or report.sections:  # a checklist shows every part, even empty
            story += [heading(title, 2), paragraph(text.strip() or NOT_GIVEN)]
    story += [heading("Nästa bedömning", 2), paragraph(report.next_assessment_on or NOT_GIVEN)]
    return story
