"""The view models of partsinsyn: a request as listed, the draft copy under review, and the
released copy for the client (its cover letter and items) that the document pipeline seals.
Frozen dataclasses: no store, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.insight import DraftItem, ItemReview, OslReference
from vinr_desktop.views.documents import DocumentHead


@dataclass(frozen=True)
class InsightRequestView:
    request_id: str
    requester_label: str
    representative: str
    received_on: str
    scope_text: str  # "hela akten" or "perioden 2026-01-01 – 2026-03-31"
    created_by: str
    decided_on: str  # "" while under review
    decided_by: str
    counts: tuple[int, int, int] | None  # released, masked, withheld, once decided

    @property
    def decided(self) -> bool:
        return bool(self.decided_on)

    @property
    def state_label(self) -> str:
        return f"Beslutad {self.decided_on}" if self.decided else "Under granskning"


@dataclass(frozen=True)
class ReviewItemView:
    """An item of the draft with her review of it (None: not reviewed, or its text changed)."""

    item: DraftItem
    review: ItemReview | None
    changed: bool  # reviewed once, but the text is no longer what she reviewed

    @property
    def locked(self) -> bool:
        """Another person's secret: withheld by its mark, not by this review."""
        return bool(self.item.others_secret)


@dataclass(frozen=True)
class InsightDraftView:
    request: InsightRequestView
    items: tuple[ReviewItemView, ...]
    references: tuple[OslReference, ...]  # in force on the request's day

    @property
    def remaining(self) -> int:
        return sum(1 for i in self.items if i.review is None)


@dataclass(frozen=True)
class CopyLine:
    """One item as printed: its title and released text, or only that it is withheld."""

    title: str
    text: str  # "" when withheld
    note: str  # "Lämnas inte ut (26 kap. 1 § OSL)", "Delar maskerade", or ""


@dataclass(frozen=True)
class InsightCopyDocument:
    head: DocumentHead
    greeting: str
    letter: tuple[str, ...]  # the cover letter's paragraphs
    withheld_heading: str
    withheld: tuple[str, ...]  # "1 journalanteckning – 26 kap. 1 § OSL: Uppgift om …"
    appeal_heading: str
    appeal: tuple[str, ...]
    closing: str
    decided: str  # "Beslutat 2026-03-05 av Anna …"
    items: tuple[CopyLine, ...]
