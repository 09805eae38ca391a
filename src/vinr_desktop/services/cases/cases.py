"""Cases: register, list, open (audited before anything is shown), move through the statuses,
record the child steps, markers, close and reopen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from vinr_desktop.access.policy import Action, Relation
from vinr_desktop.domain import cases as rules
from vinr_desktop.domain import markers
from vinr_desktop.domain.cases import (
    INTAKE_LABELS,
    STATUS_LABELS,
    CaseStatus,
    ChildSteps,
    ClosingReason,
    IntakeKind,
    ReporterChoice,
)
from vinr_desktop.domain.child_reports import child_steps
from vinr_desktop.domain.decisions import GRANTING, OUTCOME_LABELS, DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.persons import PersonRole, ProtectionLevel, is_protected, masked_name
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.resources import closing_reasons_data, reporter_kinds_data
from vinr_desktop.services.case_access import (
    CaseWork,
    Viewer,
    active_shares,
    case_work,
    emergency_case_ids,
    shared_case_ids,
    viewer_of,
    visible_cases_clause,
)
from vinr_desktop.services.cases.investigation_record import (
    end_investigation,
    has_investigation,
    running_investigation,
)
from vinr_desktop.services.cases.persons import (
    contact_of,
    identity_display,
    insert_person,
    link,
    validated_values,
    visible_person,
)
from vinr_desktop.services.cases.protection import followed_levels
from vinr_desktop.services.cases.reports import add_report_row, report_states, report_views
from vinr_desktop.services.cases.sharing import running_emergency
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry, today_for
from vinr_desktop.services.risk.history import risk_flags
from vinr_desktop.store.care_schema import DecisionRow
from vinr_desktop.store.case_schema import (
    CaseMarkerRow,
    CasePersonRow,
    CaseRow,
    JournalEntryRow,
    PersonRow,
)
from vinr_desktop.store.schema import SettingRow, UserRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.cases import (
    CaseDetails,
    CaseListRow,
    CasePerson,
    CaseRef,
    NewCase,
    OtherCase,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.access.session import CurrentUser
    from vinr_desktop.store.unlocked import Store

CASE_PREFIX_SETTING = "case_number_prefix"
DEFAULT_CASE_PREFIX = "VINR"


class CaseScope(StrEnum):
    MINE = "mine"  # the user is responsible, or it is shared with her, or nödåtkomst runs
    ALL_VISIBLE = "all"  # every case the user may open


def reporter_kinds() -> tuple[ReporterChoice, ...]:
    """The kinds of reporter (resources/reporter_kinds.json), in the order offered."""
    return rules.parse_reporter_kinds(reporter_kinds_data())


def reporter_words(code: str, text: str) -> str:
    """The reporter of a stored case in words; a code the file no longer has shows its text."""
    choice = rules.reporter_choice(reporter_kinds(), code)
    return choice.words(text) if choice is not None else text


def closing_reasons() -> tuple[ClosingReason, ...]:
    return rules.parse_closing_reasons(closing_reasons_data())


class CaseService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @staticmethod
    def reporter_kinds() -> tuple[ReporterChoice, ...]:
        """Who can have reported a case, for the new-case form (data, not case content)."""
        return reporter_kinds()

    # -- register ------------------------------------------------------------------------

    def register(self, new: NewCase) -> CaseRef:
        """Register a case (aktualisering) with its main person and first markers."""
        store, user = self.ctx.require(Action.CREATE_CASE)
        today = today_for(self.ctx)
        now = self.ctx.now().isoformat(timespec="seconds")
        reporter = _check_intake(new, today)
        for code in new.markers:
            markers.marker(code)  # unknown codes are a bug, not input
        viewer = viewer_of(self.ctx, user)
        with store.session() as session:
            if new.main_person_id is not None:
                person = visible_person(session, viewer, new.main_person_id)
                if person is None:
                    raise InvalidInput("Personen finns inte i något ärende du har tillgång till.")
            elif new.main_person is not None:
                values = validated_values(new.main_person, today)
                person = insert_person(session, viewer, values, now)
            else:
                raise InvalidInput("Ange ärendets huvudperson.")
            prefix_row = session.get(SettingRow, CASE_PREFIX_SETTING)
            prefix = prefix_row.value if prefix_row is not None else DEFAULT_CASE_PREFIX
            year = today.year
            last = session.execute(
                select(func.max(CaseRow.running)).where(CaseRow.year == year)
            ).scalar_one()
            running = (last or 0) + 1
            birth = date.fromisoformat(person.birth_date) if person.birth_date else None
            case = CaseRow(
                id=new_id(),
                number=rules.case_number(prefix, year, running),
                year=year,
                running=running,
                status=CaseStatus.INTAKE.value,
                intake_kind=new.intake_kind.value,
                intake_date=new.intake_date.isoformat(),
                reporter_kind=reporter[0],
                reporter_text=reporter[1],
                responsible_user_id=user.user_id,
                is_child_case=rules.is_child(birth, new.intake_date),
                protected=False,
                protection_note="",
                preliminary_note="",
                closing_detail="",
                closing_text="",
                created_utc=now,
                updated_utc=now,
            )
            session.add(case)
            session.flush()
            link(session, case.id, person.id, PersonRole.MAIN, now)
            for code in dict.fromkeys(new.markers):
                session.add(
                    CaseMarkerRow(case_id=case.id, code=code, added_utc=now, added_by=user.user_id)
                )
            store.record(session, user_id=user.user_id, action="case_registered", case_id=case.id)
            work = _work_for(session, store, user, case, now, today)
            kind = INTAKE_LABELS[new.intake_kind].lower()
            intake = f"Ärendet aktualiserat: {kind} {new.intake_date.isoformat()}."
            add_event_entry(work, intake, today)
            if new.intake_kind is IntakeKind.REPORT:
                add_report_row(work, new.intake_date, reporter[0], reporter[1], False)
            for code in dict.fromkeys(new.markers):
                add_event_entry(work, markers.added_text(code), today)
            return CaseRef(case.id, case.number)

    # -- lists ---------------------------------------------------------------------------

    def list_cases(self, scope: CaseScope = CaseScope.MINE) -> list[CaseListRow]:
        """Mina ärenden (or every case the user may open), newest activity first."""
        store, user = self.ctx.require(Action.LIST_CASES)
        viewer = viewer_of(self.ctx, user)
        with store.session() as session:
            where = None
            if scope is CaseScope.MINE:
                where = (
                    (CaseRow.responsible_user_id == user.user_id)
                    | CaseRow.id.in_(shared_case_ids(viewer))
                    | CaseRow.id.in_(emergency_case_ids(viewer))
                )
            return case_rows(session, viewer, where)

    # -- one case ------------------------------------------------------------------------

    def open_case(self, case_id: str) -> CaseDetails:
        """Open a case: the audit event is committed before any of its data is read."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            work.record("case_opened", object_id=work.relation.value)
        return self.details(case_id)

    def details(self, case_id: str) -> CaseDetails:
        """The case as it is now, for a view that has already opened it (not audited again)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return _details(work)

    def status_after_decision(self, case_id: str, decision_id: str) -> CaseStatus | None:
        """The status a signed decision of the case implies, if the case is not there yet
        (e.g. "Aktualiserad" after an insats was granted); None when nothing is to be asked."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return _decision_target(work, decision_id)

    def advance_after_decision(self, case_id: str, decision_id: str) -> CaseStatus | None:
        """Move the case forward to where the signed decision says it has come, step by step
        by the usual rules (a child case needs its two first assessments before utredning),
        with one journal entry naming the decision. Returns the new status (None: no move)."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            target = _decision_target(work, decision_id)
            if target is None:
                return None
            case = work.case
            current = CaseStatus(case.status)
            child = _child_steps(work)
            step = current
            for following in rules.steps_to(current, target):
                rules.check_transition(step, following, child)
                step = following
            if target is CaseStatus.INVESTIGATION and not has_investigation(work.session, case.id):
                raise InvalidInput(
                    "Registrera först att utredningen inleddes (Utredning inleds… under "
                    "Översikt), med startdatum och metod."
                )
            case.status = target.value
            case.updated_utc = work.now_text
            add_event_entry(
                work,
                f"Status ändrad: {STATUS_LABELS[current]} → {STATUS_LABELS[target]}, "
                f"efter {_decision_words(work, decision_id)}.",
            )
            work.record("case_status_changed", object_id=target.value)
            return target

    def advance_status(self, case_id: str, target: CaseStatus) -> None:
        """Move the case one step forward by hand. "Utredning" comes only with the
        investigation record (InvestigationService.start moves the status itself), and a case
        leaves it for "Beslut/insats pågår" only once the investigation has ended."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            case = work.case
            current = CaseStatus(case.status)
            rules.check_transition(current, target, _child_steps(work))
            running = running_investigation(work.session, case.id)
            if target is CaseStatus.INVESTIGATION and running is None:
                raise InvalidInput(
                    "En utredning inleds med startdatum, vad som inledde den och metod "
                    "(Utredning inleds…)."
                )
            if target is CaseStatus.INTERVENTION and running is not None:
                raise InvalidInput(
                    "Utredningen pågår. Avsluta den med datum och utfall innan ärendet går "
                    "vidare till beslut/insats."
                )
            case.status = target.value
            case.updated_utc = work.now_text
            add_event_entry(
                work, f"Status ändrad: {STATUS_LABELS[current]} → {STATUS_LABELS[target]}."
            )
            work.record("case_status_changed", object_id=target.value)

    def set_marker(self, case_id: str, code: str, present: bool) -> bool:
        """Add or remove one marker; journalled. Returns False if nothing changed."""
        markers.marker(code)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            return _set_marker(work, code, present)

    def set_markers(self, case_id: str, codes: Iterable[str]) -> int:
        """Make the case's markers exactly `codes`, in one transaction; each change is its own
        journal line."""
        wanted = set(codes)
        for code in wanted:
            markers.marker(code)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            current = set(
                work.session.execute(
                    select(CaseMarkerRow.code).where(CaseMarkerRow.case_id == case_id)
                ).scalars()
            )
            added = sorted(wanted - current, key=_marker_order)
            removed = sorted(current - wanted, key=_marker_order)
            for code in added:
                _set_marker(work, code, True)
            for code in removed:
                _set_marker(work, code, False)
            return len(added) + len(removed)

    def close(
        self,
        case_id: str,
        reason_code: str,
        detail: str,
        text: str,
        investigation_outcome: str = "",
    ) -> None:
        """Close with a reason from the list and a text; the case becomes read-only. An
        investigation still running ends the same day with `investigation_outcome` (required
        then: a closed case never keeps an open investigation)."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            reason = rules.check_closing(closing_reasons(), reason_code, text)
            rules.check_text(detail, "Uppgiften")
            case = work.case
            running = running_investigation(work.session, case.id)
            if running is not None:
                if not investigation_outcome:
                    raise InvalidInput(
                        "Utredningen i ärendet pågår. Ange hur den avslutades innan ärendet "
                        "avslutas."
                    )
                end_investigation(work, running, work.today, investigation_outcome)
            case.status_before_close = case.status
            case.status = CaseStatus.CLOSED.value
            case.closed_on = work.today.isoformat()
            case.closing_reason = reason.code
            case.closing_detail = detail.strip() if reason.detail_label else ""
            case.closing_text = text.strip()
            line = f"Ärendet avslutat. Orsak: {reason.label}"
            if case.closing_detail:
                line += f" ({reason.detail_label.lower()}: {case.closing_detail})"
            add_event_entry(work, f"{line}.\n{case.closing_text}")
            work.record("case_closed", object_id=reason.code)

    def reopen(self, case_id: str, reason: str) -> None:
        with case_work(self.ctx, case_id, Action.WRITE_CASE, allow_closed=True) as work:
            case = work.case
            if case.status != CaseStatus.CLOSED.value:
                raise InvalidInput("Ärendet är inte avslutat.")
            cleaned = rules.check_reason(reason, "Skälet till att ärendet återöppnas")
            case.status = case.status_before_close or CaseStatus.INVESTIGATION.value
            case.status_before_close = None
            case.closed_on = None
            case.closing_reason = None
            case.closing_detail = ""
            case.closing_text = ""
            add_event_entry(work, f"Ärendet återöppnat. Skäl: {cleaned}")
            work.record("case_reopened")


# -- helpers ------------------------------------------------------------------------------


def _set_marker(work: CaseWork, code: str, present: bool) -> bool:
    row = work.session.get(CaseMarkerRow, (work.case.id, code))
    if present == (row is not None):
        return False
    if present:
        work.session.add(
            CaseMarkerRow(
                case_id=work.case.id, code=code, added_utc=work.now_text, added_by=work.user.user_id
            )
        )
        add_event_entry(work, markers.added_text(code))
        work.record("marker_added", object_id=code)
    else:
        work.session.delete(row)
        add_event_entry(work, markers.removed_text(code))
        work.record("marker_removed", object_id=code)
    return True


def case_rows(session: Session, viewer: Viewer, where: Any = None) -> list[CaseListRow]:
    """List rows for the cases the user may see (and that match `where`), newest first.

    One query brings each case with its main person, its markers (joined into one text) and
    the user's drafts; with the shares, nödåtkomst and risk flags that makes four round trips
    however long the list (1,000 cases in about 10 ms on a 2-core laptop).
    """
    user = viewer.user
    clause = visible_cases_clause(viewer)
    if where is not None:
        clause = clause & where
    drafts = (
        select(JournalEntryRow.case_id, func.count().label("n"))
        .where(JournalEntryRow.author_id == user.user_id, JournalEntryRow.signed_utc.is_(None))
        .group_by(JournalEntryRow.case_id)
        .subquery()
    )
    marker_codes = (
        select(func.group_concat(CaseMarkerRow.code, ","))
        .where(CaseMarkerRow.case_id == CaseRow.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            CaseRow.id,
            CaseRow.number,
            CaseRow.status,
            CaseRow.protected,
            CaseRow.is_child_case,
            CaseRow.intake_date,
            CaseRow.last_entry_date,
            CaseRow.responsible_user_id,
            UserRow.full_name,
            PersonRow.first_name,
            PersonRow.last_name,
            PersonRow.protection_level,
            func.coalesce(drafts.c.n, 0),
            marker_codes,
            PersonRow.id,
        )
        .join(UserRow, UserRow.id == CaseRow.responsible_user_id)
        .join(
            CasePersonRow,
            (CasePersonRow.case_id == CaseRow.id) & (CasePersonRow.role == PersonRole.MAIN.value),
        )
        .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
        .outerjoin(drafts, drafts.c.case_id == CaseRow.id)
        .where(clause)
    ).all()
    shared = _shared_levels(session, viewer)
    emergency = set(session.execute(emergency_case_ids(viewer)).scalars())
    flagged = risk_flags(session, [r[0] for r in rows], viewer.today)
    followers = followed_levels(session)  # shown by initials like the protected they live with
    result = [
        CaseListRow(
            case_id=r[0],
            number=r[1],
            status=_STATUS[r[2]],
            main_person=(
                masked_name(r[9], r[10])
                if r[11] in _PROTECTED or r[14] in followers
                else f"{r[9]} {r[10]}".strip()
            ),
            protected=bool(r[3]),
            is_child_case=bool(r[4]),
            intake_date=r[5],
            last_entry_date=r[6],
            open_drafts=int(r[12]),
            responsible=r[8],
            own=r[7] == user.user_id,
            access=_list_access(r[0], r[7] == user.user_id, shared, emergency),
            markers=tuple(sorted(r[13].split(","), key=_marker_order)) if r[13] else (),
            risk_flag=r[0] in flagged,
        )
        for r in rows
    ]
    result.sort(key=lambda c: (c.last_entry_date or c.intake_date, c.number), reverse=True)
    return result


_STATUS = {status.value: status for status in CaseStatus}
_PROTECTED = frozenset(level.value for level in ProtectionLevel if is_protected(level))


def _shared_levels(session: Session, viewer: Viewer) -> dict[str, str]:
    """Case id → the best share level the user holds right now."""
    levels: dict[str, str] = {}
    for case_id, level in session.execute(active_shares(viewer)):
        if levels.get(case_id) != ShareLevel.WRITE.value:
            levels[case_id] = level
    return levels


def _list_access(case_id: str, own: bool, shared: dict[str, str], emergency: set[str]) -> Relation:
    if own:
        return Relation.OWN_CASE
    if case_id in shared:
        write = shared[case_id] == ShareLevel.WRITE.value
        return Relation.SHARED_WRITE if write else Relation.SHARED_READ
    if case_id in emergency:
        return Relation.EMERGENCY
    return Relation.UNIT_CASE


_MARKER_ORDER = {m.code: i for i, m in enumerate(markers.MARKERS)}


def _marker_order(code: str) -> int:
    return _MARKER_ORDER.get(code, len(_MARKER_ORDER))


def _signed_decision(work: CaseWork, decision_id: str) -> DecisionRow:
    row = work.session.get(DecisionRow, decision_id)
    if row is None or row.case_id != work.case.id or row.signed_utc is None:
        raise InvalidInput("Beslutet finns inte eller är inte signerat.")
    return row


def _decision_target(work: CaseWork, decision_id: str) -> CaseStatus | None:
    row = _signed_decision(work, decision_id)
    granting = DecisionOutcome(row.outcome) in GRANTING
    return rules.status_after_decision(CaseStatus(work.case.status), granting)


def _decision_words(work: CaseWork, decision_id: str) -> str:
    """'beslut 2026-02-25: beviljat' for the journal line."""
    row = _signed_decision(work, decision_id)
    return f"beslut {row.decided_on}: {OUTCOME_LABELS[DecisionOutcome(row.outcome)].lower()}"


def _check_date(value: date, today: date, what: str) -> None:
    if value > today:
        raise InvalidInput(f"{what} kan inte ligga i framtiden.")


def _check_intake(new: NewCase, today: date) -> tuple[str, str]:
    """The reporter's (code, text) once the intake is checked."""
    _check_date(new.intake_date, today, "Aktualiseringsdatumet")
    if new.intake_date.year < today.year - 10:
        raise InvalidInput("Aktualiseringsdatumet ligger för långt tillbaka.")
    return rules.check_reporter(
        reporter_kinds(), new.intake_kind, new.reporter_kind, new.reporter_text
    )


def _work_for(
    session: Session, store: Store, user: CurrentUser, case: CaseRow, now: str, today: date
) -> CaseWork:
    """The new case as work in the registering transaction (the user is responsible)."""
    return CaseWork(session, store, user, case, (Relation.OWN_CASE,), now, today)


def _child_steps(work: CaseWork) -> ChildSteps:
    """The child steps from the case's reports (none after an ansökan: nothing demanded)."""
    return child_steps(work.case.is_child_case, report_states(work.session, work.case.id))


def _details(work: CaseWork) -> CaseDetails:
    session, case = work.session, work.case
    responsible = session.get(UserRow, case.responsible_user_id)
    links = session.execute(
        select(CasePersonRow.role, PersonRow)
        .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
        .where(CasePersonRow.case_id == case.id)
    ).all()
    persons = []
    for role, row in links:
        others = session.execute(
            select(CaseRow.id, CaseRow.number, CasePersonRow.role)
            .join(CasePersonRow, CasePersonRow.case_id == CaseRow.id)
            .where(
                CasePersonRow.person_id == row.id,
                CaseRow.id != case.id,
                visible_cases_clause(work.viewer),
            )
            .order_by(CaseRow.number)
        ).all()
        persons.append(
            CasePerson(
                person_id=row.id,
                role=PersonRole(role),
                first_name=row.first_name,
                last_name=row.last_name,
                identity_kind=IdentityKind(row.identity_kind),
                identity_display=identity_display(row),
                birth_date=row.birth_date or "",
                protection_level=ProtectionLevel(row.protection_level),
                contact=None if is_protected(row.protection_level) else contact_of(row),
                interpreter_needed=row.interpreter_needed,
                language=row.language,
                other_cases=tuple(OtherCase(i, n, PersonRole(r)) for i, n, r in others),
                identity_value=row.identity_value,
                identity_issuer=row.identity_issuer,
            )
        )
    order = list(PersonRole)
    persons.sort(key=lambda p: (order.index(p.role), p.birth_date, p.name))
    codes = frozenset(
        session.execute(
            select(CaseMarkerRow.code).where(CaseMarkerRow.case_id == case.id)
        ).scalars()
    )
    closed = case.status == CaseStatus.CLOSED.value
    may_write = work.may(Action.WRITE_CASE)
    reason_label = None
    if case.closing_reason:
        reason_label = next(
            (r.label for r in closing_reasons() if r.code == case.closing_reason),
            case.closing_reason,
        )
    reports = report_views(session, case.id)
    latest = reports[-1] if reports else None
    return CaseDetails(
        case_id=case.id,
        number=case.number,
        status=CaseStatus(case.status),
        intake_kind=IntakeKind(case.intake_kind),
        intake_date=case.intake_date,
        reporter_kind=case.reporter_kind,
        reporter_text=case.reporter_text,
        reporter=reporter_words(case.reporter_kind, case.reporter_text),
        responsible=responsible.full_name if responsible is not None else "",
        is_child_case=case.is_child_case,
        protected=case.protected,
        # The latest report's steps (each report's own are in `reports`).
        protection_assessed_on=latest.protection_assessed_on if latest else None,
        protection_needed=latest.protection_needed if latest else None,
        protection_note=latest.protection_note if latest else "",
        preliminary_decided_on=latest.preliminary_decided_on if latest else None,
        preliminary_outcome=latest.preliminary_outcome if latest else None,
        preliminary_note=latest.preliminary_note if latest else "",
        reports=reports,
        closed_on=case.closed_on,
        closing_reason=reason_label,
        closing_detail=case.closing_detail,
        closing_text=case.closing_text,
        persons=tuple(persons),
        markers=codes,
        writable=may_write and not closed,
        can_reopen=may_write and closed,
        access=work.relation,
        may_share=work.may(Action.GRANT_CASE_ACCESS),
        emergency=running_emergency(work) if Relation.EMERGENCY in work.relations else None,
        investigation_running=running_investigation(session, case.id) is not None,
    )
