"""A letter to the client (beslutsmeddelande, kommunicering, and the other letters built the
same way) as a PDF: the head every document has, the letter's sections, the part she must not
miss in a box, and the law its texts rest on in small print. Built from a `Redacted`
`LetterDocument` of the document pipeline; every text came from resources/letters/ or the case
and passed the scrubber."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from vinr_desktop.reports.care_common import head_block, meta_of
from vinr_desktop.reports.document import (
    SMALL,
    build_pdf,
    heading,
    notice_box,
    paragraph,
    spacer,
)

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.letters import LetterDocument


def render(sealed: Redacted[LetterDocument]) -> bytes:
    """The letter as PDF bytes."""
    letter = sealed.view
    story: list[Flowable] = list(head_block(letter.head))
    story.append(spacer(4))
    for section in letter.sections:
        if section.boxed:
            story += [spacer(2), notice_box(section.heading, list(section.paragraphs), "neutral")]
            story.append(spacer(2))
            continue
        if section.heading:
            story.append(heading(section.heading, 2))
        for text in section.paragraphs:
            story.append(paragraph(text))
            if not section.compact:
                story.append(spacer(1.5))
    if letter.references:
        story += [spacer(3), paragraph("Lagrum: " + "; ".join(letter.references) + ".", SMALL)]
    return build_pdf(meta_of(letter.head), story)
