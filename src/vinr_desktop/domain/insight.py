"""Partsinsyn: the client (or her legal representative) asks to read her file.

The rules, without I/O:

- a request says who asked, when, and what it covers (the whole file or a period);
- the draft copy is a list of items (journal entries, decisions, vårdplaner, follow-ups,
  assessments), each with a text the handläggare reviews;
- every item gets a review: release, release with passages masked (each mask with its OSL
  reference) or withhold (with an OSL reference). `copy_items` refuses to make a copy while
  any item lacks a review, or while an item's text has changed since it was reviewed (its
  fingerprint), so nothing is released without a review decision;
- another person's secret (a neighbour's circumstances in a journal entry) is a recorded fact
  about a signed entry — the whole entry or a passage — never an edit of it: the marked
  passages are replaced (`masked_text`) before the text reaches the draft, and a whole-entry
  mark makes the item withheld.

The OSL references come from resources/insight/osl_references.json, dated like the legal grounds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.plurals import count_text

MASKED = "[sekretess]"


class Requester(StrEnum):
    CLIENT = "client"  # klienten själv
    REPRESENTATIVE = "representative"  # hennes ombud eller juridiska biträde


REQUESTER_LABELS: dict[Requester, str] = {
    Requester.CLIENT: "Klienten själv",
    Requester.REPRESENTATIVE: "Klientens ombud eller juridiska biträde",
}


class Scope(StrEnum):
    WHOLE = "whole"  # hela akten
    PERIOD = "period"  # en period


class ItemKind(StrEnum):
    JOURNAL = "journal"
    DECISION = "decision"
    CARE_PLAN = "care_plan"
    FOLLOW_UP = "follow_up"
    ASSESSMENT = "assessment"


def items_text(kind: ItemKind, n: int) -> str:
    """ "1 journalanteckning", "2 beslut", "3 bedömningar"."""
    texts = {
        ItemKind.JOURNAL: lambda: count_text(n, "journalanteckning", "journalanteckningar"),
        ItemKind.DECISION: lambda: count_text(n, "beslut", "beslut"),
        ItemKind.CARE_PLAN: lambda: count_text(n, "vårdplan", "vårdplaner"),
        ItemKind.FOLLOW_UP: lambda: count_text(n, "uppföljning", "uppföljningar"),
        ItemKind.ASSESSMENT: lambda: count_text(n, "bedömning", "bedömningar"),
    }
    return texts[kind]()


class Verdict(StrEnum):
    RELEASE = "release"  # lämnas ut
    MASK = "mask"  # lämnas ut med delar maskerade
    WITHHOLD = "withhold"  # lämnas inte ut


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.RELEASE: "Lämnas ut",
    Verdict.MASK: "Lämnas ut med maskering",
    Verdict.WITHHOLD: "Lämnas inte ut",
}


@dataclass(frozen=True)
class OslReference:
    """A secrecy provision a masking or withholding rests on."""

    code: str
    label: str  # "26 kap. 1 § OSL"
    text: str  # what it protects, in plain Swedish
    valid_from: date
    valid_to: date | None

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


def parse_osl_references(data: Mapping[str, object]) -> tuple[OslReference, ...]:
    """The references of resources/insight/osl_references.json."""
    found = []
    listed = data.get("references", [])
    for raw in listed if isinstance(listed, list) else []:
        entry = dict(raw)
        valid_to = str(entry.get("valid_to", ""))
        found.append(
            OslReference(
                code=str(entry["code"]),
                label=str(entry["label"]),
                text=str(entry["text"]),
                valid_from=date.fromisoformat(str(entry["valid_from"])),
                valid_to=date.fromisoformat(valid_to) if valid_to else None,
            )
        )
    if not found or len({r.code for r in found}) != len(found):
        raise ValueError("osl_references.json: no references, or a code twice")
    return tuple(found)


@dataclass(frozen=True)
class RequestInput:
    requester: Requester
    representative: str  # the ombud's name and office; "" when she asked herself
    received_on: date
    scope: Scope
    period_from: date | None = None
    period_to: date | None = None

    def checked(self, today: date) -> RequestInput:
        """The input, or InvalidInput in Swedish."""
        if self.received_on > today:
            raise InvalidInput("Datumet för begäran kan inte ligga i framtiden.")
        if self.requester is Requester.REPRESENTATIVE and not self.representative.strip():
            raise InvalidInput("Skriv vem ombudet eller det juridiska biträdet är.")
        if self.scope is Scope.PERIOD:
            if self.period_from is None or self.period_to is None:
                raise InvalidInput("Ange periodens första och sista dag.")
            if self.period_from > self.period_to:
                raise InvalidInput("Periodens första dag ligger efter den sista.")
        return self


@dataclass(frozen=True)
class Span:
    """A passage of a text: [start, end) in characters."""

    start: int
    end: int


@dataclass(frozen=True)
class Mask:
    """A passage the handläggare masks, with the reference she chose."""

    start: int
    end: int
    osl_code: str


@dataclass(frozen=True)
class ItemReview:
    verdict: Verdict
    osl_code: str = ""  # the withholding's reference
    note: str = ""  # her own words on the withholding (kept in the review, never journalled)
    masks: tuple[Mask, ...] = ()

    def checked(self, text: str, codes: Iterable[str]) -> ItemReview:
        """The review of an item whose text is `text`, or InvalidInput in Swedish."""
        known = set(codes)
        if self.verdict is Verdict.WITHHOLD and self.osl_code not in known:
            raise InvalidInput("Välj vilken bestämmelse i OSL som gör att delen inte lämnas ut.")
        if self.verdict is Verdict.MASK:
            if not self.masks:
                raise InvalidInput("Markera minst ett ord eller stycke som ska maskeras.")
            for mask in self.masks:
                if mask.osl_code not in known:
                    raise InvalidInput("Välj bestämmelse i OSL för varje maskering.")
                if not 0 <= mask.start < mask.end <= len(text):
                    raise InvalidInput("En maskering ligger utanför texten. Markera om.")
        return ItemReview(
            self.verdict,
            self.osl_code if self.verdict is Verdict.WITHHOLD else "",
            self.note.strip() if self.verdict is Verdict.WITHHOLD else "",
            merged(self.masks) if self.verdict is Verdict.MASK else (),
        )


def merged(masks: Sequence[Mask]) -> tuple[Mask, ...]:
    """Masks in order, overlapping ones joined (the first one's reference kept)."""
    out: list[Mask] = []
    for mask in sorted(masks, key=lambda m: (m.start, m.end)):
        if out and mask.start <= out[-1].end:
            last = out[-1]
            out[-1] = Mask(last.start, max(last.end, mask.end), last.osl_code)
        else:
            out.append(mask)
    return tuple(out)


def fingerprint(title: str, text: str) -> str:
    """What a review was made of: an item whose title or text changes must be reviewed again."""
    return hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()


def masked_text(text: str, masks: Sequence[Mask], labels: Mapping[str, str]) -> str:
    """The text with each mask shown as "[sekretess] (26 kap. 1 § OSL)" (overlapping masks
    joined)."""
    out, at = [], 0
    for mask in merged(masks):
        out += [text[at : mask.start], f"{MASKED} ({labels.get(mask.osl_code, mask.osl_code)})"]
        at = mask.end
    out.append(text[at:])
    return "".join(out)


@dataclass(frozen=True)
class DraftItem:
    """One item of the draft copy: what the handläggare reviews."""

    key: str  # "journal:12", "decision:<id>", …
    kind: ItemKind
    day: str  # ISO date the item is about
    label: str  # "Journalanteckning nr 3, 2026-02-25": what the journal may name, no content
    title: str
    text: str  # already without another person's secret and scrubbed for the client
    others_secret: str = ""  # an OSL code when the whole item is another person's secret
    marked: tuple[str, ...] = ()  # the OSL codes of passages marked as another's secret

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.title, self.text)


@dataclass(frozen=True)
class StoredReview:
    review: ItemReview
    fingerprint: str


@dataclass(frozen=True)
class CopyItem:
    """An item as it goes into the released copy."""

    item: DraftItem
    review: ItemReview


def unreviewed(
    items: Sequence[DraftItem], reviews: Mapping[str, StoredReview]
) -> tuple[DraftItem, ...]:
    """Items without a review of their present text."""
    return tuple(
        item
        for item in items
        if (found := reviews.get(item.key)) is None or found.fingerprint != item.fingerprint
    )


def copy_items(
    items: Sequence[DraftItem], reviews: Mapping[str, StoredReview]
) -> tuple[CopyItem, ...]:
    """Every item with its review, or InvalidInput while one lacks a review of its text."""
    missing = unreviewed(items, reviews)
    if missing:
        raise InvalidInput(
            "Kopian kan inte tas fram förrän varje del är granskad: "
            f"{count_text(len(missing), 'del', 'delar')} återstår."
        )
    return tuple(CopyItem(item, reviews[item.key].review) for item in items)


@dataclass(frozen=True)
class Tally:
    """What the review came to: counts and the references used (no content)."""

    released: int
    masked: int
    withheld: int
    masks: int
    references: tuple[tuple[str, int], ...]  # (osl code, how many withholdings and masks)

    @property
    def restricts(self) -> bool:
        """Something was withheld or masked: a decision she can appeal."""
        return self.withheld > 0 or self.masked > 0


def effective(item: DraftItem, review: ItemReview) -> Verdict:
    """What happens to the item: a released one with a passage of another person's secret is
    released with masking."""
    if review.verdict is Verdict.RELEASE and item.marked:
        return Verdict.MASK
    return review.verdict


def tally(items: Iterable[CopyItem]) -> Tally:
    counts = {v: 0 for v in Verdict}
    masks = 0
    refs: dict[str, int] = {}
    for entry in items:
        review = entry.review
        counts[effective(entry.item, review)] += 1
        codes = [m.osl_code for m in review.masks]
        if review.verdict is Verdict.WITHHOLD:
            codes = [review.osl_code]
        else:
            codes += list(entry.item.marked)
            masks += len(review.masks) + len(entry.item.marked)
        for code in codes:
            refs[code] = refs.get(code, 0) + 1
    return Tally(
        counts[Verdict.RELEASE],
        counts[Verdict.MASK],
        counts[Verdict.WITHHOLD],
        masks,
        tuple(sorted(refs.items())),
    )


def in_scope(day: str, scope: Scope, first: str | None, last: str | None) -> bool:
    """Whether an item dated `day` falls in the request (ISO dates compare as text)."""
    if scope is Scope.WHOLE:
        return True
    return bool(first and last and first <= day <= last)
