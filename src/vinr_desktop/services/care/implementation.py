"""Genomförandeplan tracking: requested from the provider (date, how), the reminder date from
the setting, received (registered as a document, or its content typed in). For "egen insats"
the handläggare writes it here herself. Each step is journalled and audited.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import delete

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.care.common import (
    care_settings,
    decision_view,
    implementation_view,
    iso,
    signed_insats,
    user_names,
)
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.casefacts.records import add_reminder
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.care_schema import ImplementationActivityRow, ImplementationPlanRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.care import (
    ImplementationPlanInput,
    ImplementationPlanView,
    ReceivedAs,
)

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

MAX_HOW = 500


class ImplementationPlanService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def get(self, case_id: str, decision_id: str) -> ImplementationPlanView:
        """Where the insats's genomförandeplan stands (status, reminder date, content)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            decision = signed_insats(work, decision_id)
            names = user_names(work.session)
            view = decision_view(work.session, work.viewer, decision, names, work.today)
            row = work.session.get(ImplementationPlanRow, decision_id)
            reminder = care_settings(work.session).reminder_days
            return implementation_view(work.session, view, row, names, reminder, work.today)

    def record_request(self, case_id: str, decision_id: str, requested_on: date, how: str) -> None:
        """The genomförandeplan was requested from the provider on `requested_on` (how: by
        letter, e-mail, at the meeting …). A new request is a reminder: its own dated row, the
        first request date stays."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            decision = signed_insats(work, decision_id)
            view = decision_view(
                work.session, work.viewer, decision, user_names(work.session), work.today
            )
            if view.provider_own:
                raise InvalidInput("Vid egen insats skriver du genomförandeplanen själv.")
            if requested_on > work.today:
                raise InvalidInput("Datumet kan inte ligga i framtiden.")
            cleaned = how.strip()
            if not cleaned:
                raise InvalidInput("Skriv hur genomförandeplanen begärdes.")
            if len(cleaned) > MAX_HOW:
                raise InvalidInput(f"Texten får vara högst {MAX_HOW} tecken.")
            row = _row(work, decision_id)
            if row.requested_on is not None:  # the first request date stays: a reminder
                add_reminder(work, decision_id, requested_on, cleaned)
                return
            row.requested_on = requested_on.isoformat()
            row.requested_how = cleaned
            add_event_entry(
                work,
                f"Genomförandeplan begärd från {view.provider_name} ({view.insats_label}): "
                f"{cleaned}.",
                requested_on,
            )
            work.record("implementation_plan_requested", object_id=decision_id)

    def record_received(
        self, case_id: str, decision_id: str, plan: ImplementationPlanInput
    ) -> None:
        """The genomförandeplan received (or, for egen insats, written): replaces what was
        registered before."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            decision = signed_insats(work, decision_id)
            view = decision_view(
                work.session, work.viewer, decision, user_names(work.session), work.today
            )
            _check(plan, work.today, own=view.provider_own)
            row = _row(work, decision_id)
            first = row.received_on is None
            row.received_on = plan.received_on.isoformat()
            row.received_as = plan.received_as.value
            row.document_note = plan.document_note.strip()
            row.participation = plan.participation.strip()
            row.adopted_on = iso(plan.adopted_on)
            row.follow_up = plan.follow_up.strip()
            work.session.flush()
            work.session.execute(
                delete(ImplementationActivityRow).where(
                    ImplementationActivityRow.decision_id == decision_id
                )
            )
            activities = [a for a in plan.activities if a.activity.strip()]
            for position, item in enumerate(activities, 1):
                work.session.add(
                    ImplementationActivityRow(
                        id=new_id(),
                        decision_id=decision_id,
                        position=position,
                        activity=item.activity.strip(),
                        goal=item.goal.strip(),
                        who=item.who.strip(),
                        when_text=item.when.strip(),
                        how=item.how.strip(),
                    )
                )
            if view.provider_own:
                what = "Genomförandeplan skriven (egen insats)"
            elif plan.received_as is ReceivedAs.DOCUMENT:
                what = f"Genomförandeplan mottagen från {view.provider_name} som dokument"
            else:
                what = f"Genomförandeplan mottagen från {view.provider_name}"
            text = f"{what} ({view.insats_label})" + ("." if first else ", ny version.")
            if plan.document_note.strip():
                text += f"\n{plan.document_note.strip()}"
            add_event_entry(work, text, plan.received_on)
            work.record("implementation_plan_received", object_id=decision_id)


def _row(work: CaseWork, decision_id: str) -> ImplementationPlanRow:
    row = work.session.get(ImplementationPlanRow, decision_id)
    if row is None:
        row = ImplementationPlanRow(
            decision_id=decision_id,
            case_id=work.case.id,
            updated_by=work.user.user_id,
            updated_utc=work.now_text,
        )
        work.session.add(row)
    row.updated_by = work.user.user_id
    row.updated_utc = work.now_text
    return row


def _check(plan: ImplementationPlanInput, today: date, *, own: bool) -> None:
    if plan.received_on > today:
        raise InvalidInput("Datumet kan inte ligga i framtiden.")
    if plan.adopted_on is not None and plan.adopted_on > today:
        raise InvalidInput("Datumet då planen fastställdes kan inte ligga i framtiden.")
    for text, what in (
        (plan.document_note, "Dokumentbeskrivningen"),
        (plan.participation, "Klientens delaktighet"),
        (plan.follow_up, "Uppföljningen"),
    ):
        check_text(text, what)
    for item in plan.activities:
        for text in (item.activity, item.goal, item.who, item.when, item.how):
            check_text(text, "Aktiviteten")
    has_activities = any(a.activity.strip() for a in plan.activities)
    if plan.received_as is ReceivedAs.DOCUMENT and not own:
        if not plan.document_note.strip():
            raise InvalidInput("Beskriv dokumentet som togs emot (till exempel dess datum).")
    elif not has_activities:
        raise InvalidInput("Skriv minst en aktivitet i genomförandeplanen.")
