"""Partsinsyn: the copy of her file the client gets, as PDF bytes, from the `Redacted` view
of the document pipeline. The cover letter comes first (what was withheld by count and OSL
reference, and how to appeal), then every item as released, masked or marked as withheld."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from vinr_desktop.reports.care_common import collector_paused, head_block, meta_of, section
from vinr_desktop.reports.document import (
    BODY,
    BULLET,
    H3,
    SMALL,
    build_pdf,
    heading,
    markup,
    paragraph,
    spacer,
)

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.insight import CopyLine, InsightCopyDocument


_LETTER = BODY.clone("insight_letter", spaceAfter=6)
_POINT = BULLET.clone("insight_point", spaceAfter=3)


def render(sealed: Redacted[InsightCopyDocument]) -> bytes:
    """The cover letter and the copy as PDF bytes."""
    doc = sealed.view
    story: list[Flowable] = head_block(doc.head)
    story += [spacer(4), paragraph(doc.greeting, _LETTER)]
    story += [paragraph(p, _LETTER) for p in doc.letter]
    if doc.withheld:
        story += [section(doc.withheld_heading)]
        story += [Paragraph(markup(line), _POINT, bulletText="•") for line in doc.withheld]
    if doc.appeal_heading:
        story.append(section(doc.appeal_heading))
    story += [paragraph(p, _LETTER) for p in doc.appeal]
    story += [spacer(3), paragraph(doc.closing, _LETTER), paragraph(doc.decided, SMALL)]
    story += [PageBreak(), heading("Kopia ur akten", 2)]
    if not doc.items:
        story.append(paragraph("Det finns inga handlingar för den begärda tiden.", SMALL))
    for line in doc.items:
        story += _item(line)
    with collector_paused():
        return build_pdf(meta_of(doc.head), story)


def _item(line: CopyLine) -> list[Flowable]:
    parts: list[Flowable] = [paragraph(line.title, H3)]
    if line.note:
        parts.append(paragraph(line.note, SMALL))
    parts += [paragraph(text) for text in line.text.split("\n") if text.strip()]
    if len(line.text) < 1200:  # a short item on one page; a long one flows on
        return [KeepTogether(parts)]
    return [KeepTogether(parts[:3]), *parts[3:]]
