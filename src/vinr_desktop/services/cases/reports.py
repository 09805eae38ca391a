"""Reports (anmälningar) about a child, each its own row: register a new one, and record its
skyddsbedömning, its förhandsbedömning and a longer time for it with synnerliga skäl. Each call
checks access, works in one transaction, writes the journal and the audit event.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import cases as case_rules
from vinr_desktop.domain import child_reports as rules
from vinr_desktop.domain.cases import PRELIMINARY_LABELS, IntakeKind, PreliminaryOutcome
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.resources import child_report_rules_data, reporter_kinds_data
from vinr_desktop.services.case_access import CaseWork, case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.case_schema import ChildReportRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.cases import ChildReportView


@cache
def report_rules() -> rules.ReportRules:
    return rules.parse_report_rules(child_report_rules_data())


def report_rows(session: Session, case_id: str) -> list[ChildReportRow]:
    """The case's reports, oldest first."""
    return list(
        session.execute(
            select(ChildReportRow)
            .where(ChildReportRow.case_id == case_id)
            .order_by(ChildReportRow.received_on, ChildReportRow.created_utc)
        ).scalars()
    )


def report_states(session: Session, case_id: str) -> tuple[rules.ReportState, ...]:
    return tuple(
        rules.ReportState(
            r.protection_assessed_on is not None,
            PreliminaryOutcome(r.preliminary_outcome) if r.preliminary_outcome else None,
        )
        for r in report_rows(session, case_id)
    )


def report_views(session: Session, case_id: str) -> tuple[ChildReportView, ...]:
    return tuple(report_view(r) for r in report_rows(session, case_id))


def report_view(row: ChildReportRow) -> ChildReportView:
    received = date.fromisoformat(row.received_on)
    extended = date.fromisoformat(row.extended_to) if row.extended_to else None
    choice = case_rules.reporter_choice(
        case_rules.parse_reporter_kinds(reporter_kinds_data()), row.reporter_kind
    )
    return ChildReportView(
        report_id=row.id,
        received_on=row.received_on,
        came_in_late=row.came_in_late,
        reporter=choice.words(row.reporter_text) if choice is not None else row.reporter_text,
        protection_assessed_on=row.protection_assessed_on,
        protection_needed=row.protection_needed,
        protection_note=row.protection_note,
        protection_due=rules.protection_due(received, row.came_in_late, report_rules()).isoformat(),
        preliminary_decided_on=row.preliminary_decided_on,
        preliminary_outcome=(
            PreliminaryOutcome(row.preliminary_outcome) if row.preliminary_outcome else None
        ),
        preliminary_note=row.preliminary_note,
        preliminary_due=rules.preliminary_due(received, report_rules(), extended).isoformat(),
        extended_to=row.extended_to,
        extension_reason=row.extension_reason,
    )


def add_report_row(
    work: CaseWork, received_on: date, reporter_kind: str, reporter_text: str, late: bool
) -> ChildReportRow:
    """A report row in the case (the reporter already checked)."""
    row = ChildReportRow(
        id=new_id(),
        case_id=work.case.id,
        received_on=received_on.isoformat(),
        came_in_late=late,
        reporter_kind=reporter_kind,
        reporter_text=reporter_text,
        protection_note="",
        preliminary_note="",
        extension_reason="",
        created_by=work.user.user_id,
        created_utc=work.now_text,
    )
    work.session.add(row)
    work.session.flush()
    return row


class ReportService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def reports(self, case_id: str) -> tuple[ChildReportView, ...]:
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return report_views(work.session, case_id)

    def add(
        self,
        case_id: str,
        received_on: date,
        reporter_kind: str,
        reporter_text: str,
        came_in_late: bool = False,
    ) -> str:
        """A new report about the child in this case: its own two steps start from its day."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            _writable(work)
            _check_day(received_on, work.today, "Dagen anmälan kom in")
            kinds = case_rules.parse_reporter_kinds(reporter_kinds_data())
            code, text = case_rules.check_reporter(
                kinds, IntakeKind.REPORT, reporter_kind, reporter_text
            )
            row = add_report_row(work, received_on, code, text, came_in_late)
            view = report_view(row)
            add_event_entry(
                work,
                f"Ny anmälan kom in {row.received_on} från {view.reporter}. Skyddsbedömning "
                f"senast {view.protection_due}, förhandsbedömning senast {view.preliminary_due}.",
            )
            work.record("child_report_added", object_id=row.id)
            return row.id

    def record_protection(
        self, case_id: str, report_id: str, on: date, needs_protection: bool, note: str
    ) -> None:
        """The skyddsbedömning of one report: done on `on`, with its outcome."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _report(work, report_id)
            _check_day(on, work.today, "Skyddsbedömningens datum")
            if on < date.fromisoformat(row.received_on):
                raise InvalidInput("Skyddsbedömningen kan inte göras före anmälan kom in.")
            case_rules.check_text(note, "Kommentaren")
            row.protection_assessed_on = on.isoformat()
            row.protection_needed = needs_protection
            row.protection_note = note.strip()
            outcome = (
                "omedelbart skyddsbehov" if needs_protection else "inget omedelbart skyddsbehov"
            )
            text = f"Skyddsbedömning {on.isoformat()} (anmälan {row.received_on}): {outcome}."
            if note.strip():
                text += f"\n{note.strip()}"
            add_event_entry(work, text)
            work.record("protection_assessment_recorded", object_id=row.id)

    def record_preliminary(
        self, case_id: str, report_id: str, on: date, outcome: PreliminaryOutcome, note: str
    ) -> None:
        """The förhandsbedömning of one report: whether to open an investigation."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _report(work, report_id)
            if row.protection_assessed_on is None:
                raise InvalidInput("Gör skyddsbedömningen för anmälan först.")
            _check_day(on, work.today, "Förhandsbedömningens datum")
            if on < date.fromisoformat(row.received_on):
                raise InvalidInput("Förhandsbedömningen kan inte göras före anmälan kom in.")
            case_rules.check_text(note, "Motiveringen")
            if not note.strip():
                raise InvalidInput("Skriv en motivering till förhandsbedömningen.")
            row.preliminary_decided_on = on.isoformat()
            row.preliminary_outcome = outcome.value
            row.preliminary_note = note.strip()
            add_event_entry(
                work,
                f"Förhandsbedömning {on.isoformat()} (anmälan {row.received_on}): "
                f"{PRELIMINARY_LABELS[outcome].lower()}.\n{note.strip()}",
            )
            work.record("preliminary_assessment_recorded", object_id=outcome.value)

    def extend_preliminary(self, case_id: str, report_id: str, until: date, reason: str) -> None:
        """A longer time for one report's förhandsbedömning, with the synnerliga skäl."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _report(work, report_id)
            if row.preliminary_decided_on is not None:
                raise InvalidInput("Förhandsbedömningen är redan beslutad.")
            text = rules.check_extension(
                date.fromisoformat(row.received_on), report_rules(), until, reason
            )
            row.extended_to = until.isoformat()
            row.extension_reason = text
            add_event_entry(
                work,
                f"Förhandsbedömningen av anmälan {row.received_on} förlängd till "
                f"{until.isoformat()} på grund av synnerliga skäl:\n{text}",
            )
            work.record("preliminary_extended", object_id=row.id)


def _writable(work: CaseWork) -> None:
    if not work.case.is_child_case:
        raise InvalidInput("Skydds- och förhandsbedömning görs i ärenden som gäller barn.")


def _report(work: CaseWork, report_id: str) -> ChildReportRow:
    _writable(work)
    row = work.session.get(ChildReportRow, report_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput("Anmälan finns inte i ärendet.")
    return row


def _check_day(on: date, today: date, what: str) -> None:
    if on > today:
        raise InvalidInput(f"{what} kan inte ligga i framtiden.")
