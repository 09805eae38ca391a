"""Gallring as the enhetschef does it: review the proposal, approve the due cases with the
nämnd's decision (delegation), carry out the approved gallring, read the gallringslogg. The
administrator loads the municipality's dokumenthanteringsplan.

`gallra` deletes in ONE transaction (store/retention_delete.py): every row of each approved
case and the persons only it holds, journal text and its full-text entries included; the
gallringslogg rows (no content) and one audit event per case are written in the same
transaction. A kill in the middle leaves everything as it was. Then `Store.compact` merges the
full-text index and VACUUMs, so no page of the file keeps the deleted text.

The audit chain stays verifiable: audit rows are never deleted or changed; those that named a
gallrad case keep their MACs and their case id, which now points at nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sqlalchemy import func, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import DiskFull, InvalidInput
from vinr_desktop.domain.retention import Verdict, parse_plan
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.retention.facts import rules_on
from vinr_desktop.services.retention.proposal import (
    build_proposal,
    rules_view,
    today_of,
    verdicts_now,
)
from vinr_desktop.store.case_schema import CaseRow
from vinr_desktop.store.retention_delete import delete_cases
from vinr_desktop.store.retention_schema import (
    RetentionApprovalCaseRow,
    RetentionApprovalRow,
    RetentionLogRow,
    RetentionPlanRow,
)
from vinr_desktop.store.schema import UserRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.retention import (
    ApprovalView,
    GallringResult,
    LogRow,
    Proposal,
    RulesView,
)

NO_DECISION = "Ange nämndens beslut (till exempel ”SN § 45/2026”) som ger dig delegation."
NOTHING_CHOSEN = "Välj minst ett ärende som ska gallras."
NOT_DUE = "Ett eller flera av de valda ärendena ska inte gallras nu. Uppdatera förslaget."
NO_APPROVAL = "Det finns inget sådant godkännande, eller så är det redan genomfört."
MAX_DECISION = 200


class RetentionService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def proposal(self) -> Proposal:
        """The gallringsförslag for the enhetschef."""
        store, user = self.ctx.require(Action.REVIEW_RETENTION)
        with store.session() as session:
            proposal = build_proposal(self.ctx, store, session, user)
            store.record(session, user_id=user.user_id, action="retention_proposal_viewed")
        return proposal

    def approve(self, case_ids: Sequence[str], decision: str) -> str:
        """Approve the gallring of these due cases under the nämnd's decision; its id."""
        store, user = self.ctx.require(Action.APPROVE_RETENTION)
        decision = " ".join(decision.split())
        if not decision:
            raise InvalidInput(NO_DECISION)
        if len(decision) > MAX_DECISION:
            raise InvalidInput(f"Beslutet får vara högst {MAX_DECISION} tecken.")
        if not case_ids:
            raise InvalidInput(NOTHING_CHOSEN)
        with store.session() as session:
            rules, verdicts = verdicts_now(session, today_of(self.ctx))
            if any(c not in verdicts or verdicts[c].verdict is not Verdict.DUE for c in case_ids):
                raise InvalidInput(NOT_DUE)
            approval_id = new_id()
            session.add(
                RetentionApprovalRow(
                    id=approval_id,
                    decision=decision,
                    rule_set=rules.code,
                    approved_utc=self._now(),
                    approved_by=user.user_id,
                )
            )
            session.flush()  # the approval before the rows that point at it
            session.add_all(
                RetentionApprovalCaseRow(approval_id=approval_id, case_id=c)
                for c in sorted(set(case_ids))
            )
            store.record(
                session,
                user_id=user.user_id,
                action="retention_approved",
                object_id=approval_id,
                reason=str(len(set(case_ids))),
            )
        return approval_id

    def gallra(self, approval_id: str, step: Callable[[str], None] | None = None) -> GallringResult:
        """Carry out an approval: the cases still due are deleted in one transaction."""
        store, user = self.ctx.require(Action.APPROVE_RETENTION)
        today = today_of(self.ctx)
        with store.session() as session:
            approval = session.get(RetentionApprovalRow, approval_id)
            if approval is None or approval.executed_utc is not None:
                raise InvalidInput(NO_APPROVAL)
            rules, verdicts = verdicts_now(session, today)
            approved = list(
                session.execute(
                    select(RetentionApprovalCaseRow.case_id).where(
                        RetentionApprovalCaseRow.approval_id == approval_id
                    )
                ).scalars()
            )
            cases = [session.get(CaseRow, c) for c in approved]
            due = [c for c in cases if c is not None and verdicts[c.id].verdict is Verdict.DUE]
            skipped = tuple(c.number for c in cases if c is not None and c not in due)
            now = self._now()
            rows = persons = 0
            for case in due:
                verdict = verdicts[case.id]
                entry = RetentionLogRow(
                    approval_id=approval_id,
                    case_number=case.number,
                    case_reference=store.case_reference(case.id),
                    protected=case.protected,
                    intake_date=case.intake_date,
                    last_entry=verdict.last_entry.isoformat(),
                    due_on=verdict.due_on.isoformat(),
                    rule_set=rules.code,
                    gallrad_utc=now,
                    gallrad_by=user.user_id,
                )
                deleted = delete_cases(session, [case.id], step)
                entry.persons_deleted, entry.rows_deleted = deleted.persons, deleted.rows
                rows, persons = rows + deleted.rows, persons + deleted.persons
                session.add(entry)
                store.record(
                    session,
                    user_id=user.user_id,
                    action="case_gallrad",
                    case_id=case.id,
                    object_id=approval_id,
                )
            approval.executed_utc = now
        try:
            store.compact()
        except DiskFull:
            # Committed, and secure_delete has already zeroed the freed pages; the merge of the
            # search index and the VACUUM run again with the next gallring.
            return GallringResult(approval_id, len(due), skipped, rows, persons, compacted=False)
        return GallringResult(approval_id, len(due), skipped, rows, persons)

    def approvals(self) -> list[ApprovalView]:
        store, _user = self.ctx.require(Action.REVIEW_RETENTION)
        with store.session() as session:
            count = (
                select(func.count())
                .where(RetentionApprovalCaseRow.approval_id == RetentionApprovalRow.id)
                .scalar_subquery()
            )
            rows = session.execute(
                select(RetentionApprovalRow, UserRow.full_name, count)
                .join(UserRow, UserRow.id == RetentionApprovalRow.approved_by)
                .order_by(RetentionApprovalRow.approved_utc.desc())
            ).all()
            return [
                ApprovalView(a.id, a.decision, name, a.approved_utc, n, a.executed_utc)
                for a, name, n in rows
            ]

    def log(self) -> list[LogRow]:
        """The gallringslogg, newest first: what went, when, by which rule and decision."""
        store, user = self.ctx.require(Action.REVIEW_RETENTION)
        with store.session() as session:
            rows = session.execute(
                select(RetentionLogRow, RetentionApprovalRow.decision, UserRow.full_name)
                .join(RetentionApprovalRow, RetentionApprovalRow.id == RetentionLogRow.approval_id)
                .join(UserRow, UserRow.id == RetentionLogRow.gallrad_by)
                .order_by(RetentionLogRow.id.desc())
            ).all()
            store.record(session, user_id=user.user_id, action="retention_log_viewed")
            return [
                LogRow(
                    label=f"Skyddat ärende ({r.case_reference})" if r.protected else r.case_number,
                    reference=r.case_reference,
                    intake_date=r.intake_date,
                    last_entry=r.last_entry,
                    due_on=r.due_on,
                    rule_set=r.rule_set,
                    decision=decision,
                    persons_deleted=r.persons_deleted,
                    rows_deleted=r.rows_deleted,
                    gallrad_utc=r.gallrad_utc,
                    gallrad_by=name,
                )
                for r, decision, name in rows
            ]

    def load_plan(self, data: bytes) -> RulesView:
        """The administrator loads the municipality's dokumenthanteringsplan (a JSON file)."""
        store, user = self.ctx.require(Action.CHANGE_SETTINGS)
        try:
            parsed = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise InvalidInput("Filen är inte en JSON-fil i UTF-8.") from exc
        plan = parse_plan(parsed)
        with store.session() as session:
            plan_id = new_id()
            session.add(
                RetentionPlanRow(
                    id=plan_id,
                    name=plan.name,
                    decision=plan.decision,
                    in_force_from=plan.in_force_from.isoformat(),
                    body=json.dumps(parsed, ensure_ascii=False, sort_keys=True),
                    loaded_utc=self._now(),
                    loaded_by=user.user_id,
                )
            )
            store.record(
                session, user_id=user.user_id, action="retention_plan_loaded", object_id=plan_id
            )
            return rules_view(rules_on(session, today_of(self.ctx)))

    def _now(self) -> str:
        return self.ctx.now().isoformat(timespec="seconds")
