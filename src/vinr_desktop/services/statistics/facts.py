"""The one place the statistics read the store: `RegisterFacts` of the whole register in a fixed
number of queries (cases with their main person, markers, children, insatser, assessments,
follow-ups and their goals, anmälningar, investigations, vårdplaner, hembesök), whatever the
number of cases. Every case is read, protected ones included: totals count everything.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from vinr_desktop.domain.compliance import (
    Answer,
    Question,
    k8_preliminary_within_14_days,
    k9_finished_within_4_months,
)
from vinr_desktop.domain.compliance_care import k6_follow_up
from vinr_desktop.domain.decisions import GRANTING
from vinr_desktop.domain.home_visits import Incident
from vinr_desktop.domain.instruments import Instrument
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.risk_instrument_check import parse_instrument_text
from vinr_desktop.domain.statistics_facts import (
    AssessmentFacts,
    CaseFacts,
    DeadlineFacts,
    FollowUpFacts,
    InsatsFacts,
    Period,
    RegisterFacts,
)
from vinr_desktop.services.care.common import closing_reasons, insats_types
from vinr_desktop.services.compliance.facts import deadline_case_facts
from vinr_desktop.services.compliance.service import compliance_rules
from vinr_desktop.services.risk.instruments import bundled_versions
from vinr_desktop.store.care_schema import (
    DecisionChildRow,
    DecisionRow,
    FollowUpGoalRow,
    FollowUpRow,
    InsatsEndingRow,
    ProviderRow,
)
from vinr_desktop.store.case_schema import (
    CaseMarkerRow,
    CasePersonRow,
    CaseRow,
    PersonRow,
)
from vinr_desktop.store.home_visit_schema import HomeVisitRow
from vinr_desktop.store.risk_schema import InstrumentRow, RiskAssessmentRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def register_facts(session: Session, period: Period, on: date) -> RegisterFacts:
    """Everything the Statistik page counts: the whole register, and the egenkontroll's
    deadline answers for the cases of `period` on the review day `on`."""
    cases = _cases(session)
    insatser = _insatser(session)
    return RegisterFacts(
        cases=cases,
        insatser=insatser,
        assessments=_assessments(session),
        follow_ups=_follow_ups(session),
        deadlines=deadline_facts(session, cases, period, on),
        visits=tuple(
            (date.fromisoformat(str(back)[:10]), incident or Incident.NONE.value)
            for back, incident in session.execute(
                select(HomeVisitRow.back_utc, HomeVisitRow.incident).where(
                    HomeVisitRow.back_utc.is_not(None)
                )
            )
        ),
        goal_reasons=frozenset(r.code for r in closing_reasons() if r.goal_reached),
    )


def _cases(session: Session) -> tuple[CaseFacts, ...]:
    markers: dict[str, set[str]] = defaultdict(set)
    for case_id, code in session.execute(select(CaseMarkerRow.case_id, CaseMarkerRow.code)):
        markers[case_id].add(code)
    children: dict[str, int] = {
        case_id: int(n)
        for case_id, n in session.execute(
            select(CasePersonRow.case_id, func.count())
            .where(CasePersonRow.role == PersonRole.CHILD.value)
            .group_by(CasePersonRow.case_id)
        )
    }
    rows = session.execute(
        select(
            CaseRow.id,
            CaseRow.intake_date,
            CaseRow.intake_kind,
            CaseRow.reporter_kind,
            CaseRow.is_child_case,
            PersonRow.sex,
            PersonRow.birth_date,
            CaseRow.closed_on,
            CaseRow.closing_reason,
            CaseRow.protected,
        )
        .join(
            CasePersonRow,
            (CasePersonRow.case_id == CaseRow.id) & (CasePersonRow.role == PersonRole.MAIN.value),
        )
        .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
    )
    return tuple(
        CaseFacts(
            case_id=case_id,
            intake_on=date.fromisoformat(intake),
            intake_kind=kind,
            reporter_kind=reporter,
            is_child_case=bool(child),
            main_sex=sex or "unknown",
            main_birth=_day(birth),
            markers=frozenset(markers.get(case_id, ())),
            closed_on=_day(closed),
            closing_reason=reason,
            protected=bool(protected),
            children=int(children.get(case_id, 0)),
        )
        for case_id, intake, kind, reporter, child, sex, birth, closed, reason, protected in rows
    )


def _insatser(session: Session) -> tuple[InsatsFacts, ...]:
    """Granted, signed insatser."""
    shelter = {t.code for t in insats_types() if t.shelter}
    along: dict[str, int] = {
        decision_id: int(n)
        for decision_id, n in session.execute(
            select(DecisionChildRow.decision_id, func.count()).group_by(
                DecisionChildRow.decision_id
            )
        )
    }
    ended: dict[str, str] = {
        decision_id: on
        for decision_id, on in session.execute(
            select(InsatsEndingRow.decision_id, InsatsEndingRow.ended_on)
        )
    }
    rows = session.execute(
        select(
            DecisionRow.id,
            DecisionRow.case_id,
            DecisionRow.insats_type,
            ProviderRow.name,
            ProviderRow.price_per_night,
            DecisionRow.decided_on,
            DecisionRow.period_from,
            DecisionRow.period_to,
        )
        .outerjoin(ProviderRow, ProviderRow.id == DecisionRow.provider_id)
        .where(
            DecisionRow.signed_utc.is_not(None),
            DecisionRow.outcome.in_([o.value for o in GRANTING]),
        )
    )
    found = []
    for did, case_id, kind, provider, price, decided, start, until in rows:
        last = _day(ended.get(did)) or _day(until)
        first = _day(start)
        found.append(
            InsatsFacts(
                case_id=case_id,
                decision_id=did,
                insats_type=kind,
                provider=provider or "",
                shelter=kind in shelter,
                decided_on=_day(decided) or first or date.min,
                start=first,
                end=last,
                price_per_night=price,
                children_along=int(along.get(did, 0)),
            )
        )
    return tuple(found)


@cache
def _parsed(content: str) -> Instrument:
    return parse_instrument_text(content)


def _assessments(session: Session) -> tuple[AssessmentFacts, ...]:
    instruments = {key: i for key, (i, _t, _s) in bundled_versions().items()}
    for iid, version, content in session.execute(
        select(InstrumentRow.instrument_id, InstrumentRow.version, InstrumentRow.content)
    ):
        instruments[(iid, version)] = _parsed(content)
    found = []
    for case_id, iid, version, fields, judgement, signed in session.execute(
        select(
            RiskAssessmentRow.case_id,
            RiskAssessmentRow.instrument_id,
            RiskAssessmentRow.instrument_version,
            RiskAssessmentRow.field_values,
            RiskAssessmentRow.judgement,
            RiskAssessmentRow.signed_on,
        ).where(RiskAssessmentRow.signed_utc.is_not(None))
    ):
        instrument = instruments.get((iid, version))
        method = instrument.standardised_method(_fields(fields)) if instrument else None
        name = method or (instrument.name if instrument else iid)
        found.append(
            AssessmentFacts(case_id, name, method is not None, judgement, _day(signed) or date.min)
        )
    return tuple(found)


def _fields(text: str) -> dict[str, str]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _follow_ups(session: Session) -> tuple[FollowUpFacts, ...]:
    goals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for follow_up_id, outcome, count in session.execute(
        select(FollowUpGoalRow.follow_up_id, FollowUpGoalRow.outcome, func.count()).group_by(
            FollowUpGoalRow.follow_up_id, FollowUpGoalRow.outcome
        )
    ):
        goals[follow_up_id][outcome] = int(count)
    found = []
    for fid, case_id, held, client in session.execute(
        select(
            FollowUpRow.id, FollowUpRow.case_id, FollowUpRow.held_on, FollowUpRow.client_took_part
        ).where(FollowUpRow.signed_utc.is_not(None), FollowUpRow.held_on.is_not(None))
    ):
        g = goals.get(fid, {})
        found.append(
            FollowUpFacts(
                case_id,
                date.fromisoformat(str(held)),
                bool(client),
                g.get("reached", 0),
                g.get("partly", 0),
                g.get("not_reached", 0),
            )
        )
    return tuple(found)


# The egenkontroll's deadline questions, and what their answers count as.
_DEADLINE_QUESTIONS = {
    Question.K8: ("preliminary", k8_preliminary_within_14_days),
    Question.K9: ("investigation", k9_finished_within_4_months),
    Question.K6: ("follow_up", k6_follow_up),
}
_OUTCOMES = {Answer.JA: "in_time", Answer.DELVIS: "partly", Answer.NEJ: "late"}


def deadline_facts(
    session: Session, cases: tuple[CaseFacts, ...], period: Period, on: date
) -> tuple[DeadlineFacts, ...]:
    """The egenkontroll's deadline questions (K8 the förhandsbedömning within 14 days, K9 the
    child investigation within four months, K6 the follow-up with the client at least every
    six months) for the cases aktualiserade in `period`, answered on `on` by the egenkontroll's
    own rules (domain/compliance*.py), so both pages give the same answer. The one place the
    statistics ask them."""
    wanted = [c.case_id for c in cases if period.contains(c.intake_on)]
    rules = compliance_rules(session)
    found = []
    for facts in deadline_case_facts(session, wanted):
        for kind, rule in _DEADLINE_QUESTIONS.values():
            outcome = _OUTCOMES.get(rule(facts, rules, on).answer)
            if outcome is not None:
                found.append(DeadlineFacts(kind, facts.case_id, outcome))
    return tuple(found)
