"""A hand-built register with known answers, made through the real services with the injected
clock: a protected case, a man, a child, a case spanning two years, a perpetrator's case, a
case with several markers, a skyddat boende stay with a price per dygn, a follow-up with the
client, assessments (standardised and not), a child report decided in time, and two closings.

Anna is responsible for every case; the manager (Chef) cannot open the protected one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from tests.casework import adult, personnummer, protected_adult, register
from tests.team import Team
from vinr_desktop.domain.care_plans import CarePlanDraft, GoalDraft, Responsibility
from vinr_desktop.domain.care_plans import ResponsibleRole as Role
from vinr_desktop.domain.case_facts import Sex
from vinr_desktop.domain.cases import IntakeKind, PreliminaryOutcome
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.follow_ups import (
    ClientAnswer,
    FollowUpDecision,
    FollowUpDraft,
    GoalOutcome,
    GoalResult,
)
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.domain.risk import AssessmentDraft
from vinr_desktop.views.cases import CaseRef


@dataclass
class Built:
    a: CaseRef  # woman, several markers, skyddat boende (30 dygn in March), SARA:SV, closed
    b: CaseRef  # protected woman, police report, checklist assessment
    c: CaseRef  # man, application
    d: CaseRef  # child, report, förhandsbedömning in time
    e: CaseRef  # woman, came in 2025, stödsamtal over the new year, follow-up, closed 2026
    f: CaseRef  # man, only as violent person (not in the Kolada figures)


def at(team: Team, day: date) -> None:
    team.env.clock.now = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def _main(team: Team, ref: CaseRef) -> str:
    facts = team.services.facts.facts(ref.case_id)
    return facts.persons[0][0]


def _sex(team: Team, ref: CaseRef, sex: Sex) -> None:
    team.services.facts.set_sex(ref.case_id, _main(team, ref), sex)


def _provider(team: Team, name: str, kind: str, price: int | None) -> str:
    return team.services.care.providers.add(
        ProviderInput(
            name=name,
            kind=kind,
            contact_person="Kontakt Fiktiv",
            takes_children=True,
            agreement_ref="Avtal 2026:1",
            permit_number="IVO 1.1-0000/2026" if kind == "skyddat_boende" else "",
            price_per_night=price,
        )
    )


def _decision(kind: str, provider: str, start: date, end: date, decided: date) -> DecisionDraft:
    return DecisionDraft(
        outcome=DecisionOutcome.GRANTED,
        applied_on=decided,
        decided_on=decided,
        legal_ground="sol2025_bistand",
        insats_type=kind,
        provider_id=provider,
        period_from=start,
        period_to=end,
        extent="Enligt plan",
        motivation="Klienten behöver stöd.",
    )


def _assess(team: Team, ref: CaseRef, which: str, level: RiskLevel, **fields: str) -> None:
    risk = team.services.risk
    (person,) = risk.persons_for(ref.case_id, which)
    assessment = risk.start(ref.case_id, which, person.person_id)
    today = team.env.clock.now.date()
    if fields:
        draft = AssessmentDraft(assessed_on=today, judgement=level, field_values=fields)
    else:
        draft = AssessmentDraft(
            assessed_on=today,
            answers={},
            victim_estimate="Hon är rädd.",
            victim_level=level,
            protective_factors="Syster i närheten.",
            judgement=level,
            motivation="Hot.",
            actions="Säkerhetsplan.",
        )
    risk.sign(ref.case_id, assessment, draft)


def build(team: Team) -> Built:
    team.act_as("anna")
    s = team.services
    # E: came in November 2025, stödsamtal from December to May, followed up with her.
    at(team, date(2025, 11, 20))
    e = register(s, adult("Erika", "Tvåårsson-Fiktiv", serial=701), intake=date(2025, 11, 20),
                 markers=("violence_physical", "target_adult_victim"))  # fmt: skip
    _sex(team, e, Sex.WOMAN)
    talks = _provider(team, "Stödmottagningen (fiktiv)", "kvinnojour", None)
    at(team, date(2025, 11, 28))
    decision = s.care.decisions.sign(
        e.case_id, None,
        _decision("stodsamtal", talks, date(2025, 12, 1), date(2026, 5, 31), date(2025, 11, 28)),
    )  # fmt: skip
    plan = s.care.care_plans.start(e.case_id, decision)
    s.care.care_plans.sign(
        e.case_id,
        plan,
        CarePlanDraft(
            goals=(GoalDraft("Trygg vardag", "Sover gott"), GoalDraft("Eget boende", "Kontrakt")),
            responsibilities=(Responsibility(Role.CASEWORKER, "Följer upp."),),
            period_from=date(2025, 12, 1),
            period_to=date(2026, 5, 31),
            client_participation="Tillsammans med klienten.",
            client_view="Bra.",
            children_needs="",
            follow_up_on=date(2026, 2, 20),
            follow_up_how="Möte.",
        ),
    )
    at(team, date(2026, 2, 15))
    form = s.care.follow_ups.form(e.case_id, decision)
    s.care.follow_ups.sign(
        e.case_id,
        decision,
        None,
        FollowUpDraft(
            held_on=date(2026, 2, 15),
            client_took_part=True,
            provider_took_part=False,
            others="",
            goals=(
                GoalResult(form.goals[0].goal_id, GoalOutcome.REACHED, ""),
                GoalResult(form.goals[1].goal_id, GoalOutcome.PARTLY, ""),
            ),
            answers=(ClientAnswer("helping", "yes", ""),),
            decision=FollowUpDecision.CONTINUE,
            decision_text="",
            next_on=date(2026, 5, 15),
        ),
    )
    # A: several markers, skyddat boende in March at 2 000 kr per dygn, SARA:SV, closed.
    at(team, date(2026, 2, 20))
    a = register(s, adult("Anna-Lena", "Flermarksson-Fiktiv", serial=702), intake=date(2026, 2, 20),
                 markers=("violence_physical", "violence_psychological", "target_adult_victim",
                          "relation_partner", "vuln_substance"))  # fmt: skip
    _sex(team, a, Sex.WOMAN)
    shelter = _provider(team, "Skyddade boendet (fiktivt)", "skyddat_boende", 2000)
    at(team, date(2026, 2, 25))
    s.care.decisions.sign(
        a.case_id, None,
        _decision("skyddat_boende", shelter, date(2026, 3, 1), date(2026, 3, 31),
                  date(2026, 2, 25)),
    )  # fmt: skip
    _assess(team, a, "externt-resultat", RiskLevel.HIGH, instrument="SARA:SV",
            datum="2026-02-19", gjord_av="Polisen (fiktiv)", huvudrisker="Hot.")  # fmt: skip
    # B: a protected woman, reported by the police; the program's own checklist.
    b = register(s, protected_adult(), kind=IntakeKind.REPORT, intake=date(2026, 2, 20),
                 markers=("violence_physical", "target_adult_victim"))  # fmt: skip
    _sex(team, b, Sex.WOMAN)
    _assess(team, b, "vinr-riskfaktorer", RiskLevel.MEDIUM)
    # C: a man who applied.
    c = register(s, adult("Carl", "Mansson-Fiktiv", serial=703), intake=date(2026, 2, 20),
                 markers=("violence_psychological", "target_adult_victim"))  # fmt: skip
    _sex(team, c, Sex.MAN)
    # D: a child, reported; the förhandsbedömning decided within the 14 days.
    child = replace(adult("Dani", "Barnsson-Fiktiv"),
                    identity_text=personnummer(date(2016, 5, 5), 704))  # fmt: skip
    d = register(s, child, kind=IntakeKind.REPORT, intake=date(2026, 2, 20),
                 markers=("violence_child_witness", "target_child_witness"))  # fmt: skip
    (report,) = s.reports.reports(d.case_id)
    s.reports.record_protection(d.case_id, report.report_id, date(2026, 2, 20), False, "")
    at(team, date(2026, 2, 27))
    s.reports.record_preliminary(
        d.case_id, report.report_id, date(2026, 2, 27), PreliminaryOutcome.NO_INVESTIGATION, "Ok"
    )
    # F: a man in the case only as violent person (own initiative).
    f = register(s, adult("Frans", "Utövarsson-Fiktiv", serial=705), intake=date(2026, 2, 20),
                 kind=IntakeKind.INITIATIVE,
                 markers=("violence_physical", "target_perpetrator"))  # fmt: skip
    _sex(team, f, Sex.MAN)
    # Closings in April: A with the goal reached, E partly.
    at(team, date(2026, 4, 2))
    s.cases.close(a.case_id, "goal_reached", "", "Målet nått.")
    s.cases.close(e.case_id, "goal_partly_reached", "", "Delvis.")
    at(team, date(2026, 6, 1))
    return Built(a, b, c, d, e, f)
