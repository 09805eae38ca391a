"""Recording the smaller facts of a case: who was assigned it and when (and a reassignment),
the child heard, a samverkan or SIP meeting, a person's kön, a reminder about a
genomförandeplan; and reading them all back for the case's section.

Every call checks access through `case_work`, writes a journal line and its audit event in the
same transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from vinr_desktop.access.policy import Action, Role
from vinr_desktop.domain import case_facts as rules
from vinr_desktop.domain.case_facts import (
    HEARD_WAY_LABELS,
    MEETING_LABELS,
    NOT_HEARD_LABELS,
    SEX_LABELS,
    ChildHeardInput,
    HeardWay,
    MeetingKind,
    NotHeardReason,
    Sex,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.services.case_access import CaseWork, case_work
from vinr_desktop.services.casefacts.investigation import investigation_views
from vinr_desktop.services.cases.reports import report_states
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.care_schema import DecisionRow, ImplementationPlanRow
from vinr_desktop.store.case_schema import CasePersonRow, PersonRow
from vinr_desktop.store.facts_schema import (
    CaseAssignmentRow,
    ChildHeardRow,
    ImplementationReminderRow,
    MeetingRow,
)
from vinr_desktop.store.schema import UserRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.case_facts import (
    AssignmentView,
    CaseFactsView,
    ChildHeardView,
    MeetingView,
)

MAX_PARTICIPANTS = 1_000
_ROLE_ORDER = {role.value: n for n, role in enumerate(PersonRole)}  # the main person first


class CaseFactsService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def facts(self, case_id: str) -> CaseFactsView:
        """The case's investigations, assignments, child heard and meetings."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return _facts(work)

    def assign(self, case_id: str, user_id: str, on: date) -> None:
        """The handläggare `user_id` took over the case on `on`. Another than the responsible
        one is a reassignment: she becomes responsible. The responsible handläggare or the
        unit's manager may do it."""
        with case_work(
            self.ctx,
            case_id,
            Action.GRANT_CASE_ACCESS,
            refused="Bara ansvarig handläggare eller enhetschefen kan tilldela ärendet.",
        ) as work:
            rules.check_past(on, work.today, "Datumet")
            if on.isoformat() < work.case.intake_date:
                raise InvalidInput("Ärendet kan inte tilldelas före aktualiseringen.")
            target = work.session.get(UserRow, user_id)
            if target is None or not target.active or not _is_caseworker(target):
                raise InvalidInput("Välj en aktiv handläggare.")
            reassigned = user_id != work.case.responsible_user_id
            work.session.add(
                CaseAssignmentRow(
                    id=new_id(),
                    case_id=work.case.id,
                    user_id=user_id,
                    assigned_on=on.isoformat(),
                    assigned_by=work.user.user_id,
                    created_utc=work.now_text,
                )
            )
            if reassigned:
                work.case.responsible_user_id = user_id
                text = f"Ärendet överlämnat till {target.full_name} från {on.isoformat()}."
            else:
                text = f"Ärendet tilldelat {target.full_name} {on.isoformat()}."
            add_event_entry(work, text, on)
            work.record("case_reassigned" if reassigned else "case_assigned", object_id=user_id)

    def record_child_heard(self, case_id: str, value: ChildHeardInput) -> None:
        """The child heard (date and way), or why not and how its situation was learnt."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            checked = rules.check_child_heard(value, work.today)
            person = _person_in_case(work, checked.person_id)
            if not (work.case.is_child_case or _role(work, person.id) is PersonRole.CHILD):
                raise InvalidInput("Välj ett barn i ärendet.")
            work.session.add(
                ChildHeardRow(
                    id=new_id(),
                    case_id=work.case.id,
                    person_id=person.id,
                    heard_on=checked.on.isoformat(),
                    heard=checked.heard,
                    way=checked.way.value if checked.way else "",
                    reason=checked.reason.value if checked.reason else "",
                    learnt_otherwise=checked.learnt_otherwise,
                    note=checked.note,
                    recorded_by=work.user.user_id,
                    recorded_utc=work.now_text,
                )
            )
            text = f"{person.first_name} {person.last_name}: {rules.child_heard_words(checked)}"
            if checked.note:
                text += f"\n{checked.note}"
            add_event_entry(work, text, checked.on)
            work.record("child_heard_recorded", object_id=person.id)

    def record_meeting(
        self, case_id: str, kind: MeetingKind, on: date, participants: str, note: str
    ) -> None:
        """A samverkan or SIP meeting held with other actors."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            rules.check_past(on, work.today, "Mötesdatumet")
            who = rules.check_note(participants, "Deltagarna", required=True)
            if len(who) > MAX_PARTICIPANTS:
                raise InvalidInput(f"Deltagarna är för långa (högst {MAX_PARTICIPANTS} tecken).")
            cleaned = rules.check_note(note, "Anteckningen")
            row = MeetingRow(
                id=new_id(),
                case_id=work.case.id,
                kind=kind.value,
                held_on=on.isoformat(),
                participants=who,
                note=cleaned,
                recorded_by=work.user.user_id,
                recorded_utc=work.now_text,
            )
            work.session.add(row)
            text = f"{MEETING_LABELS[kind]} {on.isoformat()}. Deltagare: {who}."
            if cleaned:
                text += f"\n{cleaned}"
            add_event_entry(work, text, on)
            work.record("meeting_recorded", object_id=kind.value)

    def set_sex(self, case_id: str, person_id: str, sex: Sex) -> None:
        """Record a person's kön as the handläggare knows it (never from the number)."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            person = _person_in_case(work, person_id)
            if person.sex == sex.value:
                return
            person.sex = sex.value
            person.updated_utc = work.now_text
            add_event_entry(
                work,
                f"Kön registrerat för {person.first_name} {person.last_name}: "
                f"{SEX_LABELS[sex].lower()}.",
            )
            work.record("person_sex_set", object_id=person.id)

    def sex_of(self, case_id: str, person_id: str) -> Sex:
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return Sex(_person_in_case(work, person_id).sex)

    def record_reminder(self, case_id: str, decision_id: str, on: date, how: str) -> None:
        """A reminder to the provider about a requested genomförandeplan not yet received;
        the first request date stays as it was."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            add_reminder(work, decision_id, on, how)


def add_reminder(work: CaseWork, decision_id: str, on: date, how: str) -> None:
    """The reminder row, its journal line and audit event (also used by a second request)."""
    decision = work.session.get(DecisionRow, decision_id)
    plan = work.session.get(ImplementationPlanRow, decision_id)
    if decision is None or decision.case_id != work.case.id:
        raise InvalidInput("Beslutet finns inte i ärendet.")
    if plan is None or plan.requested_on is None:
        raise InvalidInput("Genomförandeplanen har inte begärts än.")
    if plan.received_on is not None:
        raise InvalidInput("Genomförandeplanen är redan mottagen.")
    rules.check_past(on, work.today, "Datumet")
    if on.isoformat() < plan.requested_on:
        raise InvalidInput("Påminnelsen kan inte ligga före begäran.")
    cleaned = rules.check_note(how, "Hur påminnelsen gjordes", required=True)
    work.session.add(
        ImplementationReminderRow(
            id=new_id(),
            decision_id=decision_id,
            case_id=work.case.id,
            reminded_on=on.isoformat(),
            how=cleaned,
            recorded_by=work.user.user_id,
            recorded_utc=work.now_text,
        )
    )
    add_event_entry(
        work,
        f"Påminnelse om genomförandeplan {on.isoformat()} (begärd {plan.requested_on}): {cleaned}.",
        on,
    )
    work.record("implementation_plan_reminded", object_id=decision_id)


def _person_in_case(work: CaseWork, person_id: str) -> PersonRow:
    if _role(work, person_id) is None:
        raise InvalidInput("Personen finns inte i ärendet.")
    person = work.session.get(PersonRow, person_id)
    assert person is not None
    return person


def _role(work: CaseWork, person_id: str) -> PersonRole | None:
    role = work.session.execute(
        select(CasePersonRow.role).where(
            CasePersonRow.case_id == work.case.id, CasePersonRow.person_id == person_id
        )
    ).scalar_one_or_none()
    return PersonRole(role) if role else None


def _facts(work: CaseWork) -> CaseFactsView:
    session, case_id = work.session, work.case.id
    names = {i: n for i, n in session.execute(select(UserRow.id, UserRow.full_name))}
    assignments = tuple(
        AssignmentView(r.assigned_on, names.get(r.user_id, ""), names.get(r.assigned_by, ""))
        for r in session.execute(
            select(CaseAssignmentRow)
            .where(CaseAssignmentRow.case_id == case_id)
            .order_by(CaseAssignmentRow.assigned_on, CaseAssignmentRow.created_utc)
        ).scalars()
    )
    persons = {
        p.id: p
        for p in session.execute(
            select(PersonRow)
            .join(CasePersonRow, CasePersonRow.person_id == PersonRow.id)
            .where(CasePersonRow.case_id == case_id)
        ).scalars()
    }
    heard = tuple(
        ChildHeardView(_name(persons.get(r.person_id)), r.heard_on, _heard_text(r))
        for r in session.execute(
            select(ChildHeardRow)
            .where(ChildHeardRow.case_id == case_id)
            .order_by(ChildHeardRow.heard_on.desc())
        ).scalars()
    )
    meetings = tuple(
        MeetingView(MEETING_LABELS[MeetingKind(r.kind)], r.held_on, r.participants, r.note)
        for r in session.execute(
            select(MeetingRow)
            .where(MeetingRow.case_id == case_id)
            .order_by(MeetingRow.held_on.desc())
        ).scalars()
    )
    roles = dict(
        session.execute(
            select(CasePersonRow.person_id, CasePersonRow.role).where(
                CasePersonRow.case_id == case_id
            )
        ).all()
    )
    children = tuple(
        (pid, _name(p))
        for pid, p in persons.items()
        if roles.get(pid) == PersonRole.CHILD.value
        or (work.case.is_child_case and roles.get(pid) == PersonRole.MAIN.value)
    )
    colleagues = tuple(
        (u.id, u.full_name)
        for u in session.execute(select(UserRow).order_by(UserRow.full_name)).scalars()
        if u.active and _is_caseworker(u)
    )
    return CaseFactsView(
        is_child_case=work.case.is_child_case,
        investigations=investigation_views(work),
        assignments=assignments,
        child_heard=heard,
        meetings=meetings,
        children=children,
        colleagues=colleagues,
        writable=work.may(Action.WRITE_CASE) and work.case.status != "closed",
        persons=tuple(
            (pid, _name(p), p.sex)
            for pid, p in sorted(
                persons.items(), key=lambda item: (_ROLE_ORDER[roles[item[0]]], _name(item[1]))
            )
        ),
        from_report=work.case.is_child_case and bool(report_states(session, case_id)),
        responsible_id=work.case.responsible_user_id,
    )


def _is_caseworker(user: UserRow) -> bool:
    return Role.CASEWORKER.value in user.roles.split(",")


def _name(person: PersonRow | None) -> str:
    return f"{person.first_name} {person.last_name}".strip() if person else ""


def _heard_text(row: ChildHeardRow) -> str:
    if row.heard:
        return HEARD_WAY_LABELS[HeardWay(row.way)]
    reason = NOT_HEARD_LABELS[NotHeardReason(row.reason)].lower()
    return f"Inte hörd ({reason}); situationen känd genom: {row.learnt_otherwise}"
