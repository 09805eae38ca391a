"""Säkerhetsplaner: a person's protection plan in a case, versioned and signed.

A new version is a new row (the signed ones are read-only, a trigger refuses changes). When an
assessment is signed in the case, each current plan is marked "ska ses över" until a new version
is signed or the plan is marked reviewed with a comment. The safe places are locating details:
for a protected person they stay hidden until revealed with a reason (audited, flagged), and
they never appear in a list, a title, the journal or a log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.cases import check_reason
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole, is_protected
from vinr_desktop.domain.safety_plan import (
    SafetyPlanDraft,
    check_plan,
    check_plan_signable,
    check_review_comment,
)
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.services.risk.safety_plan_read import (
    NOT_FOUND,
    author_names,
    current_ids,
    open_review_plan_ids,
    person_name,
    person_names,
    plan_rows,
    plan_view,
    visible_plan,
)
from vinr_desktop.store.case_schema import CasePersonRow, PersonRow
from vinr_desktop.store.risk_schema import SafetyPlanReviewRow, SafetyPlanRow
from vinr_desktop.store.risk_schema import SafetyPlanReviewRow as R
from vinr_desktop.store.risk_schema import SafetyPlanRow as P
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.risk import (
    PersonChoice,
    SafetyPlanSummary,
    SafetyPlanView,
)

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork


class SafetyPlanService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def persons(self, case_id: str) -> list[PersonChoice]:
        """Persons in the case a plan can be made for (everyone but a violent person)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            rows = work.session.execute(
                select(CasePersonRow.role, PersonRow)
                .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
                .where(CasePersonRow.case_id == case_id)
            ).all()
            order = list(PersonRole)
            return sorted(
                (
                    PersonChoice(
                        p.id,
                        person_name(p.first_name, p.last_name),
                        PersonRole(r),
                        ROLE_LABELS[PersonRole(r)],
                        is_protected(p.protection_level),
                    )
                    for r, p in rows
                    if PersonRole(r) is not PersonRole.PERPETRATOR
                ),
                key=lambda c: (order.index(c.role), c.name),
            )

    def plans(self, case_id: str) -> list[SafetyPlanSummary]:
        """Every signed version in the case and the user's own drafts, per person, newest first."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            rows = plan_rows(work)
            current = current_ids(rows)
            open_reviews = open_review_plan_ids(work, [r.id for r in rows])
            names = person_names(work, {r.person_id for r in rows})
            authors = author_names(work, {r.author_id for r in rows})
            result = [
                SafetyPlanSummary(
                    plan_id=r.id,
                    person_id=r.person_id,
                    person_name=names.get(r.person_id, ""),
                    version=r.version,
                    author=authors.get(r.author_id, ""),
                    saved_utc=r.saved_utc,
                    signed_on=r.signed_on,
                    current=r.id in current,
                    needs_review=r.id in open_reviews,
                    own=r.author_id == work.user.user_id,
                )
                for r in rows
            ]
            return sorted(result, key=lambda s: (s.person_name, -s.version))

    def plan(self, case_id: str, plan_id: str) -> SafetyPlanView:
        """One version; the safe places are None (hidden) for a protected person."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return plan_view(work, visible_plan(work, plan_id))

    def save_draft(
        self, case_id: str, person_id: str, plan_id: str | None, draft: SafetyPlanDraft
    ) -> str:
        """Autosave a new version being written (None: start one from the current version).
        Returns the draft's id."""
        check_plan(draft)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _own_draft(work, plan_id) if plan_id else _new_draft(work, person_id)
            if row.person_id != person_id:
                raise InvalidInput(NOT_FOUND)
            _fill(row, draft, work.now_text)
            return row.id

    def discard_draft(self, case_id: str, plan_id: str) -> None:
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            work.session.delete(_own_draft(work, plan_id))

    def sign(self, case_id: str, plan_id: str, draft: SafetyPlanDraft) -> SafetyPlanView:
        """Save and sign a version: read-only from then on; open "ska ses över" marks on the
        person's earlier versions are resolved by it. Journalled and audited."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _own_draft(work, plan_id)
            check_plan_signable(draft)
            _fill(row, draft, work.now_text)
            row.signed_utc = work.now_text
            row.signed_on = work.today.isoformat()
            earlier = select(P.id).where(
                P.case_id == case_id, P.person_id == row.person_id, P.id != row.id
            )
            for review in work.session.execute(
                select(R).where(R.plan_id.in_(earlier), R.resolved_utc.is_(None))
            ).scalars():
                _resolve(work, review, "new_version", "")
            work.session.flush()
            add_event_entry(work, f"Säkerhetsplan signerad (version {row.version}).")
            work.record("safety_plan_signed", object_id=row.id)
            return plan_view(work, row)

    def mark_reviewed(self, case_id: str, plan_id: str, comment: str) -> None:
        """The plan was gone through after a new assessment and still holds (with a comment)."""
        cleaned = check_review_comment(comment)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = visible_plan(work, plan_id)
            reviews = list(
                work.session.execute(
                    select(R).where(R.plan_id == row.id, R.resolved_utc.is_(None))
                ).scalars()
            )
            if not reviews:
                raise InvalidInput("Planen är inte markerad att ses över.")
            for review in reviews:
                _resolve(work, review, "reviewed", cleaned)
            add_event_entry(work, f"Säkerhetsplanen (version {row.version}) genomgången: {cleaned}")
            work.record("safety_plan_reviewed", object_id=row.id)

    def reveal_safe_places(self, case_id: str, plan_id: str, reason: str) -> str:
        """A protected person's safe places, for one view; the reveal is audited first."""
        cleaned = check_reason(reason, "Skälet")
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            visible_plan(work, plan_id)
            work.record("safe_places_revealed", object_id=plan_id, reason=cleaned)
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            row = work.session.get(SafetyPlanRow, plan_id)
            assert row is not None
            return row.safe_places


# -- used when an assessment is signed ------------------------------------------------------


def raise_reviews(work: CaseWork, assessment_id: str) -> int:
    """Mark every current signed plan in the case "ska ses över"; returns how many."""
    signed = work.session.execute(
        select(SafetyPlanRow).where(
            SafetyPlanRow.case_id == work.case.id, SafetyPlanRow.signed_utc.is_not(None)
        )
    ).scalars()
    current = current_ids(list(signed))
    already = open_review_plan_ids(work, list(current))
    for plan_id in sorted(current - already):
        work.session.add(
            SafetyPlanReviewRow(
                id=new_id(),
                plan_id=plan_id,
                assessment_id=assessment_id,
                raised_utc=work.now_text,
                resolution="",
                comment="",
            )
        )
    return len(current - already)


# -- helpers ------------------------------------------------------------------------------


def _own_draft(work: CaseWork, plan_id: str) -> SafetyPlanRow:
    row = visible_plan(work, plan_id)
    if row.signed_utc is not None:
        raise InvalidInput("Den versionen är signerad och kan inte ändras. Gör en ny version.")
    if row.author_id != work.user.user_id:
        raise InvalidInput(NOT_FOUND)
    return row


def _new_draft(work: CaseWork, person_id: str) -> SafetyPlanRow:
    """A new version, starting from the person's newest signed one (or empty)."""
    link = work.session.get(CasePersonRow, (work.case.id, person_id))
    if link is None or PersonRole(link.role) is PersonRole.PERPETRATOR:
        raise InvalidInput("Personen finns inte i ärendet.")
    drafts = list(
        work.session.execute(
            select(P).where(
                P.case_id == work.case.id, P.person_id == person_id, P.signed_utc.is_(None)
            )
        ).scalars()
    )
    if drafts:
        if drafts[0].author_id == work.user.user_id:
            return drafts[0]
        raise InvalidInput("En kollega skriver redan en ny version av planen.")
    newest = work.session.execute(
        select(P)
        .where(P.case_id == work.case.id, P.person_id == person_id)
        .order_by(P.version.desc())
        .limit(1)
    ).scalar_one_or_none()
    last = work.session.execute(
        select(func.max(P.version)).where(P.case_id == work.case.id, P.person_id == person_id)
    ).scalar_one()
    row = P(
        id=new_id(),
        case_id=work.case.id,
        person_id=person_id,
        version=(last or 0) + 1,
        contacts=newest.contacts if newest else "",
        safe_places=newest.safe_places if newest else "",
        signals=newest.signals if newest else "",
        actions_when=newest.actions_when if newest else "",
        children_part=newest.children_part if newest else "",
        author_id=work.user.user_id,
        created_utc=work.now_text,
        saved_utc=work.now_text,
    )
    work.session.add(row)
    work.session.flush()
    return row


def _fill(row: SafetyPlanRow, draft: SafetyPlanDraft, now_text: str) -> None:
    row.contacts = draft.contacts
    if draft.safe_places is not None:
        row.safe_places = draft.safe_places
    row.signals = draft.signals
    row.actions_when = draft.actions_when
    row.children_part = draft.children_part
    row.saved_utc = now_text


def _resolve(work: CaseWork, review: SafetyPlanReviewRow, resolution: str, comment: str) -> None:
    review.resolved_utc = work.now_text
    review.resolved_by = work.user.user_id
    review.resolution = resolution
    review.comment = comment
