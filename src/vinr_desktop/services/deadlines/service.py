"""Bevakningar: every deadline due or late across the cases the user may open, grouped for the
morning page. The unit's manager sees the unit; a protected case she may not open is counted,
never listed."""

from __future__ import annotations

from sqlalchemy import and_, not_, select

from vinr_desktop.access.policy import Action, Role
from vinr_desktop.domain.deadline_rules import Bucket, all_deadlines, bucket
from vinr_desktop.domain.persons import PersonRole, ProtectionLevel, is_protected, masked_name
from vinr_desktop.services.case_access import viewer_of, visible_cases_clause
from vinr_desktop.services.cases.reports import report_rules
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.deadlines.facts import deadline_facts, deadline_settings
from vinr_desktop.services.deadlines.record_facts import Scope
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, PersonRow
from vinr_desktop.views.deadlines import DeadlineLine, DeadlinePage

_PROTECTED = frozenset(level.value for level in ProtectionLevel if is_protected(level))


class DeadlineService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def page(self) -> DeadlinePage:
        """The deadlines of the user's visible cases, late first, then by date."""
        store, user = self.ctx.require(Action.VIEW_DEADLINES)
        viewer = viewer_of(self.ctx, user)
        today = viewer.today
        with store.session() as session:
            visible = visible_cases_clause(viewer)
            names = {
                case_id: (number, first, last, level)
                for case_id, number, first, last, level in session.execute(
                    select(
                        CaseRow.id,
                        CaseRow.number,
                        PersonRow.first_name,
                        PersonRow.last_name,
                        PersonRow.protection_level,
                    )
                    .join(
                        CasePersonRow,
                        (CasePersonRow.case_id == CaseRow.id)
                        & (CasePersonRow.role == PersonRole.MAIN.value),
                    )
                    .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
                    .where(visible)
                )
            }
            config, rules = deadline_settings(session), report_rules()
            manager = Role.MANAGER in user.roles
            # A manager watches the unit's drafts too; a handläggare her own private ones.
            scope = Scope(user.user_id, None if manager else user.user_id, today, viewer.now_utc)
            lines = []
            for facts in deadline_facts(session, visible, scope, config):
                number, first, last, level = names[facts.case_id]
                person = (
                    masked_name(first, last) if level in _PROTECTED else f"{first} {last}".strip()
                )
                for deadline in all_deadlines(facts, rules, today, config):
                    lines.append(
                        DeadlineLine(
                            case_id=facts.case_id,
                            number=number,
                            main_person=person,
                            text=deadline.text,
                            due_on=deadline.due_on.isoformat(),
                            bucket=bucket(deadline.due_on, today),
                            tab=deadline.tab,
                            detail=deadline.detail,
                        )
                    )
            hidden: dict[Bucket, int] = {}
            if manager:  # the unit's protected cases, as counts only
                unseen = and_(CaseRow.protected, not_(visible))
                for facts in deadline_facts(session, unseen, scope, config):
                    for deadline in all_deadlines(facts, rules, today, config):
                        which = bucket(deadline.due_on, today)
                        hidden[which] = hidden.get(which, 0) + 1
        lines.sort(key=lambda line: (line.due_on, line.number, line.text))
        return DeadlinePage(tuple(lines), hidden)
