"""The released copy of a decided partsinsyn request, as the view model the document pipeline
seals for the recipient klient: the cover letter (what was withheld, by count and OSL
reference, never the content; how to appeal) and every reviewed item as released or masked.

Only a decided request makes a copy, and only of the items reviewed at the decision
(services/insight/service.py, `decided_copy`): an item without a review, or whose text changed
since she reviewed it, refuses the copy.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from vinr_desktop.domain import insight as rules
from vinr_desktop.domain.insight import CopyItem, Requester, Verdict, items_text
from vinr_desktop.domain.plurals import count_text
from vinr_desktop.domain.redaction import DocumentKind, Recipient, Redactor
from vinr_desktop.services.care.common import user_names
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.documents.redaction import case_redactor, document_head
from vinr_desktop.services.insight.service import (
    InsightService,
    decided_copy,
    request_in,
    scope_text,
)
from vinr_desktop.services.insight.texts import cover_letter, osl_references, reference_labels
from vinr_desktop.views.insight import CopyLine, InsightCopyDocument

if TYPE_CHECKING:
    from vinr_desktop.domain.scrubber import Scrubber
    from vinr_desktop.services.case_access import CaseWork


def client_scrubber(work: CaseWork) -> Scrubber:
    """The scrubber of the client's copy of this case (the redaction step's)."""
    return case_redactor(work, DocumentKind.INSIGHT_COPY, Recipient.CLIENT).scrub


def insight_service(ctx: AppContext) -> InsightService:
    """Partsinsyn's use cases, with the pipeline's scrubber for the draft she reviews."""
    return InsightService(ctx, client_scrubber)


def insight_document(work: CaseWork, red: Redactor, request_id: str) -> InsightCopyDocument:
    """The copy of request `request_id` for the client."""
    request = request_in(work, request_id)
    copy = decided_copy(work, request, red.scrub)
    result = rules.tally(copy)
    decided_on = request.decided_on or work.today.isoformat()
    texts = cover_letter(date.fromisoformat(decided_on))
    labels = reference_labels()
    who = "Du" if rules.Requester(request.requester) is Requester.CLIENT else "Ditt ombud"
    letter = [
        texts.text(
            "opening", requester=who, received_on=request.received_on, scope=scope_text(request)
        ),
        texts.text(
            "counts",
            items=count_text(len(copy), "del", "delar"),
            released=result.released,
            masked=result.masked,
            withheld=result.withheld,
        ),
    ]
    if result.masks:
        letter.append(texts.text("masked_note"))
    if not result.restricts:
        letter.append(texts.text("all_released"))
    head = document_head(work, red)
    appeal = [texts.text("no_appeal")]
    if result.restricts:
        board = texts.text("board", municipality=head.municipality)
        appeal = [
            texts.text("appeal_right", decided_on=decided_on),
            texts.text("appeal_how"),
            texts.text("appeal_where", board=board),
            texts.text("appeal_when"),
            texts.text("appeal_help", contact_person=head.contact_person or "din handläggare"),
        ]
    decider = user_names(work.session).get(request.decided_by or "", "")
    return InsightCopyDocument(
        head=head,
        greeting=texts.text("greeting"),
        letter=tuple(letter),
        withheld_heading=texts.text("withheld_heading") if result.restricts else "",
        withheld=_withheld_lines(copy),
        appeal_heading=texts.text("appeal_heading") if result.restricts else "",
        appeal=tuple(appeal),
        closing=texts.text("closing"),
        decided=f"Beslutat {decided_on} av {decider}.",
        items=tuple(_line(c, labels) for c in copy),
    )


def _withheld_lines(copy: tuple[CopyItem, ...]) -> tuple[str, ...]:
    """ "2 journalanteckningar lämnas inte ut – 26 kap. 1 § OSL: Uppgift om …", and the masks
    by reference: counts and references only."""
    refs = {r.code: r for r in osl_references()}

    def why(code: str) -> str:
        ref = refs.get(code)
        return f"{ref.label}: {ref.text}" if ref else code

    withheld: dict[tuple[rules.ItemKind, str], int] = {}
    masks: dict[str, int] = {}
    for c in copy:
        if c.review.verdict is Verdict.WITHHOLD:
            key = (c.item.kind, c.review.osl_code)
            withheld[key] = withheld.get(key, 0) + 1
            continue
        for code in [m.osl_code for m in c.review.masks] + list(c.item.marked):
            masks[code] = masks.get(code, 0) + 1
    lines = [
        f"{items_text(kind, n)} lämnas inte ut – {why(code)}"
        for (kind, code), n in sorted(withheld.items())
    ]
    lines += [
        f"{count_text(n, 'uppgift', 'uppgifter')} maskerade – {why(code)}"
        for code, n in sorted(masks.items())
    ]
    return tuple(lines)


def _line(c: CopyItem, labels: dict[str, str]) -> CopyLine:
    if c.review.verdict is Verdict.WITHHOLD:
        ref = labels.get(c.review.osl_code, c.review.osl_code)
        return CopyLine(c.item.label, "", f"Lämnas inte ut ({ref})")
    text = rules.masked_text(c.item.text, c.review.masks, labels)
    masked = rules.effective(c.item, c.review) is Verdict.MASK
    return CopyLine(c.item.title, text, "Delar är maskerade" if masked else "")
