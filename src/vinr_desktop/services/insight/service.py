"""Partsinsyn as use cases: record a request, show its draft copy, review each item, mark a
journal entry (or a passage) as another person's secret, and decide.

Each call checks access through `case_work`, works in one transaction and writes its audit
event (ids and codes only). The request and the decision are journalled: who asked, when, what
it covers; what was released, masked and withheld and under which OSL reference — never the
content. A review that withholds or masks anything is a decision the client can appeal; the
copy's cover letter says how (services/documents/insight_builder.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import insight as rules
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.insight import (
    DraftItem,
    ItemReview,
    Mask,
    OslReference,
    RequestInput,
    Span,
    StoredReview,
    Tally,
    Verdict,
)
from vinr_desktop.domain.plurals import count_text
from vinr_desktop.domain.scrubber import Scrubber
from vinr_desktop.services.care.common import user_names
from vinr_desktop.services.case_access import CaseWork, case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.insight.items import draft_items, marks_of
from vinr_desktop.services.insight.texts import reference_labels, references_on
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.insight_schema import InsightRequestRow, InsightReviewRow, SecrecyMarkRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.insight import InsightDraftView, InsightRequestView, ReviewItemView

NO_REQUEST = "Begäran om partsinsyn finns inte i ärendet."
DECIDED = "Begäran är redan beslutad. Registrera en ny begäran för att granska på nytt."
LOCKED = "Anteckningen är markerad som annans sekretess och lämnas inte ut."
OTHERS_SECRET = "Uppgift om annan enskild (markerad i journalen)"


@dataclass(frozen=True)
class MarkableEntry:
    """A signed journal entry as written, with its marks, for marking another's secret."""

    entry_id: int
    text: str
    marks: tuple[tuple[int | None, int | None, str], ...]  # (start, end, osl code)


# The scrubber of the client's copy for a case: the document pipeline's (it makes the
# service: services/documents/insight_builder.py, `insight_service`), so the draft she reviews
# is scrubbed exactly as the copy will be.
ScrubberOf = Callable[[CaseWork], Scrubber]


class InsightService:
    def __init__(self, ctx: AppContext, scrubber_of: ScrubberOf) -> None:
        self.ctx = ctx
        self._scrub = scrubber_of

    def references(self) -> tuple[OslReference, ...]:
        """The OSL references offered today."""
        return references_on(self.ctx.now().astimezone().date())

    def may_handle(self, case_id: str) -> bool:
        """Whether the user may record and review requests in the case (not a read-only
        share or the manager's reading); a closed case can still be read by its client."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return work.may(Action.WRITE_CASE)

    def requests(self, case_id: str) -> tuple[InsightRequestView, ...]:
        """The case's requests, newest first."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            rows = work.session.execute(
                select(InsightRequestRow)
                .where(InsightRequestRow.case_id == work.case.id)
                .order_by(
                    InsightRequestRow.received_on.desc(), InsightRequestRow.created_utc.desc()
                )
            ).scalars()
            return tuple(_request_view(work, row) for row in rows)

    def record_request(self, case_id: str, data: RequestInput) -> str:
        """Record a request to read the file; journalled and audited. Returns its id."""
        with _writing(self.ctx, case_id) as work:
            data = data.checked(work.today)
            row = InsightRequestRow(
                id=new_id(),
                case_id=work.case.id,
                requester=data.requester.value,
                representative=data.representative.strip(),
                received_on=data.received_on.isoformat(),
                scope=data.scope.value,
                period_from=_iso(data.period_from),
                period_to=_iso(data.period_to),
                created_by=work.user.user_id,
                created_utc=work.now_text,
            )
            work.session.add(row)
            work.session.flush()
            who = rules.REQUESTER_LABELS[data.requester].lower()
            if data.representative.strip():
                who += f" ({data.representative.strip()})"
            add_event_entry(
                work,
                f"Begäran om partsinsyn från {who}, mottagen {row.received_on}. "
                f"Begäran avser {scope_text(row)}.",
            )
            work.record(
                "insight_requested", object_id=row.id, reason=f"{row.requester}:{row.scope}"
            )
            return row.id

    def draft(self, case_id: str, request_id: str) -> InsightDraftView:
        """The draft copy with the review of each item (what the review screen shows)."""
        with _writing(self.ctx, case_id) as work:
            request = request_in(work, request_id)
            items = case_items(work, request, self._scrub(work))
            stored = stored_reviews(work, request, items)
            views = []
            for item in items:
                found = stored.get(item.key)
                fresh = found is not None and found.fingerprint == item.fingerprint
                views.append(
                    ReviewItemView(
                        item,
                        found.review if fresh and found else None,
                        found is not None and not fresh,
                    )
                )
            day = rules_day(request)
            view = _request_view(work, request)
            return InsightDraftView(view, tuple(views), references_on(day))

    def review(self, case_id: str, request_id: str, item_key: str, review: ItemReview) -> None:
        """Save her review of one item of the draft (audited with codes)."""
        self.review_many(case_id, request_id, (item_key,), review)

    def review_many(
        self, case_id: str, request_id: str, item_keys: Sequence[str], review: ItemReview
    ) -> None:
        """The same review of each of these items (she chose them one by one in the list; a
        masking belongs to one text and is never given to several). One transaction; each
        item audited with codes."""
        if len(item_keys) > 1 and review.verdict is Verdict.MASK:
            raise InvalidInput("Maskering görs i en del i taget.")
        with _writing(self.ctx, case_id) as work:
            request = request_in(work, request_id)
            if request.decided_utc is not None:
                raise InvalidInput(DECIDED)
            items = {i.key: i for i in case_items(work, request, self._scrub(work))}
            codes = [r.code for r in references_on(rules_day(request))]
            for key in item_keys:
                item = items.get(key)
                if item is None:
                    raise InvalidInput("Delen finns inte längre i utkastet. Ladda om granskningen.")
                if item.others_secret:
                    raise InvalidInput(LOCKED)
                _save_review(work, request, item, review.checked(item.text, codes))

    def decide(self, case_id: str, request_id: str) -> Tally:
        """Decide the request once every item is reviewed: journalled (what and why, never the
        content) and audited. Refused while an item lacks a review of its present text."""
        with _writing(self.ctx, case_id) as work:
            request = request_in(work, request_id)
            if request.decided_utc is not None:
                raise InvalidInput(DECIDED)
            items = case_items(work, request, self._scrub(work))
            copy = rules.copy_items(items, stored_reviews(work, request, items))
            result = rules.tally(copy)
            request.decided_on = work.today.isoformat()
            request.decided_by = work.user.user_id
            request.decided_utc = work.now_text
            request.released, request.masked = result.released, result.masked
            request.withheld = result.withheld
            add_event_entry(work, decision_text(request, copy, result))
            codes = ",".join(f"{code}={n}" for code, n in result.references)
            work.record(
                "insight_decided",
                object_id=request.id,
                reason=f"release={result.released};mask={result.masked};"
                f"withhold={result.withheld};{codes}",
            )
            return result

    def markable_entry(self, case_id: str, entry_id: int) -> MarkableEntry:
        """A signed entry of the case as written, and its marks (for the marking dialog)."""
        with _writing(self.ctx, case_id) as work:
            row = _signed_entry(work, entry_id)
            marks = tuple((m.start, m.end, m.osl_code) for m in marks_of(work).get(row.id, []))
            return MarkableEntry(row.id, row.text, marks)

    def mark_others_secret(
        self, case_id: str, entry_id: int, span: Span | None, osl_code: str
    ) -> str:
        """Record that a signed entry (or a passage of it) is another person's secret: who,
        when, which reference. The entry is not changed. Audited; returns the mark's id."""
        with _writing(self.ctx, case_id) as work:
            row = _signed_entry(work, entry_id)
            if osl_code not in {r.code for r in references_on(work.today)}:
                raise InvalidInput("Välj vilken bestämmelse i OSL uppgiften skyddas av.")
            if span is not None and not 0 <= span.start < span.end <= len(row.text):
                raise InvalidInput("Markera det stycke i anteckningen som rör någon annan.")
            mark = SecrecyMarkRow(
                id=new_id(),
                case_id=work.case.id,
                entry_id=row.id,
                start=span.start if span else None,
                end=span.end if span else None,
                osl_code=osl_code,
                marked_by=work.user.user_id,
                marked_utc=work.now_text,
            )
            work.session.add(mark)
            work.record("secrecy_marked", object_id=str(row.id), reason=osl_code)
            return mark.id


def _save_review(
    work: CaseWork, request: InsightRequestRow, item: DraftItem, review: ItemReview
) -> None:
    row = work.session.get(InsightReviewRow, (request.id, item.key))
    if row is None:
        row = InsightReviewRow(request_id=request.id, item_key=item.key)
        work.session.add(row)
    row.verdict = review.verdict.value
    row.osl_code = review.osl_code
    row.note = review.note
    row.masks = json.dumps([[m.start, m.end, m.osl_code] for m in review.masks])
    row.fingerprint = item.fingerprint
    row.reviewed_by = work.user.user_id
    row.reviewed_utc = work.now_text
    work.record(
        "insight_item_reviewed", object_id=request.id, reason=f"{item.key}:{review.verdict}"
    )


def _writing(ctx: AppContext, case_id: str) -> AbstractContextManager[CaseWork]:
    """Work on a request: the case must be writable, but may be closed (she may ask to read
    her file after the case ended)."""
    return case_work(ctx, case_id, Action.WRITE_CASE, allow_closed=True)


# -- shared with the copy's builder ---------------------------------------------------------


def request_in(work: CaseWork, request_id: str) -> InsightRequestRow:
    row = work.session.get(InsightRequestRow, request_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput(NO_REQUEST)
    return row


def case_items(
    work: CaseWork, request: InsightRequestRow, scrub: Scrubber
) -> tuple[DraftItem, ...]:
    """The draft's items, scrubbed for the client as her copy will be."""
    return draft_items(work, request, scrub, reference_labels())


def stored_reviews(
    work: CaseWork, request: InsightRequestRow, items: tuple[DraftItem, ...]
) -> dict[str, StoredReview]:
    """Her reviews by item key; an item marked as another's secret is withheld by its mark."""
    found = {
        row.item_key: StoredReview(
            ItemReview(
                Verdict(row.verdict),
                row.osl_code,
                row.note,
                tuple(Mask(int(s), int(e), str(c)) for s, e, c in json.loads(row.masks)),
            ),
            row.fingerprint,
        )
        for row in work.session.execute(
            select(InsightReviewRow).where(InsightReviewRow.request_id == request.id)
        ).scalars()
    }
    for item in items:
        if item.others_secret:
            found[item.key] = StoredReview(
                ItemReview(Verdict.WITHHOLD, item.others_secret, OTHERS_SECRET), item.fingerprint
            )
    return found


def decided_copy(
    work: CaseWork, request: InsightRequestRow, scrub: Scrubber
) -> tuple[rules.CopyItem, ...]:
    """The copy of a decided request: the items reviewed at the decision, each with its review.
    InvalidInput when the request is not decided, or an item changed since it was reviewed."""
    if request.decided_utc is None:
        raise InvalidInput("Kopian tas fram när granskningen är klar och beslutad.")
    items = case_items(work, request, scrub)
    reviews = stored_reviews(work, request, items)
    try:
        return rules.copy_items(tuple(i for i in items if i.key in reviews), reviews)
    except InvalidInput:
        raise InvalidInput(
            "Akten har ändrats sedan granskningen, så kopian kan inte tas fram. Registrera en "
            "ny begäran och granska på nytt."
        ) from None


def scope_text(row: InsightRequestRow) -> str:
    if rules.Scope(row.scope) is rules.Scope.WHOLE:
        return "hela akten"
    return f"perioden {row.period_from} – {row.period_to}"


def rules_day(request: InsightRequestRow) -> date:
    """The day whose OSL references apply: the decision's, or the request's."""
    return date.fromisoformat(request.decided_on or request.received_on)


def decision_text(request: InsightRequestRow, copy: tuple[rules.CopyItem, ...], t: Tally) -> str:
    """The journal's words for the decision: counts, the items withheld or masked by their
    labels (kind, number, date) and the references — never their content."""
    labels = reference_labels()
    parts = [
        f"Beslut om partsinsyn (begäran mottagen {request.received_on}, {scope_text(request)}): "
        f"{count_text(len(copy), 'del', 'delar')} granskade; {t.released} lämnas ut, "
        f"{t.masked} lämnas ut med maskering ({count_text(t.masks, 'maskering', 'maskeringar')}), "
        f"{t.withheld} lämnas inte ut."
    ]
    withheld = [
        f"{c.item.label} ({labels.get(c.review.osl_code, c.review.osl_code)})"
        for c in copy
        if c.review.verdict is Verdict.WITHHOLD
    ]
    masked = []
    for c in copy:
        codes = sorted({m.osl_code for m in c.review.masks} | set(c.item.marked))
        if c.review.verdict is not Verdict.WITHHOLD and codes:
            masked.append(f"{c.item.label} ({', '.join(labels.get(x, x) for x in codes)})")
    if withheld:
        parts.append("Lämnas inte ut: " + "; ".join(withheld) + ".")
    if masked:
        parts.append("Maskerat: " + "; ".join(masked) + ".")
    if t.restricts:
        parts.append("Beslutet att inte lämna ut kan överklagas; kopian har besvärshänvisning.")
    return " ".join(parts)


def _request_view(work: CaseWork, row: InsightRequestRow) -> InsightRequestView:
    names = user_names(work.session)
    counts = None
    if row.released is not None and row.masked is not None and row.withheld is not None:
        counts = (row.released, row.masked, row.withheld)
    return InsightRequestView(
        request_id=row.id,
        requester_label=rules.REQUESTER_LABELS[rules.Requester(row.requester)],
        representative=row.representative,
        received_on=row.received_on,
        scope_text=scope_text(row),
        created_by=names.get(row.created_by, ""),
        decided_on=row.decided_on or "",
        decided_by=names.get(row.decided_by or "", ""),
        counts=counts,
    )


def _signed_entry(work: CaseWork, entry_id: int) -> JournalEntryRow:
    row = work.session.get(JournalEntryRow, entry_id)
    if row is None or row.case_id != work.case.id or row.signed_utc is None:
        raise InvalidInput("Anteckningen finns inte bland ärendets signerade anteckningar.")
    return row


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
