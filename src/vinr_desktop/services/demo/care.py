"""Demo care work: fictional providers, decisions with vårdplaner (one in two versions),
genomförandeplaner (one requested, reminded and overdue, one received, one written for egen
insats), follow-ups held with the client, an insats whose period ran out without an ending
recorded, a refused decision and a registered application.

Written through the real services as the demo handläggare, on cases `fill_demo_cases` made, so
every row, journal line and audit event is what the program itself writes. No case is
registered here (the demo keeps its forty cases): a child coming along to skyddat boende gets
its own decision only in a case of its own that already exists; otherwise the case shows the
egenkontroll warning the handläggare would act on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select

from vinr_desktop.access.policy import parse_roles
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain.care_plans import CarePlanDraft, GoalDraft, Responsibility
from vinr_desktop.domain.care_plans import ResponsibleRole as Role
from vinr_desktop.domain.cases import CaseStatus
from vinr_desktop.domain.communication import CommunicationHow
from vinr_desktop.domain.decision_letters import DeliveryHow
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.disclosure import DisclosureBasis
from vinr_desktop.domain.errors import UserError
from vinr_desktop.domain.follow_ups import (
    ClientAnswer,
    FollowUpDecision,
    FollowUpDraft,
    GoalOutcome,
    GoalResult,
)
from vinr_desktop.domain.persons import ContactDetails, PersonRole
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.services.casefacts.records import CaseFactsService
from vinr_desktop.services.cases.cases import CaseService
from vinr_desktop.services.casework import CareServices
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.letters.service import LetterService
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.care import Activity, DecisionView, ImplementationPlanInput, ReceivedAs
from vinr_desktop.views.cases import CaseListRow

CASEWORKER = "handlaggare"
GROUND = "sol2025_bistand"

PROVIDERS: tuple[ProviderInput, ...] = (
    ProviderInput(
        name="Kvinnojouren Fiktiva",
        kind="kvinnojour",
        contact=ContactDetails("Jourvägen 1", "000 90", "Demoby", "070-174 06 50"),
        contact_person="Jourkontakt Fiktivsdotter",
        takes_children=True,
        agreement_ref="Avtal 2026:3 (fiktivt)",
        quality_requirements="Stödsamtal av utbildad personal. Tolk vid behov.",
    ),
    ProviderInput(
        name="Demoby skyddade boende (fiktivt)",
        kind="skyddat_boende",
        contact=ContactDetails("Boxvägen 2", "000 91", "Demoby", "070-174 06 51"),
        contact_person="Boendeansvarig Påhittsson",
        takes_children=True,
        agreement_ref="Ramavtal 2025:12 (fiktivt)",
        quality_requirements="Bemanning dygnet runt. Barnen har egen kontaktperson.",
        permit_number="IVO 3.5.1-00000/2026 (fiktivt)",
        price_per_night=2400,  # fictional: the statistics' skyddat boende cost
    ),
    ProviderInput(
        name="HVB Påhittet (fiktivt)",
        kind="hvb",
        contact=ContactDetails("Låtsasgatan 3", "000 92", "Demoby", "070-174 06 52"),
        permit_number="IVO 3.5.1-00001/2026 (fiktivt)",
    ),
    ProviderInput(
        name="Jourlägenheten Demogatan (fiktiv)",
        kind="jourlagenhet",
        takes_children=True,
        price_per_night=900,
    ),
    ProviderInput(
        name="Demokommunens öppenvård (fiktiv)",
        kind="egen_oppenvard",
        contact=ContactDetails("Kommunhuset", "000 93", "Demoby", "070-174 06 53"),
        takes_children=True,
    ),
    ProviderInput(name="Egen insats", kind="egen_insats", takes_children=True),
)


def fill_demo_care(ctx: AppContext) -> None:
    """Add the care work to a store that `fill_demo_cases` has filled."""
    with as_caseworker(ctx):
        care = CareServices.for_context(ctx)
        providers = [care.providers.add(p) for p in PROVIDERS]
        jour, shelter, _hvb, _flat, _open, own = providers
        today = ctx.now().astimezone().date()
        cases = _with_child_first(ctx, _open_adult_cases(ctx, today))
        if len(cases) < 4:
            return
        _shelter_with_two_plan_versions(ctx, care, cases[0], shelter, today)
        _overdue_implementation_plan(care, cases[1], jour, today)
        _own_insats_with_overdue_follow_up(care, cases[2], own, today)
        _refused_and_applied(care, LetterService(ctx), cases[3], jour, today)
        if len(cases) > 4:
            _period_ended_without_reason(care, cases[4], jour, today)


@contextmanager
def as_caseworker(ctx: AppContext) -> Iterator[None]:
    """The demo handläggare as the user for the duration (the store is already unlocked)."""
    store, before = ctx.require_store(), ctx.user
    with store.session() as session:
        row = session.execute(select(UserRow).where(UserRow.username == CASEWORKER)).scalar_one()
        user = CurrentUser(row.id, row.username, row.full_name, parse_roles(row.roles.split(",")))
    ctx.user = user
    try:
        yield
    finally:
        ctx.user = before


def _open_adult_cases(ctx: AppContext, today: date) -> list[CaseListRow]:
    """The handläggare's open adult cases that arrived at least seven months ago."""
    latest = (today - timedelta(days=215)).isoformat()
    rows = [
        c
        for c in CaseService(ctx).list_cases()
        if c.own
        and not c.is_child_case
        and c.status is not CaseStatus.CLOSED
        and c.intake_date <= latest
    ]
    rows.sort(key=lambda c: (c.intake_date, c.number))
    return rows


def _with_child_first(ctx: AppContext, cases: list[CaseListRow]) -> list[CaseListRow]:
    """The same cases, the first one with a child of the household moved to the front (the
    skyddat boende demo takes the child along)."""
    service = CaseService(ctx)
    for n, case in enumerate(cases):
        if any(p.role is PersonRole.CHILD for p in service.details(case.case_id).persons):
            return [case, *cases[:n], *cases[n + 1 :]]
    return cases


def _decision(
    provider: str, insats: str, start: date, months: int, extent: str, motivation: str
) -> DecisionDraft:
    return DecisionDraft(
        outcome=DecisionOutcome.GRANTED,
        applied_on=start - timedelta(days=9),
        decided_on=start - timedelta(days=2),
        legal_ground=GROUND,
        insats_type=insats,
        provider_id=provider,
        period_from=start,
        period_to=start + timedelta(days=30 * months),
        extent=extent,
        motivation=motivation,
    )


def _draft_of(view: DecisionView) -> DecisionDraft:
    """A prepared decision as a draft to complete (the demo's handläggare fills it in)."""
    return DecisionDraft(
        outcome=view.outcome,
        applied_on=date.fromisoformat(view.applied_on) if view.applied_on else None,
        decided_on=date.fromisoformat(view.decided_on) if view.decided_on else None,
        legal_ground=view.legal_ground,
        insats_type=view.insats_type,
        provider_id=view.provider_id,
        period_from=date.fromisoformat(view.period_from) if view.period_from else None,
        period_to=date.fromisoformat(view.period_to) if view.period_to else None,
        extent=view.extent,
        motivation=view.motivation,
    )


def _plan(start: date, follow_up_on: date, goals: tuple[GoalDraft, ...]) -> CarePlanDraft:
    return CarePlanDraft(
        goals=goals,
        responsibilities=(
            Responsibility(Role.CASEWORKER, "Håller kontakten med klienten och följer upp."),
            Responsibility(Role.PROVIDER, "Ger stöd enligt genomförandeplanen."),
            Responsibility(Role.CLIENT, "Deltar i samtalen och säger till om något ändras."),
        ),
        period_from=start,
        period_to=None,
        client_participation="Planen skrevs tillsammans med klienten vid ett besök.",
        client_view="Klienten vill främst känna sig trygg och få hjälp med boendet.",
        children_needs="Barnen behöver vuxna att prata med och en lugn skolgång.",
        follow_up_on=follow_up_on,
        follow_up_how="Uppföljningsmöte med klienten, utföraren deltar.",
    )


# The private providers' insatser have the client's consent to tell them her details (without
# it no document for the provider is made); the expired jour insats shows the missing basis.
CONSENT_NOTE = "Klienten samtyckte muntligt vid besöket."

GOALS = (
    GoalDraft("Klienten känner sig trygg i vardagen.", "Klienten beskriver vardagen som trygg."),
    GoalDraft("Klienten har ett eget boende.", "Ett hyreskontrakt finns."),
    GoalDraft("Barnen går i skolan varje dag.", "Skolan bekräftar närvaron."),
)


def _shelter_with_two_plan_versions(
    ctx: AppContext, care: CareServices, case: CaseListRow, shelter: str, today: date
) -> None:
    start = today - timedelta(days=200)
    details = CaseService(ctx).details(case.case_id)
    children = [p.person_id for p in details.persons if p.role is PersonRole.CHILD][:1]
    draft = _decision(shelter, "skyddat_boende", start, 9, "Boende dygnet runt", "Akut hot.")
    draft = DecisionDraft(**{**draft.__dict__, "children_along": tuple(children)})
    decision = care.decisions.sign(case.case_id, None, draft)
    care.disclosure.record(case.case_id, decision, DisclosureBasis.CONSENT, CONSENT_NOTE)
    first = care.care_plans.start(case.case_id, decision)
    care.care_plans.sign(case.case_id, first, _plan(start, start + timedelta(days=60), GOALS))
    care.implementation_plans.record_request(
        case.case_id, decision, start + timedelta(days=3), "Brev till boendet"
    )
    care.implementation_plans.record_received(
        case.case_id,
        decision,
        ImplementationPlanInput(
            received_on=start + timedelta(days=15),
            received_as=ReceivedAs.TYPED,
            activities=(
                Activity("Stödsamtal", "Trygghet", "Boendets personal", "Varje vecka", "Enskilt"),
                Activity("Bostadssökande", "Eget boende", "Klienten med stöd", "Löpande", "Möten"),
            ),
            participation="Klienten var med och valde tider.",
            adopted_on=start + timedelta(days=14),
            follow_up="Boendet stämmer av varje månad.",
        ),
    )
    _follow_up(care, case.case_id, decision, start + timedelta(days=60), FollowUpDecision.CHANGE)
    second = care.care_plans.start(case.case_id, decision)
    goals = (*GOALS, GoalDraft("Klienten har kontakt med hälsocentralen.", "Ett besök är bokat."))
    care.care_plans.sign(case.case_id, second, _plan(start, start + timedelta(days=150), goals))
    _follow_up(care, case.case_id, decision, start + timedelta(days=150), FollowUpDecision.CONTINUE)
    for child in children:
        _child_decision(care, case.case_id, decision, child)


def _child_decision(care: CareServices, case_id: str, decision: str, child: str) -> None:
    """Only when the child already has a case of its own the handläggare may write in."""
    along = care.decisions.get(case_id, decision).children_along
    own_case = next((c.child_case_id for c in along if c.person_id == child), None)
    if own_case is None or not CaseService(care.decisions.ctx).details(own_case).writable:
        return
    try:
        result = care.decisions.prepare_child_placement(case_id, decision, child)
        prepared = care.decisions.get(result.case_id, result.decision_id)
        if not prepared.is_draft:
            return
        care.decisions.sign(
            result.case_id,
            result.decision_id,
            replace(
                _draft_of(prepared),
                legal_ground="sol2025_skyddat_boende_barn",
                guardian_consent="all",
                child_needs="Barnet har sett våldet hemma och behöver en trygg vardag och skola.",
                motivation="Barnet behöver skydd och följer med sin förälder till boendet.",
            ),
        )
    except UserError:
        return
    assert not result.new_case


def _follow_up(
    care: CareServices, case_id: str, decision: str, held_on: date, choice: FollowUpDecision
) -> None:
    form = care.follow_ups.form(case_id, decision)
    outcomes = (GoalOutcome.PARTLY, GoalOutcome.REACHED, GoalOutcome.NOT_REACHED)
    care.follow_ups.sign(
        case_id,
        decision,
        None,
        FollowUpDraft(
            held_on=held_on,
            client_took_part=True,
            provider_took_part=True,
            others="",
            goals=tuple(
                GoalResult(g.goal_id, outcomes[n % 3], "Samtalat om målet med klienten.")
                for n, g in enumerate(form.goals)
            ),
            answers=(
                ClientAnswer("helping", "yes", "Samtalen hjälper mig."),
                ClientAnswer("safer", "partly", "Tryggare, men inte på kvällarna."),
                ClientAnswer("change", "yes" if choice is FollowUpDecision.CHANGE else "no", ""),
            ),
            decision=choice,
            decision_text="Vårdplanen ändras med ett nytt mål."
            if choice is FollowUpDecision.CHANGE
            else "",
            next_on=held_on + timedelta(days=90),
        ),
    )


def _overdue_implementation_plan(
    care: CareServices, case: CaseListRow, jour: str, today: date
) -> None:
    start = today - timedelta(days=45)
    draft = _decision(jour, "stodsamtal", start, 6, "Ett samtal i veckan", "Behov av stöd.")
    decision = care.decisions.sign(case.case_id, None, draft)
    care.disclosure.record(case.case_id, decision, DisclosureBasis.CONSENT, CONSENT_NOTE)
    plan = care.care_plans.start(case.case_id, decision)
    care.care_plans.sign(case.case_id, plan, _plan(start, start + timedelta(days=90), GOALS[:2]))
    care.implementation_plans.record_request(
        case.case_id, decision, start + timedelta(days=2), "E-post till jouren"
    )
    # Reminded once, still not received: the first request date stays, the reminder is its own
    # dated row.
    CaseFactsService(care.decisions.ctx).record_reminder(
        case.case_id, decision, today - timedelta(days=26), "Telefon till jouren"
    )


def _period_ended_without_reason(
    care: CareServices, case: CaseListRow, jour: str, today: date
) -> None:
    """An insats whose period ran out three weeks ago with no Avsluta insats recorded: flagged
    "avslutad utan skäl" until the handläggare records the ending (it can be dated back)."""
    start = today - timedelta(days=200)
    draft = _decision(jour, "stodsamtal", start, 6, "Ett samtal i veckan", "Behov av stöd.")
    decision = care.decisions.sign(case.case_id, None, draft)
    plan = care.care_plans.start(case.case_id, decision)
    care.care_plans.sign(case.case_id, plan, _plan(start, start + timedelta(days=90), GOALS[:1]))


def _own_insats_with_overdue_follow_up(
    care: CareServices, case: CaseListRow, own: str, today: date
) -> None:
    start = today - timedelta(days=210)
    draft = _decision(own, "stodsamtal", start, 12, "Samtal varannan vecka", "Behov av stöd.")
    decision = care.decisions.sign(case.case_id, None, draft)
    plan = care.care_plans.start(case.case_id, decision)
    care.care_plans.sign(case.case_id, plan, _plan(start, start + timedelta(days=120), GOALS[:1]))
    care.implementation_plans.record_received(
        case.case_id,
        decision,
        ImplementationPlanInput(
            received_on=start + timedelta(days=7),
            received_as=ReceivedAs.TYPED,
            activities=(Activity("Stödsamtal", "Trygghet", "Handläggaren", "Varannan vecka", ""),),
            participation="Klienten valde själv samtalens innehåll.",
            adopted_on=start + timedelta(days=7),
        ),
    )


def _refused_and_applied(
    care: CareServices, letters: LetterService, case: CaseListRow, jour: str, today: date
) -> None:
    refused = DecisionDraft(
        outcome=DecisionOutcome.REFUSED,
        applied_on=today - timedelta(days=40),
        decided_on=today - timedelta(days=30),
        legal_ground=GROUND,
        insats_type="ekonomiskt_bistand",
        provider_id=None,
        period_from=None,
        period_to=None,
        extent="",
        motivation="Behovet tillgodoses på annat sätt.",
    )
    decision = care.decisions.save_draft(case.case_id, None, refused)
    communicated = letters.record_communication(
        case.case_id,
        decision,
        today - timedelta(days=37),
        CommunicationHow.VISIT,
        "Utredningen om ekonomiskt bistånd.",
        today - timedelta(days=31),
    )
    letters.record_answer(
        case.case_id, communicated, today - timedelta(days=33), "Inget att tillägga."
    )
    care.decisions.sign(case.case_id, decision, refused)
    letters.record_sent(case.case_id, decision, today - timedelta(days=29), DeliveryHow.POST)
    applied = DecisionDraft(
        outcome=DecisionOutcome.APPLIED,
        applied_on=today - timedelta(days=3),
        decided_on=None,
        legal_ground="",
        insats_type="stodsamtal",
        provider_id=jour,
        period_from=None,
        period_to=None,
        extent="",
        motivation="",
    )
    care.decisions.save_draft(case.case_id, None, applied)
