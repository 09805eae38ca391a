"""Partsinsyn through the real services and the one document pipeline, read back with pypdf:
the copy for the client holds nothing of the violent person, of the protected child, of the
neighbour or the sister marked as another's secret, of what the handläggare masked or withheld,
or of another case; the decision is refused until every item is reviewed; the review is
journalled and audited without content."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from sqlalchemy import select

from tests.services.insight.insight_case import (
    KEEP,
    MASKED,
    NEVER,
    WITHHELD,
    InsightCase,
)
from vinr_desktop.domain import insight as rules
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.insight import ItemReview, Mask, Verdict
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.domain.scrubber import REMOVED
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.schema import AuditRow


def review_all(case: InsightCase, *, skip: str = "") -> None:
    """Release everything, mask MASKED (26 kap. 5 §), withhold WITHHELD (10 kap. 3 §)."""
    draft = case.insight.draft(case.case_id, case.request_id)
    for view in draft.items:
        item = view.item
        if view.locked or item.key == skip:
            continue
        review = ItemReview(Verdict.RELEASE)
        if MASKED in item.text:
            start = item.text.index(MASKED)
            review = ItemReview(Verdict.MASK, masks=(Mask(start, start + len(MASKED), "osl_26_5"),))
        if WITHHELD in item.text:
            review = ItemReview(Verdict.WITHHOLD, "osl_10_3", "Polisens begäran")
        case.insight.review(case.case_id, case.request_id, item.key, review)


def copy_text(case: InsightCase) -> str:
    document = case.team.services.documents.render(
        DocumentKind.INSIGHT_COPY, case.case_id, case.request_id, Recipient.CLIENT
    )
    pages = pypdf.PdfReader(io.BytesIO(document.pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def assert_copy_is_safe(text: str) -> None:
    digits = re.sub(r"[\s\-()+/.]", "", text)
    assert [w for w in NEVER if w in text or w in digits] == []
    assert all(k in text for k in KEEP), text
    assert REMOVED in text  # the violent person's and the child's details were scrubbed out


def test_the_draft_is_scrubbed_and_hides_others_secrets_before_the_review(
    case: InsightCase,
) -> None:
    draft = case.insight.draft(case.case_id, case.request_id)
    shown = " ".join(f"{v.item.title} {v.item.text}" for v in draft.items)
    for word in ("Valdemar", "Gömsläktsgatan", "GRANNMARKÖR", "SYSTERMARKÖR", "ANNATÄRENDE"):
        assert word not in shown
    assert MASKED in shown and WITHHELD in shown  # hers to decide
    locked = [v for v in draft.items if v.locked]
    assert [v.item.label for v in locked] == ["Journalanteckning nr 2, 2026-02-22"]
    assert "[sekretess] (26 kap. 1 § OSL)" in shown  # the sister's passage
    kinds = {v.item.kind for v in draft.items}
    assert kinds == {rules.ItemKind.JOURNAL, rules.ItemKind.DECISION, rules.ItemKind.ASSESSMENT}
    assert "BEHÅLLBEDÖMNING" in shown and "BARNBEDÖMNINGMARKÖR" not in shown
    assert draft.remaining == len(draft.items) - 1


def test_the_released_copy_holds_none_of_the_secrets(case: InsightCase) -> None:
    review_all(case)
    tally = case.insight.decide(case.case_id, case.request_id)
    assert (tally.withheld, tally.masked) == (2, 2)  # neighbour + withheld; sister + mask
    text = copy_text(case)
    assert_copy_is_safe(text)
    assert "[sekretess] (26 kap. 5 § OSL)" in text
    assert "[sekretess] (26 kap. 1 § OSL)" in text
    assert "Lämnas inte ut (10 kap. 3 § OSL)" in text
    # The cover letter: counts and references, the appeal.
    assert "2 journalanteckningar" not in text  # one per reference, never merged wrongly
    assert "1 journalanteckning lämnas inte ut – 26 kap. 1 § OSL" in text
    assert "1 journalanteckning lämnas inte ut – 10 kap. 3 § OSL" in text
    assert "kammarrätten" in text and "tre veckor" in text
    assert "Ditt ombud begärde den 2026-03-01" in text
    assert case.number in text and "Klara Insynsdotter-Fiktiv" in text


def test_nothing_is_decided_or_released_without_a_review_of_every_item(
    case: InsightCase,
) -> None:
    mask_key = f"journal:{case.entries['mask']}"
    review_all(case, skip=mask_key)
    with pytest.raises(InvalidInput, match="1 del återstår"):
        case.insight.decide(case.case_id, case.request_id)
    with pytest.raises(InvalidInput, match="granskningen är klar"):
        copy_text(case)
    review_all(case)
    # A passage marked after her review changes the item: it must be reviewed again.
    sister_key = f"journal:{case.entries['mask']}"
    case.insight.mark_others_secret(
        case.case_id, case.entries["mask"], rules.Span(0, 9), "osl_26_1"
    )
    draft = case.insight.draft(case.case_id, case.request_id)
    changed = [v for v in draft.items if v.changed]
    assert [v.item.key for v in changed] == [sister_key] and changed[0].review is None
    with pytest.raises(InvalidInput, match="återstår"):
        case.insight.decide(case.case_id, case.request_id)


def test_skipping_the_review_step_would_leak_and_is_caught(
    case: InsightCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mutation that skips the review (no check of unreviewed items) releases what she
    never reviewed; the assertions above catch it."""
    monkeypatch.setattr(rules, "unreviewed", lambda items, reviews: ())
    monkeypatch.setattr(
        rules,
        "copy_items",
        lambda items, reviews: tuple(
            rules.CopyItem(
                i, reviews[i.key].review if i.key in reviews else ItemReview(Verdict.RELEASE)
            )
            for i in items
        ),
    )
    case.insight.decide(case.case_id, case.request_id)  # nothing reviewed, nothing refused
    with pytest.raises(AssertionError):
        assert_copy_is_safe(copy_text(case))


def test_the_review_is_journalled_and_audited_without_content(case: InsightCase) -> None:
    review_all(case)
    case.insight.decide(case.case_id, case.request_id)
    store = case.team.env.ctx.require_store()
    with store.session() as session:
        texts = list(
            session.execute(
                select(JournalEntryRow.text)
                .where(JournalEntryRow.case_id == case.case_id)
                .order_by(JournalEntryRow.id.desc())
                .limit(2)
            ).scalars()
        )
        audit = session.execute(
            select(AuditRow.action, AuditRow.reason)
            .where(AuditRow.case_id == case.case_id, AuditRow.action.like("insight%"))
            .order_by(AuditRow.seq)
        ).all()
    decision, request = texts
    assert "Begäran om partsinsyn från klientens ombud" in request
    assert "Advokat Ombudsson-Fiktiv" in request and "hela akten" in request
    assert "Lämnas inte ut: Journalanteckning nr 2, 2026-02-22 (26 kap. 1 § OSL)" in decision
    assert "Journalanteckning nr 5, 2026-02-25 (10 kap. 3 § OSL)" in decision
    assert "Maskerat: Journalanteckning nr 3, 2026-02-23 (26 kap. 1 § OSL)" in decision
    assert "kan överklagas" in decision
    for word in ("MARKÖR", "Grannsson", "Polisens begäran", "mostern"):
        assert word not in decision
    assert audit[0] == ("insight_requested", "representative:whole")
    assert audit[-1][0] == "insight_decided"
    assert audit[-1][1] == "release=12;mask=2;withhold=2;osl_10_3=1,osl_26_1=2,osl_26_5=1"
    assert all("MARKÖR" not in (reason or "") for _action, reason in audit)
    log = case.team.services.audit.case_log(case.case_id).events
    words = {e.action_label: e.detail for e in log}
    assert words["Beslutade om partsinsyn"] == (
        "12 lämnas ut, 2 med maskering, 2 lämnas inte ut; 10 kap. 3 § OSL (1), "
        "26 kap. 1 § OSL (2), 26 kap. 5 § OSL (1)"
    )
    assert words["Markerade uppgift som annans sekretess"] == "Annans sekretess: 26 kap. 1 § OSL"
    with pytest.raises(InvalidInput, match="redan beslutad"):
        case.insight.decide(case.case_id, case.request_id)
    views = case.insight.requests(case.case_id)
    assert views[0].state_label == "Beslutad 2026-03-02" and views[0].counts == (12, 2, 2)


def test_a_period_covers_only_its_days_and_bad_requests_are_refused(case: InsightCase) -> None:
    from datetime import date

    period = case.insight.record_request(
        case.case_id,
        rules.RequestInput(
            rules.Requester.CLIENT,
            "",
            date(2026, 3, 2),
            rules.Scope.PERIOD,
            date(2026, 2, 22),
            date(2026, 2, 23),
        ),
    )
    draft = case.insight.draft(case.case_id, period)
    assert [v.item.day for v in draft.items] == ["2026-02-22", "2026-02-23"]
    for bad, message in (
        (
            rules.RequestInput(rules.Requester.CLIENT, "", date(2026, 3, 9), rules.Scope.WHOLE),
            "framtiden",
        ),
        (
            rules.RequestInput(
                rules.Requester.REPRESENTATIVE, " ", date(2026, 3, 1), rules.Scope.WHOLE
            ),
            "ombudet",
        ),
        (
            rules.RequestInput(
                rules.Requester.CLIENT,
                "",
                date(2026, 3, 1),
                rules.Scope.PERIOD,
                date(2026, 3, 1),
                date(2026, 2, 1),
            ),
            "efter",
        ),
    ):
        with pytest.raises(InvalidInput, match=message):
            case.insight.record_request(case.case_id, bad)


def test_a_colleague_without_access_is_told_the_case_does_not_exist(case: InsightCase) -> None:
    from vinr_desktop.domain.errors import AccessDenied

    case.team.act_as("bo")
    with pytest.raises(AccessDenied, match="finns inte"):
        case.insight.draft(case.case_id, case.request_id)
    with pytest.raises(AccessDenied):
        case.team.services.documents.render(
            DocumentKind.INSIGHT_COPY, case.case_id, case.request_id, Recipient.CLIENT
        )


def test_the_cover_letter_is_dated_data_in_the_letters_format() -> None:
    from datetime import date

    from vinr_desktop.services.insight.texts import COVER_LETTER, cover_letter
    from vinr_desktop.services.letters.texts import languages

    texts = cover_letter(date(2026, 3, 2))
    assert languages(COVER_LETTER)[0] == ("sv", "svenska")
    assert {r.code for r in texts.references} == {"fl_10", "osl_10_3", "osl_6_7"}
    assert "kammarrätten" in texts.text("appeal_right", decided_on="2026-03-02")
    with pytest.raises(LookupError):
        cover_letter(date(2018, 6, 30))


def test_a_closed_case_can_be_handled_and_a_read_only_share_cannot(case: InsightCase) -> None:
    from vinr_desktop.domain.errors import AccessDenied
    from vinr_desktop.domain.sharing import ShareLevel
    from vinr_desktop.views.cases import CaseRef

    case.team.services.cases.close(case.case_id, "other", "", "Klienten har flyttat (fiktivt).")
    review_all(case)
    case.insight.decide(case.case_id, case.request_id)  # her right to read outlives the case
    case.team.share(CaseRef(case.case_id, case.number), "bo", ShareLevel.READ)
    case.team.act_as("bo")
    assert case.insight.may_handle(case.case_id) is False
    assert [r.decided for r in case.insight.requests(case.case_id)] == [True]
    with pytest.raises(AccessDenied, match="läsbehörighet"):
        case.insight.draft(case.case_id, case.request_id)


def test_several_items_get_one_review_but_never_one_masking(case: InsightCase) -> None:
    draft = case.insight.draft(case.case_id, case.request_id)
    keys = [v.item.key for v in draft.items if not v.locked][:3]
    with pytest.raises(InvalidInput, match="en del i taget"):
        case.insight.review_many(
            case.case_id,
            case.request_id,
            keys,
            ItemReview(Verdict.MASK, masks=(Mask(0, 1, "osl_26_1"),)),
        )
    case.insight.review_many(case.case_id, case.request_id, keys, ItemReview(Verdict.RELEASE))
    after = case.insight.draft(case.case_id, case.request_id)
    assert after.remaining == draft.remaining - 3
    locked = next(v.item.key for v in draft.items if v.locked)
    with pytest.raises(InvalidInput, match="annans sekretess"):
        case.insight.review_many(
            case.case_id, case.request_id, [locked], ItemReview(Verdict.RELEASE)
        )


def test_the_copy_is_of_the_file_as_reviewed_and_refused_if_an_item_changed(
    case: InsightCase,
) -> None:
    review_all(case)
    case.insight.decide(case.case_id, case.request_id)
    text = copy_text(case)
    assert "Beslut om partsinsyn" not in text  # written after the decision: not reviewed
    case.insight.mark_others_secret(
        case.case_id, case.entries["violent"], rules.Span(0, 9), "osl_26_1"
    )
    with pytest.raises(InvalidInput, match="Akten har ändrats sedan granskningen"):
        copy_text(case)
