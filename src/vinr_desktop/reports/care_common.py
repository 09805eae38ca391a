"""Blocks the care documents share: the head (who the document is about and for), the insats,
a vårdplan's content, and the DocumentMeta for every page. Rendered from the redacted view
models in views/care_documents.py: a field that is None is not shown at all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from vinr_desktop.reports.document import (
    H2,
    SMALL,
    DocumentMeta,
    data_table,
    heading,
    key_value_table,
    markup,
    notice_box,
    paragraph,
    spacer,
)
from vinr_desktop.views.time_text import date_text

if TYPE_CHECKING:
    from vinr_desktop.views.care_documents import InsatsBlock, PlanContent
    from vinr_desktop.views.documents import DocumentHead

LABEL_WIDTH = 50 * mm


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a document is laid out.

    reportlab makes hundreds of thousands of small objects; in a program that already holds
    many (the store's mapping, Qt), each full collection walks them all, which made a long
    Sammanställning take twice as long. Nothing is leaked: collection resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_SECTION = H2.clone("care_section", keepWithNext=1)


def section(text: str) -> Paragraph:
    """A section heading that stays on the page of what follows it."""
    return Paragraph(markup(text), _SECTION)


def kept_with_last_section(story: list[Flowable], closing: Flowable) -> list[Flowable]:
    """`story` with `closing` (the lines to sign) kept on one page with the last section before
    it, so they never stand alone at the top of a page."""
    last = 0
    for i, flowable in enumerate(story):
        first = flowable._content[0] if isinstance(flowable, KeepTogether) else flowable
        if isinstance(first, Paragraph) and first.style.name == _SECTION.name:
            last = i
    return [*story[:last], KeepTogether([*story[last:], closing])]


def meta_of(head: DocumentHead) -> DocumentMeta:
    return DocumentMeta(
        title=head.title,
        document_id=head.document_id,
        municipality=head.municipality,
        unit=head.unit,
        printed_by=head.printed_by,
        printed_utc=head.printed_utc,
        recipient=head.recipient_label,
    )


def head_block(head: DocumentHead) -> list[Flowable]:
    """The title, a draft notice, and the facts about the client and the municipality."""
    story: list[Flowable] = [heading(head.title, 1)]
    if head.draft:
        story += [
            notice_box(
                "Utkast",
                ["Dokumentet är inte signerat och kan ändras."],
                "warning",
            ),
            spacer(3),
        ]
    rows = [("Kommun och enhet", " · ".join(p for p in (head.municipality, head.unit) if p))]
    if head.case_number is not None:
        rows.append(("Ärendenummer", head.case_number))
    if head.client_name is not None:
        rows.append(("Klient", head.client_name))
    if head.client_identity is not None:
        rows.append(("Person-/ samordningsnummer", head.client_identity))
    if head.client_contact:
        rows.append(("Adress och telefon", head.client_contact))
    if head.contact_person is not None:
        rows.append(("Kontaktperson i kommunen", f"{head.contact_person}, {head.unit}"))
    if head.contact_details:
        rows.append(("Telefon och e-post", head.contact_details))
    rows.append(("Mottagare", head.recipient_label))
    story.append(key_value_table(rows, label_width=LABEL_WIDTH))
    return story


def insats_block(insats: InsatsBlock | None) -> list[Flowable]:
    if insats is None:
        return []
    rows = [
        ("Insats", insats.insats_label),
        ("Utförare", insats.provider_name),
        ("Period", insats.period_text),
        ("Omfattning", insats.extent),
    ]
    if insats.outcome_label is not None:
        rows.insert(0, ("Beslut", f"{insats.outcome_label} {insats.decided_on}"))
    if insats.legal_ground_text is not None:
        rows.append(("Lagrum", insats.legal_ground_text))
    if insats.motivation is not None:
        rows.append(("Motivering", insats.motivation))
    return [section("Insats"), key_value_table(rows, label_width=LABEL_WIDTH)]


def plan_blocks(plan: PlanContent) -> list[Flowable]:
    """A vårdplan's goals, responsibilities, the client's part, the children, the follow-up."""
    story: list[Flowable] = []
    if plan.goals is not None:
        story.append(section("Mål"))
        if plan.goals:
            story.append(
                data_table(
                    ["Nr", "Mål", "Så syns det att målet är uppnått"],
                    [[str(n), goal, seen] for n, (goal, seen) in enumerate(plan.goals, 1)],
                    [0.5, 5, 5],
                )
            )
        else:
            story.append(paragraph("Inga mål är skrivna.", SMALL))
    if plan.responsibilities is not None:
        story.append(section("Vem gör vad"))
        story.append(
            data_table(["Vem", "Gör vad"], [list(r) for r in plan.responsibilities], [2, 8])
        )
    for title, text in (
        ("Så har klienten varit delaktig", plan.client_participation),
        ("Klientens egna synpunkter", plan.client_view),
        ("Barnens behov", plan.children_needs),
    ):
        if text is not None:
            story += [section(title), paragraph(text or "–")]
    if plan.follow_up_on is not None or plan.follow_up_how is not None:
        rows = []
        if plan.follow_up_on is not None:
            rows.append(("När", plan.follow_up_on or "–"))
        if plan.follow_up_how is not None:
            rows.append(("Hur", plan.follow_up_how or "–"))
        story += [
            KeepTogether([section("Uppföljning"), key_value_table(rows, label_width=LABEL_WIDTH)])
        ]
    signed = (
        f"Version {plan.version}, signerad {date_text(plan.signed_utc)} av {plan.signed_by}"
        if plan.signed_utc
        else f"Version {plan.version}, inte signerad"
    )
    story += [spacer(4), paragraph(signed, SMALL)]
    return story
