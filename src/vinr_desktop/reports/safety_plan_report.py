"""A safety plan version as a PDF for the case file or a manager.

Built from a `Redacted[SafetyPlanDocument]` (views/documents.py) of the document
pipeline. The safe places are never printed: a
paper can be lost or found, and they are as locating as an address. The page says so instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from vinr_desktop.reports.care_common import meta_of
from vinr_desktop.reports.document import (
    SMALL,
    build_pdf,
    heading,
    key_value_table,
    notice_box,
    paragraph,
    spacer,
)
from vinr_desktop.views.time_text import datetime_text

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.documents import SafetyPlanDocument

NOT_GIVEN = "–"
SAFE_PLACES_NOTE = "Trygga platser skrivs aldrig ut. De finns i programmet."


def render(sealed: Redacted[SafetyPlanDocument]) -> bytes:
    """The plan as PDF bytes."""
    report = sealed.view
    meta = meta_of(report.head)
    story: list[Flowable] = [heading(f"{meta.title}, version {report.version}", 1)]
    if report.signed_utc is None:
        story += [
            notice_box(
                "UTKAST – inte signerad", ["Planen är inte signerad och kan ändras."], "warning"
            ),
            spacer(3),
        ]
    signed = datetime_text(report.signed_utc) if report.signed_utc else "Inte signerad"
    story.append(
        key_value_table(
            [
                ("Ärende", report.head.case_number or ""),
                ("Planen gäller", report.about),
                ("Skriven av", report.author),
                ("Signerad", signed),
            ]
        )
    )
    if report.needs_review:
        story += [
            spacer(3),
            notice_box(
                "Ska ses över",
                ["En ny riskbedömning har signerats efter planen. Gå igenom planen igen."],
                "warning",
            ),
        ]
    for title, text in (
        ("Kontakter", report.contacts),
        ("Överenskomna signaler", report.signals),
        ("Vad jag gör när", report.actions_when),
        ("Barnens del", report.children_part),
    ):
        story += [heading(title, 2), paragraph(text.strip() or NOT_GIVEN)]
    story += [heading("Trygga platser", 2), paragraph(SAFE_PLACES_NOTE, SMALL)]
    return build_pdf(meta, story)
