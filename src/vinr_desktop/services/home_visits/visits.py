"""Hembesök as use cases: plan a visit from the case, start it (the visit mode narrows the
program to that one case, below the UI: `AppContext.visit`, checked by `AppContext.require`
and `case_access`), leave the mode with the password, and check out with a signed journal
entry. A started visit past its expected time back is overdue: the program is offline, so it
says what to do ("ring din kollega") rather than pretending to alert anyone.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import func, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import (
    AccessDenied,
    InvalidInput,
    TooManyAttempts,
    WrongPassword,
)
from vinr_desktop.domain.home_visits import (
    Consent,
    Incident,
    RiskQuestion,
    VisitOutcome,
    VisitPlanInput,
    VisitStatus,
    check_outcome,
    check_plan,
    is_overdue,
    outcome_entry_text,
    small_count_text,
)
from vinr_desktop.domain.journal import EntryKind, SourceKind
from vinr_desktop.domain.login_policy import seconds_to_wait
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext, VisitMode
from vinr_desktop.services.home_visits.rows import address_hidden, questions, view_of, visit_of
from vinr_desktop.services.journal.events import note_entry_date
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.home_visit_schema import HomeVisitRow
from vinr_desktop.store.slots import open_slot_private_key
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.home_visits import OpenVisit, VisitView
from vinr_desktop.views.time_text import clock_text

NOT_STARTED = "Hembesöket pågår inte."
ANOTHER_OPEN = "Ett annat hembesök pågår redan. Avsluta det först."
WRONG_PASSWORD = "Fel lösenord. Hembesöksläget är kvar."


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class HomeVisitService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @staticmethod
    def risk_questions() -> tuple[RiskQuestion, ...]:
        """The risk check's questions (resources/home_visits/risk_check.json)."""
        return questions()

    def address_hidden(self, case_id: str) -> bool:
        """True when the plan's address is "enligt överenskommelse" (a protected person)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return address_hidden(work)

    def visits(self, case_id: str) -> tuple[VisitView, ...]:
        """The case's visits, the latest first."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            rows = work.session.execute(
                select(HomeVisitRow)
                .where(HomeVisitRow.case_id == case_id)
                .order_by(HomeVisitRow.starts_utc.desc())
            ).scalars()
            return tuple(view_of(work, row, self.ctx.now()) for row in rows)

    def plan(self, case_id: str, plan: VisitPlanInput) -> str:
        """Save a planned visit; returns its id. A protected person's address is not kept."""
        check_plan(plan, questions())
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            hidden = address_hidden(work)
            row = HomeVisitRow(
                id=new_id(),
                case_id=case_id,
                author_id=work.user.user_id,
                status=VisitStatus.PLANNED.value,
                starts_utc=_utc(plan.starts_at),
                expected_back_utc=_utc(plan.expected_back_at),
                address="" if hidden else plan.address.strip(),
                purpose=plan.purpose.strip(),
                consent=plan.consent.value,
                unannounced_reason=(
                    plan.unannounced_reason.strip() if plan.consent is Consent.UNANNOUNCED else ""
                ),
                companions=plan.companions.strip(),
                risk_answers=json.dumps({k: v.value for k, v in plan.risk_answers.items()}),
                risk_note=plan.risk_note.strip(),
                created_utc=work.now_text,
            )
            work.session.add(row)
            work.record("home_visit_planned", object_id=row.id)
            return row.id

    def start(self, case_id: str, visit_id: str) -> OpenVisit:
        """Start the visit: from now on the program reaches only this case (hembesöksläge)."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = visit_of(work, visit_id)
            if row.author_id != work.user.user_id:
                raise InvalidInput("Bara den som planerade besöket kan påbörja det.")
            if row.status != VisitStatus.PLANNED.value:
                raise InvalidInput("Hembesöket är redan påbörjat eller avslutat.")
            other = work.session.execute(
                select(HomeVisitRow.id).where(
                    HomeVisitRow.author_id == work.user.user_id,
                    HomeVisitRow.status == VisitStatus.STARTED.value,
                )
            ).first()
            if other is not None:
                raise InvalidInput(ANOTHER_OPEN)
            row.status = VisitStatus.STARTED.value
            row.started_utc = work.now_text
            work.record("home_visit_started", object_id=row.id)
            opened = self._open(row)
            user_id = work.user.user_id
        self.ctx.visit = VisitMode(user_id, case_id, visit_id, opened.expected_back_utc)
        return opened

    def resume(self) -> OpenVisit | None:
        """The user's started visit, if any, with the visit mode on again (after a restart:
        a visit is never left by closing the program). None when no visit is going on."""
        store, user = self.ctx.require_store(), self.ctx.require_user()
        with store.session() as session:
            row = session.execute(
                select(HomeVisitRow)
                .where(
                    HomeVisitRow.author_id == user.user_id,
                    HomeVisitRow.status == VisitStatus.STARTED.value,
                    HomeVisitRow.mode_left_utc.is_(None),
                )
                .limit(1)
            ).scalar_one_or_none()
            if row is None:
                self._clear_mode(user.user_id)
                return None
            opened = self._open(row)
        self.ctx.visit = VisitMode(
            user.user_id, opened.case_id, opened.visit_id, opened.expected_back_utc
        )
        return opened

    def overdue(self) -> tuple[OpenVisit, ...]:
        """The user's started visits past their expected time back (shown at every login)."""
        store, user = self.ctx.require_store(), self.ctx.require_user()
        with store.session() as session:
            rows = session.execute(
                select(HomeVisitRow).where(
                    HomeVisitRow.author_id == user.user_id,
                    HomeVisitRow.status == VisitStatus.STARTED.value,
                )
            ).scalars()
            return tuple(v for v in (self._open(r) for r in rows) if v.overdue)

    def leave_mode(self, password: str) -> None:
        """Leave the visit mode: needs the user's password, proved against her key slot (full
        key derivation). The visit itself goes on until it is checked out, and is still shown
        as overdue past its expected time back."""
        store, user = self.ctx.require_store(), self.ctx.require_user()
        visit = self.ctx.visit
        if visit is None or visit.user_id != user.user_id:
            raise InvalidInput(NOT_STARTED)
        now = self.ctx.now()
        last = datetime.fromisoformat(visit.failures[-1]) if visit.failures else None
        wait = seconds_to_wait(len(visit.failures), last, now)
        if wait:
            raise TooManyAttempts(wait)
        slot = store.header.slot_by_id(user.user_id)
        if slot is None:
            raise AccessDenied()
        device = self.ctx.device.get(store.store_id) if slot.device_bound else None
        try:
            open_slot_private_key(store.store_id, slot, password, device)
        except WrongPassword:
            when = now.isoformat(timespec="seconds")
            self.ctx.visit = replace(visit, failures=(*visit.failures, when))
            with store.session() as session:
                store.record(
                    session,
                    user_id=user.user_id,
                    action="login_failed",
                    case_id=visit.case_id,
                    reason=when,  # as at the login
                )
            raise WrongPassword(WRONG_PASSWORD) from None
        with store.session() as session:
            row = session.get(HomeVisitRow, visit.visit_id)
            if row is not None and row.status == VisitStatus.STARTED.value:
                row.mode_left_utc = self.ctx.now().isoformat(timespec="seconds")
            store.record(
                session,
                user_id=user.user_id,
                action="home_visit_mode_left",
                case_id=visit.case_id,
                object_id=visit.visit_id,
            )
        self.ctx.visit = None

    def finish(self, case_id: str, visit_id: str, outcome: VisitOutcome) -> int:
        """Check out: the signed journal entry "Hembesök genomfört" (or not held) with who took
        part, the time back and any incident; the visit mode ends. Returns the entry's id."""
        check_outcome(outcome)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = visit_of(work, visit_id)
            if row.author_id != work.user.user_id:
                raise InvalidInput("Bara den som gjorde besöket kan avsluta det.")
            if row.status not in (VisitStatus.PLANNED.value, VisitStatus.STARTED.value):
                raise InvalidInput("Hembesöket är redan avslutat.")
            back_local = outcome.back_at.astimezone()
            event_date = back_local.date()
            if event_date > work.today:
                raise InvalidInput("Tiden tillbaka kan inte ligga i framtiden.")
            entry = JournalEntryRow(
                case_id=case_id,
                kind=EntryKind.HOME_VISIT.value,
                source=SourceKind.OWN_OBSERVATION.value,
                source_detail="",
                event_date=event_date.isoformat(),
                text=outcome_entry_text(outcome, clock_text(_utc(outcome.back_at))),
                author_id=work.user.user_id,
                created_utc=work.now_text,
                saved_utc=work.now_text,
                signed_utc=work.now_text,
                corrects_id=None,
                correction_reason="",
            )
            work.session.add(entry)
            work.session.flush()
            note_entry_date(work, entry.event_date)
            row.status = (VisitStatus.HELD if outcome.held else VisitStatus.NOT_HELD).value
            row.ended_utc = work.now_text
            row.back_utc = _utc(outcome.back_at)
            row.incident = outcome.incident.value
            row.journal_entry_id = entry.id
            work.record("journal_signed", object_id=str(entry.id))
            work.record("home_visit_finished", object_id=row.id)
            user_id, entry_id = work.user.user_id, entry.id
        self._clear_mode(user_id)
        return entry_id

    def incident_counts(self, year: int) -> dict[Incident, str]:
        """Hot and våld during the unit's home visits in `year`, for the arbetsmiljö follow-up
        (AFS): codes counted without case content, 1–4 as "< 5". Every case counts, protected
        ones included (DOMAIN.md: totals count everything)."""
        store, _user = self.ctx.require(Action.VIEW_STATISTICS)
        counts = dict.fromkeys((Incident.THREAT, Incident.VIOLENCE, Incident.OTHER), 0)
        with store.session() as session:
            rows = session.execute(
                select(HomeVisitRow.incident, func.count())
                .where(
                    HomeVisitRow.incident.in_([i.value for i in counts]),
                    HomeVisitRow.back_utc >= f"{year:04d}-01-01",
                    HomeVisitRow.back_utc < f"{year + 1:04d}-01-01",
                )
                .group_by(HomeVisitRow.incident)
            ).all()
        for code, count in rows:
            counts[Incident(str(code))] = int(count)
        return {incident: small_count_text(n) for incident, n in counts.items()}

    def open_visit(self) -> OpenVisit | None:
        """The visit mode's visit as the program holds it (no store read: the UI thread)."""
        visit, user = self.ctx.visit, self.ctx.user
        if visit is None or user is None or visit.user_id != user.user_id:
            return None
        overdue = is_overdue(VisitStatus.STARTED, visit.expected_back_utc, self.ctx.now())
        return OpenVisit(visit.visit_id, visit.case_id, visit.expected_back_utc, overdue)

    # -- helpers ---------------------------------------------------------------------------

    def _open(self, row: HomeVisitRow) -> OpenVisit:
        status = VisitStatus(row.status)
        return OpenVisit(
            row.id,
            row.case_id,
            row.expected_back_utc,
            is_overdue(status, row.expected_back_utc, self.ctx.now()),
        )

    def _clear_mode(self, user_id: str) -> None:
        if self.ctx.visit is not None and self.ctx.visit.user_id == user_id:
            self.ctx.visit = None
