"""A case's assessments over time: the history list, the judgement series for the chart, the
item-by-item comparison, and the flag (also for the case list, in one grouped query).

Called by RiskService inside its `case_work` transaction (access already checked), and by the
case list with the cases the user may see.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.instruments import NOT_ANSWERED, RiskLevel
from vinr_desktop.domain.risk import (
    CONTACT_LABELS,
    FLAG_SUBJECTS,
    ContactState,
    flag_text,
    needs_assessment,
    support_count,
)
from vinr_desktop.services.risk.assessment_read import answers_of
from vinr_desktop.services.risk.instruments import stored_instrument
from vinr_desktop.store.case_schema import PersonRow
from vinr_desktop.store.risk_schema import RiskAssessmentRow as A
from vinr_desktop.store.risk_schema import RiskContactRow
from vinr_desktop.store.risk_schema import RiskContactRow as C
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.risk import (
    AssessmentSummary,
    ComparisonCell,
    ComparisonRow,
    ComparisonView,
    JudgementPoint,
    RiskHistory,
    RiskStatus,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork
    from vinr_desktop.store.risk_schema import RiskAssessmentRow

_FLAG_SUBJECT_CODES = tuple(s.value for s in FLAG_SUBJECTS)


def history(work: CaseWork) -> RiskHistory:
    rows = _rows(work)
    summaries = [_summary(work, row) for row in rows]
    # Drafts first (work in progress), then signed ones newest first.
    summaries.sort(key=lambda s: (s.is_draft, s.signed_on or "", s.assessed_on), reverse=True)
    counting = {r.id for r in rows if r.subject in _FLAG_SUBJECT_CODES}
    points = [
        JudgementPoint(
            s.assessed_on or s.signed_on or "", s.judgement, s.assessment_id, s.instrument_name
        )
        for s in summaries
        if not s.is_draft and s.judgement is not None and s.assessment_id in counting
    ]
    points.sort(key=lambda p: p.on)
    series = tuple(points)
    return RiskHistory(
        status=case_status(work),
        assessments=tuple(summaries),
        series=series,
        writable=work.may(Action.WRITE_CASE) and work.case.status != "closed",
    )


def case_status(work: CaseWork) -> RiskStatus:
    session, case_id = work.session, work.case.id
    contact_row = session.get(RiskContactRow, case_id)
    contact = ContactState(contact_row.state) if contact_row else None
    latest = session.execute(
        select(A)
        .where(A.case_id == case_id, A.signed_utc.is_not(None), A.subject.in_(_FLAG_SUBJECT_CODES))
        .order_by(A.due_on.desc(), A.signed_utc.desc())
        .limit(1)
    ).scalar_one_or_none()
    newest = session.execute(
        select(A)
        .where(A.case_id == case_id, A.signed_utc.is_not(None), A.subject.in_(_FLAG_SUBJECT_CODES))
        .order_by(A.signed_utc.desc())
        .limit(1)
    ).scalar_one_or_none()
    due = date.fromisoformat(latest.due_on) if latest and latest.due_on else None
    return RiskStatus(
        contact=contact,
        contact_label=CONTACT_LABELS[contact] if contact else "Inte angivet",
        contact_noted_on=contact_row.noted_on if contact_row else None,
        latest_judgement=RiskLevel(newest.judgement) if newest and newest.judgement else None,
        latest_signed_on=newest.signed_on if newest else None,
        due_on=latest.due_on if latest else None,
        next_assessment_on=newest.next_assessment_on if newest else None,
        flagged=needs_assessment(contact, due, work.today),
        flag_text=flag_text(contact, due, work.today),
    )


def risk_flags(session: Session, case_ids: Collection[str], today: date) -> set[str]:
    """The cases among `case_ids` that are flagged, in one grouped query (over the few cases
    with contact = yes, so a long list costs no more than a short one)."""
    if not case_ids:
        return set()
    latest = (
        select(A.case_id, func.max(A.due_on).label("due"))
        .where(A.signed_utc.is_not(None), A.subject.in_(_FLAG_SUBJECT_CODES))
        .group_by(A.case_id)
        .subquery()
    )
    rows: Any = session.execute(
        select(C.case_id, C.state, latest.c.due)
        .outerjoin(latest, latest.c.case_id == C.case_id)
        .where(C.state == ContactState.YES.value)
    ).all()
    wanted = set(case_ids)
    return {
        case_id
        for case_id, state, due in rows
        if case_id in wanted
        and needs_assessment(ContactState(state), date.fromisoformat(due) if due else None, today)
    }


def compare(work: CaseWork, instrument_id: str) -> ComparisonView:
    rows = sorted(
        (r for r in _rows(work) if r.instrument_id == instrument_id and r.signed_utc),
        key=lambda r: (r.assessed_on, r.signed_utc or ""),
    )
    if not rows:
        raise InvalidInput("Det finns inga signerade bedömningar med instrumentet i ärendet.")
    instruments = [
        stored_instrument(work.session, r.instrument_id, r.instrument_version) for r in rows
    ]
    answers = [answers_of(r) for r in rows]
    # Items in the order of the newest version, then items only older versions had.
    order: dict[str, tuple[str, str]] = {}
    for instrument in reversed(instruments):
        for section in instrument.sections:
            for item in section.items:
                order.setdefault(item.item_id, (section.title, item.text))
    table: list[ComparisonRow] = []
    for item_id, (section_title, text) in order.items():
        cells: list[ComparisonCell] = []
        previous: tuple[str, str] | None = None
        for instrument, given in zip(instruments, answers, strict=True):
            found = instrument.item(item_id)
            if found is None:
                cells.append(ComparisonCell("", "", False, False))
                previous = None
                continue
            answer = given.get(item_id)
            code = answer.option if answer else NOT_ANSWERED
            option = found.option(code)
            now = (code, answer.comment if answer else "")
            cells.append(
                ComparisonCell(
                    option.label if option else code,
                    now[1],
                    bool(option and option.risk),
                    previous is not None and previous[0] != now[0],
                )
            )
            previous = now
        table.append(ComparisonRow(item_id, section_title, text, tuple(cells)))
    supports = tuple(
        (s.text if (s := support_count(i, a)) else "")
        for i, a in zip(instruments, answers, strict=True)
    )
    return ComparisonView(
        instrument_id=instrument_id,
        instrument_name=instruments[-1].name,
        columns=tuple(_summary(work, r) for r in rows),
        rows=tuple(table),
        supports=supports,
    )


# -- helpers ------------------------------------------------------------------------------


def _rows(work: CaseWork) -> list[RiskAssessmentRow]:
    """Signed assessments of the case and the user's own drafts."""
    return list(
        work.session.execute(
            select(A).where(
                A.case_id == work.case.id,
                or_(A.signed_utc.is_not(None), A.author_id == work.user.user_id),
            )
        ).scalars()
    )


def _summary(work: CaseWork, row: RiskAssessmentRow) -> AssessmentSummary:
    instrument = stored_instrument(work.session, row.instrument_id, row.instrument_version)
    person = work.session.get(PersonRow, row.person_id)
    author = work.session.get(UserRow, row.author_id)
    return AssessmentSummary(
        assessment_id=row.id,
        instrument_id=row.instrument_id,
        instrument_name=instrument.name,
        instrument_version=row.instrument_version,
        person_name=" ".join(p for p in (person.first_name, person.last_name) if p)
        if person
        else "",
        author=author.full_name if author else "",
        assessed_on=row.assessed_on,
        signed_on=row.signed_on,
        judgement=RiskLevel(row.judgement) if row.judgement else None,
        next_assessment_on=row.next_assessment_on,
        due_on=row.due_on,
        own=row.author_id == work.user.user_id,
        judgement_word=instrument.level_label(RiskLevel(row.judgement)) if row.judgement else "",
    )
