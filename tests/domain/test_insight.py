"""Partsinsyn's rules without the store: masks, the review of an item, the gate that refuses a
copy while an item lacks a review of its present text, and the tally the letter is made from."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.insight import (
    CopyItem,
    DraftItem,
    ItemKind,
    ItemReview,
    Mask,
    Requester,
    RequestInput,
    Scope,
    StoredReview,
    Verdict,
    copy_items,
    in_scope,
    masked_text,
    tally,
    unreviewed,
)

LABELS = {"a": "26 kap. 1 § OSL", "b": "26 kap. 5 § OSL"}


def item(key: str, text: str, **extra: object) -> DraftItem:
    return DraftItem(key, ItemKind.JOURNAL, "2026-02-20", key, f"Titel {key}", text, **extra)  # type: ignore[arg-type]


def test_masks_are_shown_with_their_reference_and_overlaps_join() -> None:
    text = "Hon sa att grannen Olle dricker."
    assert masked_text(text, [Mask(11, 23, "a")], LABELS) == (
        "Hon sa att [sekretess] (26 kap. 1 § OSL) dricker."
    )
    joined = masked_text(text, [Mask(15, 23, "b"), Mask(11, 19, "a")], LABELS)
    assert joined == "Hon sa att [sekretess] (26 kap. 1 § OSL) dricker."


def test_a_review_needs_its_reference_and_masks_inside_the_text() -> None:
    codes = ["a", "b"]
    with pytest.raises(InvalidInput, match="bestämmelse"):
        ItemReview(Verdict.WITHHOLD).checked("text", codes)
    with pytest.raises(InvalidInput, match="minst ett"):
        ItemReview(Verdict.MASK).checked("text", codes)
    with pytest.raises(InvalidInput, match="utanför"):
        ItemReview(Verdict.MASK, masks=(Mask(2, 9, "a"),)).checked("text", codes)
    kept = ItemReview(Verdict.RELEASE, "a", "note", (Mask(0, 1, "a"),)).checked("text", codes)
    assert kept == ItemReview(Verdict.RELEASE)  # nothing of another verdict is kept


def test_no_copy_while_an_item_lacks_a_review_of_its_present_text() -> None:
    one, two = item("journal:1", "ett"), item("journal:2", "två")
    reviews = {one.key: StoredReview(ItemReview(Verdict.RELEASE), one.fingerprint)}
    assert unreviewed([one, two], reviews) == (two,)
    with pytest.raises(InvalidInput, match="1 del återstår"):
        copy_items([one, two], reviews)
    changed = item("journal:1", "ett, ändrad")
    with pytest.raises(InvalidInput, match="återstår"):
        copy_items([changed], reviews)
    assert copy_items([one], reviews) == (CopyItem(one, ItemReview(Verdict.RELEASE)),)


def test_the_tally_counts_verdicts_masks_and_references() -> None:
    marked = item("journal:3", "x [sekretess]", marked=("a",))
    copy = (
        CopyItem(item("journal:1", "ett"), ItemReview(Verdict.RELEASE)),
        CopyItem(marked, ItemReview(Verdict.RELEASE)),  # another's secret in a passage
        CopyItem(item("journal:2", "två"), ItemReview(Verdict.MASK, masks=(Mask(0, 1, "b"),))),
        CopyItem(item("journal:4", "fyra"), ItemReview(Verdict.WITHHOLD, "a")),
    )
    result = tally(copy)
    assert (result.released, result.masked, result.withheld, result.masks) == (1, 2, 1, 2)
    assert result.references == (("a", 2), ("b", 1)) and result.restricts


def test_a_request_is_checked_and_a_period_bounds_the_items() -> None:
    today = date(2026, 3, 2)
    period = RequestInput(Requester.CLIENT, "", today, Scope.PERIOD, date(2026, 1, 1), today)
    assert period.checked(today) is period
    assert in_scope("2026-01-01", Scope.PERIOD, "2026-01-01", "2026-03-02")
    assert not in_scope("2025-12-31", Scope.PERIOD, "2026-01-01", "2026-03-02")
    assert in_scope("1999-01-01", Scope.WHOLE, None, None)
