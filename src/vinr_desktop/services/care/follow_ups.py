"""Uppföljning of an insats, with the client: each goal of the current vårdplan assessed, the
client's own view (resources/care/follow_up_questions.json), a decision to continue, change or
end, and the next follow-up proposed from the setting (default 6 months). Signed (read-only
after, a trigger too) and journalled.

A decision to change is followed by a new vårdplan version (`CarePlanService.start`); a
decision to end by `DecisionService.end_insats` with a closing reason. The UI offers both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import follow_ups as rules
from vinr_desktop.domain.care_deadlines import next_follow_up
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.follow_ups import (
    FOLLOW_UP_DECISION_LABELS,
    GOAL_OUTCOME_LABELS,
    ClientQuestion,
    FollowUpDecision,
    FollowUpDraft,
    GoalOutcome,
)
from vinr_desktop.domain.plurals import count_text
from vinr_desktop.services.care.common import (
    care_settings,
    client_questions,
    day,
    insats_type,
    iso,
    signed_insats,
    user_names,
)
from vinr_desktop.services.care.plans import goal_views, newest_signed
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.care_schema import (
    CarePlanGoalRow,
    CarePlanRow,
    DecisionRow,
    FollowUpAnswerRow,
    FollowUpGoalRow,
    FollowUpRow,
)
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.care import (
    ClientAnswerView,
    FollowUpForm,
    FollowUpView,
    GoalResultView,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork

NOT_FOUND = "Uppföljningen finns inte i ärendet."
SIGNED = "Uppföljningen är signerad och kan inte ändras."


class FollowUpService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def questions(self) -> tuple[ClientQuestion, ...]:
        """The client's question set, in order."""
        return client_questions()

    def form(self, case_id: str, decision_id: str) -> FollowUpForm:
        """What a new follow-up starts from: the current vårdplan's goals, the questions, and
        the next date proposed for a follow-up held today."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            decision = signed_insats(work, decision_id)
            plan = newest_signed(work.session, case_id, decision_id)
            if plan is None:
                raise InvalidInput("Signera vårdplanen innan insatsen följs upp.")
            months = care_settings(work.session).interval_months
            review_on, period_to = day(decision.review_on), day(decision.period_to)
            return FollowUpForm(
                decision_id=decision_id,
                plan_id=plan.id,
                plan_version=plan.version,
                goals=goal_views(work.session, plan.id),
                questions=client_questions(),
                interval_months=months,
                proposed_next_on=next_follow_up(
                    work.today, months, review_on=review_on, period_to=period_to
                ),
                review_on=review_on,
                period_to=period_to,
            )

    def list_follow_ups(self, case_id: str, decision_id: str) -> tuple[FollowUpView, ...]:
        """The insats's follow-ups, newest first (drafts first)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            rows = work.session.execute(
                select(FollowUpRow).where(
                    FollowUpRow.case_id == case_id, FollowUpRow.decision_id == decision_id
                )
            ).scalars()
            views = [follow_up_view(work.session, r) for r in rows]
        views.sort(key=lambda v: (v.is_draft, v.held_on, v.saved_utc), reverse=True)
        return tuple(views)

    def get(self, case_id: str, follow_up_id: str) -> FollowUpView:
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return follow_up_view(work.session, _row(work, follow_up_id))

    def save_draft(
        self, case_id: str, decision_id: str, follow_up_id: str | None, draft: FollowUpDraft
    ) -> str:
        """Save the form (autosave); returns the draft's id."""
        rules.check_draft(draft, client_questions())
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _draft(work, decision_id, follow_up_id)
            _fill(work, row, draft)
            return row.id

    def sign(
        self, case_id: str, decision_id: str, follow_up_id: str | None, draft: FollowUpDraft
    ) -> str:
        """Save and sign: read-only from now on, and journalled. Returns its id."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _draft(work, decision_id, follow_up_id)
            goal_ids = list(
                work.session.execute(
                    select(CarePlanGoalRow.id)
                    .where(CarePlanGoalRow.plan_id == row.plan_id)
                    .order_by(CarePlanGoalRow.position)
                ).scalars()
            )
            rules.check_signable(draft, goal_ids, client_questions(), work.today)
            _fill(work, row, draft)
            if draft.decision is FollowUpDecision.END:
                row.next_on = None
            row.signed_by = work.user.user_id
            row.signed_utc = work.now_text
            work.session.flush()
            add_event_entry(work, _journal_text(work, row, draft), draft.held_on)
            work.record("follow_up_signed", object_id=row.id, reason=row.decision)
            return row.id

    def discard_draft(self, case_id: str, follow_up_id: str) -> None:
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _row(work, follow_up_id)
            if row.signed_utc is not None:
                raise InvalidInput(SIGNED)
            for table in (FollowUpGoalRow, FollowUpAnswerRow):
                work.session.execute(delete(table).where(table.follow_up_id == row.id))
            work.session.delete(row)


# -- shared with the overview and the documents ----------------------------------------------


def follow_up_view(session: Session, row: FollowUpRow) -> FollowUpView:
    names = user_names(session)
    plan = session.get(CarePlanRow, row.plan_id)
    results = {
        g.goal_id: g
        for g in session.execute(
            select(FollowUpGoalRow).where(FollowUpGoalRow.follow_up_id == row.id)
        ).scalars()
    }
    goals = []
    for goal in goal_views(session, row.plan_id):
        result = results.get(goal.goal_id)
        outcome = GoalOutcome(result.outcome) if result and result.outcome else None
        goals.append(
            GoalResultView(
                goal_id=goal.goal_id,
                position=goal.position,
                goal_text=goal.text,
                indicator=goal.indicator,
                outcome=outcome,
                outcome_label=GOAL_OUTCOME_LABELS[outcome] if outcome else "",
                comment=result.comment if result else "",
            )
        )
    answers = {
        a.question: a
        for a in session.execute(
            select(FollowUpAnswerRow).where(FollowUpAnswerRow.follow_up_id == row.id)
        ).scalars()
    }
    answer_views = []
    for question in client_questions():
        answer = answers.get(question.code)
        option = answer.option if answer else ""
        answer_views.append(
            ClientAnswerView(
                question.code,
                question.text,
                option,
                question.label_of(option),
                answer.text if answer else "",
            )
        )
    decision = FollowUpDecision(row.decision) if row.decision else None
    return FollowUpView(
        follow_up_id=row.id,
        decision_id=row.decision_id,
        case_id=row.case_id,
        plan_id=row.plan_id,
        plan_version=plan.version if plan else 0,
        held_on=row.held_on or "",
        client_took_part=row.client_took_part,
        provider_took_part=row.provider_took_part,
        others=row.others,
        participants_text=participants_text(
            row.client_took_part, row.provider_took_part, row.others
        ),
        goals=tuple(goals),
        answers=tuple(answer_views),
        decision=decision,
        decision_label=FOLLOW_UP_DECISION_LABELS[decision] if decision else "",
        decision_text=row.decision_text,
        next_on=row.next_on or "",
        created_by=names.get(row.created_by, ""),
        saved_utc=row.saved_utc,
        signed_by=names.get(row.signed_by or "", ""),
        signed_utc=row.signed_utc,
    )


def participants_text(client: bool, provider: bool, others: str) -> str:
    parts = (["Klienten"] if client else []) + (["utföraren"] if provider else [])
    if others.strip():
        parts.append(others.strip())
    return ", ".join(parts)


# -- helpers ------------------------------------------------------------------------------


def _row(work: CaseWork, follow_up_id: str) -> FollowUpRow:
    row = work.session.get(FollowUpRow, follow_up_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput(NOT_FOUND)
    return row


def _draft(work: CaseWork, decision_id: str, follow_up_id: str | None) -> FollowUpRow:
    signed_insats(work, decision_id)
    if follow_up_id is not None:
        row = _row(work, follow_up_id)
        if row.decision_id != decision_id:
            raise InvalidInput(NOT_FOUND)
        if row.signed_utc is not None:
            raise InvalidInput(SIGNED)
        return row
    plan = newest_signed(work.session, work.case.id, decision_id)
    if plan is None:
        raise InvalidInput("Signera vårdplanen innan insatsen följs upp.")
    row = FollowUpRow(
        id=new_id(),
        decision_id=decision_id,
        case_id=work.case.id,
        plan_id=plan.id,
        created_by=work.user.user_id,
        created_utc=work.now_text,
        saved_utc=work.now_text,
        client_took_part=False,
        provider_took_part=False,
    )
    work.session.add(row)
    work.session.flush()
    return row


def _fill(work: CaseWork, row: FollowUpRow, draft: FollowUpDraft) -> None:
    session = work.session
    row.held_on = iso(draft.held_on)
    row.client_took_part = draft.client_took_part
    row.provider_took_part = draft.provider_took_part
    row.others = draft.others.strip()
    row.decision = draft.decision.value if draft.decision else ""
    row.decision_text = draft.decision_text.strip()
    row.next_on = iso(draft.next_on)
    row.saved_utc = work.now_text
    known = set(
        session.execute(
            select(CarePlanGoalRow.id).where(CarePlanGoalRow.plan_id == row.plan_id)
        ).scalars()
    )
    session.execute(delete(FollowUpGoalRow).where(FollowUpGoalRow.follow_up_id == row.id))
    session.execute(delete(FollowUpAnswerRow).where(FollowUpAnswerRow.follow_up_id == row.id))
    for goal in draft.goals:
        if goal.goal_id not in known:
            raise InvalidInput("Uppföljningen gäller ett mål som inte finns i vårdplanen.")
        session.add(
            FollowUpGoalRow(
                follow_up_id=row.id,
                goal_id=goal.goal_id,
                outcome=goal.outcome.value if goal.outcome else "",
                comment=goal.comment.strip(),
            )
        )
    for answer in {a.question: a for a in draft.answers}.values():
        session.add(
            FollowUpAnswerRow(
                follow_up_id=row.id,
                question=answer.question,
                option=answer.option,
                text=answer.text.strip(),
            )
        )
    session.flush()  # before signing: the store refuses changes to a signed follow-up


def _journal_text(work: CaseWork, row: FollowUpRow, draft: FollowUpDraft) -> str:
    decision = work.session.get(DecisionRow, row.decision_id)
    kind = insats_type(decision.insats_type) if decision else None
    counts = {o: sum(1 for g in draft.goals if g.outcome is o) for o in GoalOutcome}
    who = participants_text(draft.client_took_part, draft.provider_took_part, draft.others)
    text = (
        f"Uppföljning {row.held_on} av {kind.label if kind else 'insatsen'}. Deltog: {who}.\n"
        f"Mål: {count_text(counts[GoalOutcome.REACHED], 'uppnått', 'uppnådda')}, "
        f"{counts[GoalOutcome.PARTLY]} delvis, "
        f"{count_text(counts[GoalOutcome.NOT_REACHED], 'inte uppnått', 'inte uppnådda')}. "
    )
    assert draft.decision is not None
    text += f"Beslut: {FOLLOW_UP_DECISION_LABELS[draft.decision].lower()}."
    if row.next_on:
        text += f" Nästa uppföljning {row.next_on}."
    if draft.decision_text.strip():
        text += f"\n{draft.decision_text.strip()}"
    return text
