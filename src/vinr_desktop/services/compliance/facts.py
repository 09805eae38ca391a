"""The one place the egenkontroll reads the store: `CaseFacts` for many cases in a fixed number
of queries (one per kind of fact), whatever the number of cases. Nothing is filtered by the
review date here: the rules in domain/compliance*.py leave out what came after it."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, literal_column, select

from vinr_desktop.domain.case_facts import HEARD_WAY_LABELS, NOT_HEARD_LABELS, HeardWay
from vinr_desktop.domain.case_facts import NotHeardReason as _Why
from vinr_desktop.domain.cases import PreliminaryOutcome
from vinr_desktop.domain.compliance import (
    AssessmentFact,
    CaseFacts,
    ChildHeardFact,
    FollowUpFact,
    InsatsFact,
    InvestigationFact,
    JournalFact,
    MarkFact,
    ReportFact,
)
from vinr_desktop.domain.decisions import GRANTING
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.journal import EntryKind
from vinr_desktop.services.care.common import closing_reasons, insats_type
from vinr_desktop.services.casefacts.investigation import methods as investigation_methods
from vinr_desktop.services.letters.read import communication_facts
from vinr_desktop.services.risk.instruments import known_versions
from vinr_desktop.store.care_schema import (
    CarePlanRow,
    DecisionRow,
    FollowUpRow,
    ImplementationPlanRow,
    InsatsEndingRow,
)
from vinr_desktop.store.case_schema import CaseRow, ChildReportRow, JournalEntryRow
from vinr_desktop.store.facts_schema import (
    AssessmentMarkRow,
    CaseAssignmentRow,
    ChildHeardRow,
    InvestigationRow,
)
from vinr_desktop.store.risk_schema import RiskAssessmentRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_Grouped = dict[str, list[Any]]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


@lru_cache(maxsize=8192)
def _iso_day(text: str) -> date:
    """A stored day; the same few thousand days come back for every entry."""
    return date.fromisoformat(text)


def _local_day(utc_text: str) -> date:
    """The local date of a stored UTC moment (a signature)."""
    return datetime.fromisoformat(utc_text).astimezone().date()


def _grouped(session: Session, query: Any) -> _Grouped:
    """Rows of `query` (its first column the case id) per case, in the query's order."""
    found: _Grouped = defaultdict(list)
    for row in session.execute(query):
        found[row[0]].append(row)
    return found


def case_facts(session: Session, case_ids: Sequence[str]) -> list[CaseFacts]:
    """The facts of each case in `case_ids`, in that order (16 queries in all)."""
    ids = list(case_ids)
    if not ids:
        return []
    cases = {
        r.id: r
        for r in session.execute(
            select(CaseRow.id, CaseRow.is_child_case, CaseRow.intake_date, CaseRow.closed_on).where(
                CaseRow.id.in_(ids)
            )
        )
    }
    assigned = _grouped(
        session,
        select(CaseAssignmentRow.case_id, CaseAssignmentRow.assigned_on)
        .where(CaseAssignmentRow.case_id.in_(ids))
        .order_by(CaseAssignmentRow.assigned_on),
    )
    reports = _reports(session, ids)
    investigations = _investigations(session, ids)
    assessments = _assessments(session, ids)
    marks = _marks(session, ids)
    journal = _journal(session, ids)
    insatser = _insatser(session, ids)
    heard = _heard(session, ids)
    communications = communication_facts(session, ids)
    result = []
    for case_id in ids:
        row = cases[case_id]
        first_assigned = assigned.get(case_id)
        result.append(
            CaseFacts(
                case_id=case_id,
                is_child=bool(row.is_child_case),
                intake_on=date.fromisoformat(row.intake_date),
                assigned_on=_day(first_assigned[0][1]) if first_assigned else None,
                closed_on=_day(row.closed_on),
                reports=tuple(reports.get(case_id, ())),
                investigations=tuple(investigations.get(case_id, ())),
                assessments=tuple(assessments.get(case_id, ())),
                marks=tuple(marks.get(case_id, ())),
                journal=tuple(journal.get(case_id, ())),
                insatser=tuple(insatser.get(case_id, ())),
                child_heard=tuple(heard.get(case_id, ())),
                communications=communications.get(case_id, ()),
            )
        )
    return result


def deadline_case_facts(session: Session, case_ids: Sequence[str]) -> list[CaseFacts]:
    """Only what the deadline questions read (K6 the insatser and their follow-ups, K8 the
    reports, K9 the investigations), for the statistics: four queries, the journal unread."""
    ids = list(case_ids)
    if not ids:
        return []
    cases = {
        r.id: r
        for r in session.execute(
            select(CaseRow.id, CaseRow.is_child_case, CaseRow.intake_date, CaseRow.closed_on).where(
                CaseRow.id.in_(ids)
            )
        )
    }
    reports, investigations = _reports(session, ids), _investigations(session, ids)
    insatser = _insatser(session, ids)
    return [
        CaseFacts(
            case_id=case_id,
            is_child=bool(cases[case_id].is_child_case),
            intake_on=date.fromisoformat(cases[case_id].intake_date),
            closed_on=_day(cases[case_id].closed_on),
            reports=tuple(reports.get(case_id, ())),
            investigations=tuple(investigations.get(case_id, ())),
            insatser=tuple(insatser.get(case_id, ())),
        )
        for case_id in ids
    ]


def _reports(session: Session, ids: list[str]) -> dict[str, list[ReportFact]]:
    R = ChildReportRow
    rows = _grouped(
        session,
        select(
            R.case_id,
            R.received_on,
            R.protection_assessed_on,
            R.preliminary_decided_on,
            R.preliminary_outcome,
            R.extended_to,
        )
        .where(R.case_id.in_(ids))
        .order_by(R.received_on, R.created_utc),
    )
    opened = PreliminaryOutcome.OPEN_INVESTIGATION.value
    return {
        case_id: [
            ReportFact(
                received_on=date.fromisoformat(r.received_on),
                protection_assessed_on=_day(r.protection_assessed_on),
                preliminary_decided_on=_day(r.preliminary_decided_on),
                opened_investigation=None
                if r.preliminary_outcome is None
                else (r.preliminary_outcome == opened),
                extended_to=_day(r.extended_to),
            )
            for r in found
        ]
        for case_id, found in rows.items()
    }


def _investigations(session: Session, ids: list[str]) -> dict[str, list[InvestigationFact]]:
    methods = {m.code: m for m in investigation_methods()}
    I = InvestigationRow  # noqa: E741
    rows = _grouped(
        session,
        select(I.case_id, I.started_on, I.method, I.extended_to, I.extension_reason, I.ended_on)
        .where(I.case_id.in_(ids))
        .order_by(I.started_on, I.created_utc),
    )
    found: dict[str, list[InvestigationFact]] = {}
    for case_id, items in rows.items():
        found[case_id] = []
        for r in items:
            method = methods.get(r.method)
            found[case_id].append(
                InvestigationFact(
                    started_on=date.fromisoformat(r.started_on),
                    method=method.label if method else r.method,
                    standardised=bool(method and method.standardised),
                    extended_to=_day(r.extended_to),
                    extension_reason=r.extension_reason or "",
                    ended_on=_day(r.ended_on),
                )
            )
    return found


def _assessments(session: Session, ids: list[str]) -> dict[str, list[AssessmentFact]]:
    A = RiskAssessmentRow
    versions = known_versions(session)
    rows = _grouped(
        session,
        select(
            A.case_id,
            A.instrument_id,
            A.instrument_version,
            A.field_values,
            A.judgement,
            A.signed_utc,
            A.signed_on,
        )
        .where(A.case_id.in_(ids), A.signed_utc.is_not(None))
        .order_by(A.signed_utc),
    )
    found: dict[str, list[AssessmentFact]] = {}
    for case_id, items in rows.items():
        found[case_id] = []
        for r in items:
            known = versions.get((r.instrument_id, r.instrument_version))
            if known is None:
                continue  # an instrument no longer known cannot be named: not counted
            instrument = known.instrument
            level = instrument.level_label(RiskLevel(r.judgement)) if r.judgement else ""
            found[case_id].append(
                AssessmentFact(
                    signed_on=_day(r.signed_on) or _local_day(r.signed_utc),
                    instrument=instrument.name,
                    method=instrument.standardised_method(_fields(r.field_values)),
                    level=level,
                )
            )
    return found


def _fields(text: str) -> dict[str, str]:
    data = json.loads(text or "{}")
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _marks(session: Session, ids: list[str]) -> dict[str, list[MarkFact]]:
    M, J = AssessmentMarkRow, JournalEntryRow
    rows = _grouped(
        session,
        select(M.case_id, M.entry_id, M.marked, M.recorded_on, J.event_date, J.signed_utc)
        .join(J, J.id == M.entry_id)
        .where(M.case_id.in_(ids))
        .order_by(M.recorded_utc, literal_column("assessment_marks.rowid")),
    )
    found: dict[str, list[MarkFact]] = {}
    for case_id, items in rows.items():
        open_marks: dict[int, MarkFact] = {}
        done: list[MarkFact] = []
        for r in items:
            on = date.fromisoformat(r.recorded_on)
            entry_day = _day(r.event_date) or _local_day(r.signed_utc)
            if r.marked and r.entry_id not in open_marks:
                open_marks[r.entry_id] = MarkFact(entry_day, on)
            elif not r.marked and r.entry_id in open_marks:
                mark = open_marks.pop(r.entry_id)
                done.append(MarkFact(mark.entry_date, mark.marked_on, on))
        found[case_id] = sorted([*done, *open_marks.values()], key=lambda m: m.marked_on)
    return found


def _journal(session: Session, ids: list[str]) -> dict[str, list[JournalFact]]:
    """Read from the index that covers it (ix_journal_compliance), never the entries' text;
    a case's entries alike in signing hour, event day and what is missing become one fact
    with their count (the local day of a signature depends only on its UTC hour)."""
    J = JournalEntryRow
    query = select(
        J.case_id,
        func.substr(J.signed_utc, 1, 13),
        J.event_date,
        func.coalesce(J.author_id, "") == "",
        func.coalesce(J.source, "") == "",
    ).where(J.case_id.in_(ids), J.signed_utc.is_not(None), J.kind != EntryKind.EVENT.value)
    alike = Counter(tuple(row) for row in session.connection().execute(query))
    found: dict[str, list[JournalFact]] = defaultdict(list)
    for (case_id, hour, event_date, no_author, no_source), count in alike.items():
        found[case_id].append(
            JournalFact(
                signed_on=_hour_day(hour),
                event_date=_iso_day(event_date) if event_date else None,
                has_author=not no_author,
                has_source=not no_source,
                count=count,
            )
        )
    return found


@lru_cache(maxsize=65536)
def _hour_day(utc_hour: str) -> date:
    """The local day of a UTC hour ("2026-03-02T23" → 2026-03-03 in Sweden in summer)."""
    return _local_day(f"{utc_hour}:00:00+00:00")


def _heard(session: Session, ids: list[str]) -> dict[str, list[ChildHeardFact]]:
    H = ChildHeardRow
    rows = _grouped(
        session,
        select(H.case_id, H.heard_on, H.heard, H.way, H.reason, H.learnt_otherwise)
        .where(H.case_id.in_(ids))
        .order_by(H.heard_on, H.recorded_utc),
    )
    found: dict[str, list[ChildHeardFact]] = {}
    for case_id, items in rows.items():
        found[case_id] = []
        for r in items:
            if r.heard:
                words = HEARD_WAY_LABELS[HeardWay(r.way)].lower() if r.way else "hörd"
            else:
                why = NOT_HEARD_LABELS[_Why(r.reason)].lower() if r.reason else ""
                words = f"ej hörd: {why}"
            found[case_id].append(
                ChildHeardFact(
                    date.fromisoformat(r.heard_on), bool(r.heard), words, r.learnt_otherwise or ""
                )
            )
    return found


def _insatser(session: Session, ids: list[str]) -> dict[str, list[InsatsFact]]:
    D, E = DecisionRow, InsatsEndingRow
    granting = [o.value for o in GRANTING]
    decisions = session.execute(
        select(D, E)
        .outerjoin(E, E.decision_id == D.id)
        .where(
            D.case_id.in_(ids),
            D.signed_utc.is_not(None),
            D.outcome.in_(granting),
            D.period_from.is_not(None),
        )
        .order_by(D.decided_on, D.created_utc)
    ).all()
    plans = _grouped(
        session,
        select(CarePlanRow.decision_id, CarePlanRow.signed_utc, CarePlanRow.follow_up_on)
        .where(CarePlanRow.case_id.in_(ids), CarePlanRow.signed_utc.is_not(None))
        .order_by(CarePlanRow.signed_utc),
    )
    P = ImplementationPlanRow
    implementation = {
        r.decision_id: r
        for r in session.execute(
            select(P.decision_id, P.requested_on, P.received_on).where(P.case_id.in_(ids))
        )
    }
    F = FollowUpRow
    follow_ups = _grouped(
        session,
        select(
            F.decision_id,
            F.held_on,
            F.signed_utc,
            F.client_took_part,
            F.provider_took_part,
            F.next_on,
        ).where(F.case_id.in_(ids), F.signed_utc.is_not(None), F.held_on.is_not(None)),
    )
    reasons = {r.code: r.label for r in closing_reasons()}
    found: dict[str, list[InsatsFact]] = defaultdict(list)
    for decision, ending in decisions:
        kind = insats_type(decision.insats_type)
        plan = plans.get(decision.id)
        impl = implementation.get(decision.id)
        start = _day(decision.period_from)
        assert start is not None  # filtered above
        found[decision.case_id].append(
            InsatsFact(
                label=kind.label if kind else decision.insats_type or "Insats",
                decided_on=_day(decision.decided_on) or _local_day(decision.signed_utc or ""),
                period_from=start,
                period_to=_day(decision.period_to),
                review_on=_day(decision.review_on),
                care_plan_signed_on=_local_day(plan[0][1]) if plan else None,
                plan_follow_up_on=_day(plan[0][2]) if plan else None,
                implementation_requested_on=_day(impl.requested_on) if impl else None,
                implementation_received_on=_day(impl.received_on) if impl else None,
                follow_ups=tuple(
                    FollowUpFact(
                        held_on=date.fromisoformat(f.held_on),
                        signed_on=_local_day(f.signed_utc),
                        client_took_part=bool(f.client_took_part),
                        provider_took_part=bool(f.provider_took_part),
                        next_on=_day(f.next_on),
                    )
                    for f in follow_ups.get(decision.id, ())
                ),
                ended_on=_day(ending.ended_on) if ending else None,
                ending_reason=reasons.get(ending.reason, ending.reason) if ending else "",
                ending_text=ending.text if ending else "",
            )
        )
    return found
