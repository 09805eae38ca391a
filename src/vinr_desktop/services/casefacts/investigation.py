"""The investigation (utredning) as its own record: started (date, what started it, method),
extended (a child investigation past four months, with a reason), ended (date, outcome).

Starting one moves a case that is still "Aktualiserad" to "Utredning" by the usual rules (a
child case needs its skyddsbedömning and a förhandsbedömning that opened the investigation).
Each step is written to the journal and the audit log in the same transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import case_facts as rules
from vinr_desktop.domain.case_facts import START_LABELS, START_WORDS, Choice, StartBasis
from vinr_desktop.domain.cases import (
    STATUS_LABELS,
    CaseStatus,
    check_transition,
)
from vinr_desktop.domain.child_reports import child_steps
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.resources import investigation_data
from vinr_desktop.services.case_access import CaseWork, case_work
from vinr_desktop.services.cases.investigation_record import (
    end_investigation,
    investigation_outcomes,
    running_investigation,
)
from vinr_desktop.services.cases.reports import report_states
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.facts_schema import InvestigationRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.case_facts import InvestigationView


def methods() -> tuple[Choice, ...]:
    """The methods an investigation can follow (resources/investigation.json)."""
    return rules.parse_choices(investigation_data(), "methods")


def outcomes() -> tuple[Choice, ...]:
    """How an investigation can end (resources/investigation.json)."""
    return investigation_outcomes()


class InvestigationService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def start(
        self, case_id: str, on: date, basis: StartBasis, method: str, method_note: str = ""
    ) -> str:
        """Record that the investigation started on `on`; returns its id."""
        chosen = rules.choice_of(methods(), method, "metod")
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            case = work.case
            rules.check_past(on, work.today, "Startdatumet")
            if on.isoformat() < case.intake_date:
                raise InvalidInput("Utredningen kan inte starta före aktualiseringen.")
            if running_row(work) is not None:
                raise InvalidInput("Det finns redan en pågående utredning i ärendet.")
            reports = report_states(work.session, case.id)
            from_report = case.is_child_case and bool(reports)
            if from_report and basis is not StartBasis.PRELIMINARY:
                raise InvalidInput("En utredning om ett barn inleds efter förhandsbedömningen.")
            if not case.is_child_case and basis is StartBasis.PRELIMINARY:
                raise InvalidInput("Förhandsbedömning görs bara i ärenden som gäller barn.")
            if case.is_child_case and not reports and basis is StartBasis.PRELIMINARY:
                raise InvalidInput("Ärendet har ingen anmälan och därför ingen förhandsbedömning.")
            note = rules.check_note(method_note, "Metodbeskrivningen")
            current = CaseStatus(case.status)
            if current is CaseStatus.INTAKE:
                check_transition(
                    current,
                    CaseStatus.INVESTIGATION,
                    child_steps(case.is_child_case, reports),
                )
            row = InvestigationRow(
                id=new_id(),
                case_id=case.id,
                started_on=on.isoformat(),
                start_basis=basis.value,
                method=chosen.code,
                method_note=note,
                extension_reason="",
                created_by=work.user.user_id,
                created_utc=work.now_text,
                updated_utc=work.now_text,
            )
            work.session.add(row)
            text = f"Utredning inledd {on.isoformat()} {START_WORDS[basis]}. Metod: {chosen.label}."
            if case.is_child_case:
                text += f" Ska vara klar senast {rules.child_investigation_due(on).isoformat()}."
            add_event_entry(work, text, on)
            if current is CaseStatus.INTAKE:
                case.status = CaseStatus.INVESTIGATION.value
                add_event_entry(
                    work,
                    f"Status ändrad: {STATUS_LABELS[current]} → "
                    f"{STATUS_LABELS[CaseStatus.INVESTIGATION]}.",
                )
                work.record("case_status_changed", object_id=CaseStatus.INVESTIGATION.value)
            work.record("investigation_started", object_id=row.id)
            return row.id

    def extend(self, case_id: str, new_end: date, reason: str) -> None:
        """A child investigation extended to `new_end`, with the reason."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _running(work)
            if not work.case.is_child_case:
                raise InvalidInput("Fristen på fyra månader gäller utredningar om barn.")
            started = date.fromisoformat(row.started_on)
            due = rules.child_investigation_due(started, _day(row.extended_to))
            cleaned = rules.check_extension(started, due, new_end, reason)
            row.extended_to = new_end.isoformat()
            row.extension_reason = cleaned
            row.updated_utc = work.now_text
            add_event_entry(
                work, f"Utredningstiden förlängd till {new_end.isoformat()}. Skäl: {cleaned}"
            )
            work.record("investigation_extended", object_id=row.id)

    def end(self, case_id: str, on: date, outcome: str, *, advance: bool = False) -> None:
        """The investigation ended on `on` with one of the outcomes. With `advance` a case in
        "Utredning" moves on to "Beslut/insats pågår" in the same step (the case panel's
        "Nästa steg" while the investigation still runs)."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            end_investigation(work, _running(work), on, outcome)
            current = CaseStatus(work.case.status)
            if advance and current is CaseStatus.INVESTIGATION:
                target = CaseStatus.INTERVENTION
                check_transition(current, target, child_steps(work.case.is_child_case, ()))
                work.case.status = target.value
                add_event_entry(
                    work, f"Status ändrad: {STATUS_LABELS[current]} → {STATUS_LABELS[target]}."
                )
                work.record("case_status_changed", object_id=target.value)


def running_row(work: CaseWork) -> InvestigationRow | None:
    return running_investigation(work.session, work.case.id)


def _running(work: CaseWork) -> InvestigationRow:
    row = running_row(work)
    if row is None:
        raise InvalidInput("Det finns ingen pågående utredning i ärendet.")
    return row


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def investigation_views(work: CaseWork) -> tuple[InvestigationView, ...]:
    """The case's investigations, newest first."""
    rows = work.session.execute(
        select(InvestigationRow)
        .where(InvestigationRow.case_id == work.case.id)
        .order_by(InvestigationRow.started_on.desc())
    ).scalars()
    method_labels = {m.code: m.label for m in methods()}
    outcome_labels = {o.code: o.label for o in outcomes()}
    views = []
    for row in rows:
        due = (
            rules.child_investigation_due(date.fromisoformat(row.started_on), _day(row.extended_to))
            if work.case.is_child_case
            else None
        )
        views.append(
            InvestigationView(
                investigation_id=row.id,
                started_on=row.started_on,
                start_label=START_LABELS[StartBasis(row.start_basis)],
                method_label=method_labels.get(row.method, row.method),
                method_note=row.method_note,
                due_on=due.isoformat() if due else "",
                extended_to=row.extended_to or "",
                extension_reason=row.extension_reason,
                ended_on=row.ended_on or "",
                outcome_label=outcome_labels.get(row.outcome or "", row.outcome or ""),
            )
        )
    return tuple(views)
