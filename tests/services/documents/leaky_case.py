"""A case built to leak, for the redaction tests: a protected client with marker strings in
her street, postal code, town, phone, e-mail and safe places; her child at the same address
without a level of her own; a protected relative in the register's own town; a violent person
with his own markers. The markers are typed, in many spellings, into every free text the program
has: journal, motivations, goals, item comments, the safety plan, follow-up answers, a
nödåtkomst reason (`leaky`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tests.casework import adult, entry, register
from tests.team import Team
from vinr_desktop.domain.care_plans import CarePlanDraft, GoalDraft, Responsibility
from vinr_desktop.domain.care_plans import ResponsibleRole as Role
from vinr_desktop.domain.communication import CommunicationHow
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.follow_ups import (
    ClientAnswer,
    FollowUpDecision,
    FollowUpDraft,
    GoalOutcome,
    GoalResult,
)
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind
from vinr_desktop.domain.persons import ContactDetails, PersonRole, ProtectionLevel
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.domain.redaction import DocumentKind
from vinr_desktop.domain.risk import Answer, AssessmentDraft
from vinr_desktop.domain.safety_plan import SafetyPlanDraft
from vinr_desktop.services.accounts.profile import ProfileService
from vinr_desktop.views.care import Activity, ImplementationPlanInput, ReceivedAs

HOME = ContactDetails(
    "Hemlighetsgatan 17B lgh 1102",
    "981 37",
    "Gömställeby",
    "070-981 37 46",
    "sigrid.undangomd@gomstalle.invalid",
)
SAFE_PLACES = "Lönnkammaren hos mormor, Björkebacken 12 i Tystnadsby"
CHILD_PHONE = "073-246 81 35"
VIOLENT = ContactDetails(
    "Hotfullgatan 5", "000 12", "Demoby", "076-555 44 33", "valdemar@hot.invalid"
)
WORK_PHONE = "0690-250 100"

# How people write them in notes (cycled through the free texts below).
SPELLINGS = {
    "street": (
        "Hemlighetsgatan 17B",
        "hemlighetsgatan",
        "HEMLIGHETSGATAN 17 B",
        "Hemlighetsgatan 17 b lgh 1102",
        "17B",
        "Hemlighetsgatans",
    ),
    "postal": ("981 37", "98137", "SE-981 37"),
    "town": ("Gömställeby", "gomstalleby", "GÖMSTÄLLEBY", "Gomställebys"),
    "phone": ("070-981 37 46", "0709813746", "+46 70 981 37 46", "+46709813746", "070 98 13 746"),
    "email": ("sigrid.undangomd@gomstalle.invalid", "SIGRID.UNDANGOMD@GOMSTALLE.INVALID"),
    "place": ("Lönnkammaren", "lonnkammaren", "Björkebacken 12", "tystnadsby"),
    "child": (CHILD_PHONE, "0732468135"),
    "relative": ("Morbrorsgränd 4", "morbrorsgrand"),
    "violent": ("Valdemar", "Farligsson-Fiktiv", "valdemar farligsson-fiktiv", "Hotfullgatan 5"),
    "violent_phone": ("0765554433", "+46 76 555 44 33", "valdemar@hot.invalid"),
}
# Forbidden everywhere: words (compared folded) and numbers (compared as digits only).
NEVER_WORDS = (
    "hemlighetsgatan",
    "gomstalleby",
    "undangomd",
    "lonnkammaren",
    "bjorkebacken",
    "tystnadsby",
    "morbrorsgrand",
)
NEVER_DIGITS = ("709813746", "732468135")
NEVER_PATTERNS = (r"(?<!\d)981[\s\-]?37(?!\d)", r"lgh\s*1102", r"(?<!\d)17\s?B\b")
VIOLENT_WORDS = ("valdemar", "farligsson", "hotfullgatan", "hot.invalid")
VIOLENT_DIGITS = ("765554433",)
KEEP = "BEHÅLLTEXT"  # the ordinary part of every free text: must survive the scrubber


def leaky(n: int, where: str) -> str:
    """A note about the case mentioning every secret, in spellings that change with `n`."""

    def pick(key: str) -> str:
        options = SPELLINGS[key]
        return options[n % len(options)]

    return (
        f"{KEEP} {where}: hembesök på {pick('street')}, {pick('postal')} {pick('town')}; "
        f"ring {pick('phone')} eller mejla {pick('email')}. Hon flyr till {pick('place')}. "
        f"Barnet nås på {pick('child')}. Morbror bor på {pick('relative')}. "
        f"{pick('violent')} ringer från {pick('violent_phone')}."
    )


@dataclass(frozen=True)
class Setup:
    team: Team
    case_id: str
    number: str
    objects: dict[DocumentKind, str]
    client_name: str


def _count() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1


def build_leaky_case(team: Team) -> Setup:
    """Everything above, through the real services, as Anna (the chef starts a nödåtkomst)."""
    ProfileService(team.env.ctx).set_contact_of(
        team.users["anna"].user_id, WORK_PHONE, "anna@ex.invalid"
    )
    team.act_as("anna")
    s, care, n = team.services, team.services.care, _count()
    protection = ProtectionLevel.PROTECTED_REGISTRATION
    client = adult("Sigrid", "Skyddadotter-Fiktiv", serial=401, protection=protection, contact=HOME)
    ref = register(s, client)
    child_home = ContactDetails(HOME.street, HOME.postal_code, HOME.city, CHILD_PHONE)
    s.persons.add_to_case(
        ref.case_id,
        adult(
            "Lilla", "Skyddadotter-Fiktiv", birth=date(2015, 5, 5), serial=402, contact=child_home
        ),
        PersonRole.CHILD,
    )
    s.persons.add_to_case(
        ref.case_id,
        adult(
            "Morbror",
            "Gömdsson-Fiktiv",
            serial=403,
            protection=ProtectionLevel.CONFIDENTIALITY_MARK,
            contact=ContactDetails("Morbrorsgränd 4", "000 14", "Exempelby"),
        ),
        PersonRole.RELATIVE,
    )
    s.persons.add_to_case(
        ref.case_id,
        adult("Valdemar", "Farligsson-Fiktiv", serial=404, contact=VIOLENT),
        PersonRole.PERPETRATOR,
    )
    main_id = next(
        p.person_id for p in s.cases.details(ref.case_id).persons if p.role.value == "main"
    )
    plan = SafetyPlanDraft(
        contacts=leaky(next(n), "kontakter"),
        safe_places=SAFE_PLACES,
        signals=leaky(next(n), "signaler"),
        actions_when=leaky(next(n), "gör när"),
        children_part=leaky(next(n), "barnens del"),
    )
    safety = s.safety_plans.save_draft(ref.case_id, main_id, None, plan)
    s.safety_plans.sign(ref.case_id, safety, plan)
    for _ in range(3):
        s.journal.sign(ref.case_id, None, entry(leaky(next(n), "journal")))
    s.journal.sign(
        ref.case_id,
        None,
        EntryDraft(
            date(2026, 2, 26),
            EntryKind.PHONE,
            SourceKind.AUTHORITY,
            "Kvinnojouren Exempelby",  # the register's own town: not a locating detail
            leaky(next(n), "jouren"),
        ),
    )
    risk = s.risk
    assessment = risk.start(ref.case_id, "vinr-riskfaktorer", main_id)
    risk.sign(
        ref.case_id,
        assessment,
        AssessmentDraft(
            assessed_on=date(2026, 2, 27),
            answers={
                "vapen": Answer("ja", leaky(next(n), "vapen")),
                "dodshot": Answer("ja", leaky(next(n), "dödshot")),
            },
            victim_estimate=leaky(next(n), "hennes bedömning"),
            victim_level=RiskLevel.HIGH,
            protective_factors=leaky(next(n), "skydd"),
            judgement=RiskLevel.HIGH,
            motivation=leaky(next(n), "motivering"),
            actions=leaky(next(n), "åtgärder"),
        ),
    )
    provider = care.providers.add(
        ProviderInput(
            name="Kvinnojouren Exempelby",
            kind="kvinnojour",
            takes_children=True,
            contact=ContactDetails("Jourvägen 1", "000 13", "Exempelby", "070-174 06 10"),
            agreement_ref="Avtal 2026",
            quality_requirements=leaky(next(n), "kvalitet"),
        )
    )
    decision = care.decisions.sign(
        ref.case_id,
        None,
        DecisionDraft(
            DecisionOutcome.GRANTED,
            date(2026, 2, 20),
            date(2026, 2, 25),
            "sol2025_bistand",
            "stodsamtal",
            provider,
            date(2026, 3, 1),
            date(2026, 8, 31),
            leaky(next(n), "omfattning"),
            leaky(next(n), "beslutsmotivering"),
        ),
    )
    care.disclosure.record(ref.case_id, decision, "consent", "")  # the client consents
    plan_id = care.care_plans.start(ref.case_id, decision)
    care.care_plans.sign(
        ref.case_id,
        plan_id,
        CarePlanDraft(
            goals=(
                GoalDraft(leaky(next(n), "mål"), leaky(next(n), "så syns det")),
                GoalDraft(leaky(next(n), "mål två"), leaky(next(n), "indikator")),
            ),
            responsibilities=(Responsibility(Role.PROVIDER, leaky(next(n), "utföraren")),),
            period_from=date(2026, 3, 1),
            period_to=date(2026, 8, 31),
            client_participation=leaky(next(n), "delaktighet"),
            client_view=leaky(next(n), "hennes synpunkter"),
            children_needs=leaky(next(n), "barnens behov"),
            follow_up_on=date(2026, 6, 1),
            follow_up_how=leaky(next(n), "uppföljning"),
        ),
    )
    plans = care.implementation_plans
    plans.record_request(ref.case_id, decision, date(2026, 2, 26), leaky(next(n), "begäran"))
    plans.record_received(
        ref.case_id,
        decision,
        ImplementationPlanInput(
            date(2026, 3, 1),
            ReceivedAs.TYPED,
            document_note=leaky(next(n), "dokument"),
            activities=(
                Activity(
                    leaky(next(n), "aktivitet"),
                    leaky(next(n), "aktivitetsmål"),
                    "Jouren",
                    "Tisdagar",
                    leaky(next(n), "hur"),
                ),
            ),
            participation=leaky(next(n), "klientens delaktighet"),
            follow_up=leaky(next(n), "utförarens uppföljning"),
        ),
    )
    goals = care.follow_ups.form(ref.case_id, decision).goals
    follow_up = care.follow_ups.sign(
        ref.case_id,
        decision,
        None,
        FollowUpDraft(
            date(2026, 3, 2),
            True,
            True,
            leaky(next(n), "deltog"),
            tuple(
                GoalResult(g.goal_id, GoalOutcome.PARTLY, leaky(next(n), "kommentar"))
                for g in goals
            ),
            (ClientAnswer("safer", "partly", leaky(next(n), "med egna ord")),),
            FollowUpDecision.CONTINUE,
            leaky(next(n), "beslutstext"),
            date(2026, 9, 2),
        ),
    )
    visit = _visit_plan(team, ref.case_id, n)
    partly, communication = _partly_granted(team, ref.case_id, provider, n)
    insight = _insight_copy(team, ref.case_id)
    team.act_as("chef")  # a nödåtkomst whose reason names her address: the log review
    s.sharing.start_emergency(ref.number, leaky(next(n), "nödåtkomst"))
    team.act_as("anna")
    return Setup(
        team,
        ref.case_id,
        ref.number,
        {
            DocumentKind.CARE_PLAN: plan_id,
            DocumentKind.ASSIGNMENT: decision,
            DocumentKind.IMPLEMENTATION_PLAN: decision,
            DocumentKind.FOLLOW_UP: follow_up,
            DocumentKind.CASE_SUMMARY: ref.case_id,
            DocumentKind.RISK_ASSESSMENT: assessment,
            DocumentKind.SAFETY_PLAN: safety,
            DocumentKind.VISIT_PLAN: visit,
            DocumentKind.DECISION_LETTER: partly,
            DocumentKind.COMMUNICATION_LETTER: communication,
            DocumentKind.INSIGHT_COPY: insight,
        },
        "Sigrid Skyddadotter-Fiktiv",
    )


def _partly_granted(team: Team, case_id: str, provider: str, n: Iterator[int]) -> tuple[str, str]:
    """A decision going against her, communicated first: the letters' free texts."""
    care, letters = team.services.care, team.services.letters
    draft = DecisionDraft(
        DecisionOutcome.PARTLY_GRANTED,
        date(2026, 2, 2),
        date(2026, 2, 25),
        "sol2025_bistand",
        "stodsamtal",
        provider,
        date(2026, 3, 1),
        date(2026, 5, 31),
        leaky(next(n), "delvis omfattning"),
        leaky(next(n), "skäl för delvis bifall"),
    )
    decision = care.decisions.save_draft(case_id, None, draft)
    communication = letters.record_communication(
        case_id,
        decision,
        date(2026, 2, 10),
        CommunicationHow.POST,
        leaky(next(n), "kommunicerat underlag"),
        date(2026, 2, 20),
    )
    care.decisions.sign(case_id, decision, draft)
    return decision, communication


def _insight_copy(team: Team, case_id: str) -> str:
    """A partsinsyn request with every item released, decided (the copy for the client)."""
    from vinr_desktop.domain import insight as rules
    from vinr_desktop.services.documents.insight_builder import insight_service

    insight = insight_service(team.env.ctx)
    request = insight.record_request(
        case_id,
        rules.RequestInput(rules.Requester.CLIENT, "", date(2026, 3, 1), rules.Scope.WHOLE),
    )
    for view in insight.draft(case_id, request).items:
        release = rules.ItemReview(rules.Verdict.RELEASE)
        insight.review(case_id, request, view.item.key, release)
    insight.decide(case_id, request)
    return request


def _visit_plan(team: Team, case_id: str, n: Iterator[int]) -> str:
    """A home visit planned with every text leaking (the besöksplan for the colleague)."""
    from datetime import timedelta

    from vinr_desktop.domain import home_visits as hv
    from vinr_desktop.services.home_visits.visits import HomeVisitService

    visits = HomeVisitService(team.env.ctx)
    start = team.env.clock.now + timedelta(hours=1)
    return visits.plan(
        case_id,
        hv.VisitPlanInput(
            starts_at=start,
            expected_back_at=start + timedelta(hours=2),
            address=leaky(next(n), "adress"),
            purpose=leaky(next(n), "syfte"),
            consent=hv.Consent.UNANNOUNCED,
            unannounced_reason=leaky(next(n), "oanmält"),
            companions=leaky(next(n), "följer med"),
            risk_answers={q.id: hv.Answer.YES for q in visits.risk_questions()},
            risk_note=leaky(next(n), "risk"),
        ),
    )
