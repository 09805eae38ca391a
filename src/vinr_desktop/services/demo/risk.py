"""Demo risk work: signed assessments over time (one case rising, one falling), an external
result, a child protection assessment, a draft in progress, a safety plan in two versions that
now "ska ses över", and a case flagged because the violent person has contact and the newest
assessment has run out.

Written through the real services as the demo's handläggare, with the clock moved back for
each step, so every row, journal line and audit event is what the program itself would write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.access.policy import parse_roles
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.risk import Answer, AssessmentDraft, ContactState
from vinr_desktop.domain.safety_plan import SafetyPlanDraft
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.risk.assessments import RiskService
from vinr_desktop.services.risk.safety_plans import SafetyPlanService
from vinr_desktop.store.case_schema import CaseRow
from vinr_desktop.store.schema import UserRow

if TYPE_CHECKING:
    from vinr_desktop.services.demo.cases import DemoFacts

CHECKLIST = "vinr-riskfaktorer"
_LOW, _MEDIUM, _HIGH = RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH

# (days ago, level, risk factors answered "ja") — rising, then falling.
_RISING = (
    (150, _LOW, ("kontroll",)),
    (75, _MEDIUM, ("kontroll", "forfoljelse", "separation")),
    (10, _HIGH, ("kontroll", "forfoljelse", "separation", "dodshot", "strypning", "egen_radsla")),
)
_FALLING = (
    (200, _HIGH, ("okning", "dodshot", "vapen", "egen_radsla", "missbruk")),
    (120, _MEDIUM, ("missbruk", "egen_radsla")),
    (40, _LOW, ("missbruk",)),
)
_MOTIVATION = {
    _LOW: "Inga aktuella hot. Eget boende och stöd av en syster. Följs upp.",
    _MEDIUM: "Kontrollen och förföljelsen har ökat efter separationen; den utsatta är orolig men "
    "har skyddsfaktorer omkring sig.",
    _HIGH: "Dödshot och stryptag efter separationen; våldsutövaren söker upp den utsatta, som "
    "är mycket rädd. Sammantaget hög risk för fortsatt och grovt våld.",
}


@dataclass
class _Clock:
    moment: datetime

    def __call__(self) -> datetime:
        return self.moment


def fill_demo_risk(ctx: AppContext, facts: DemoFacts) -> None:
    """Add the risk work to a demo store that `fill_demo_cases` has filled (store unlocked)."""
    store = ctx.require_store()
    with store.session() as session:
        worker = session.execute(
            select(UserRow).where(UserRow.username == "handlaggare")
        ).scalar_one_or_none()
        if worker is None:
            return
        user = CurrentUser(
            worker.id, worker.username, worker.full_name, parse_roles(worker.roles.split(","))
        )
        cases = session.execute(
            select(CaseRow.id, CaseRow.protected, CaseRow.is_child_case).where(
                CaseRow.id.in_(facts.case_ids),
                CaseRow.responsible_user_id == worker.id,
                CaseRow.status != "closed",
            )
        ).all()
    adults = sorted((c.id, c.protected) for c in cases if not c.is_child_case)
    children = sorted(c.id for c in cases if c.is_child_case)
    protected = [case_id for case_id, p in adults if p]
    plain = [case_id for case_id, p in adults if not p]
    if len(plain) < (3 if protected else 4):  # a small demo (vinr-admin demo --cases 7)
        return
    rising = protected[0] if protected else plain.pop()
    falling, flagged, drafted = plain[0], plain[1], plain[2]

    real_now, before = ctx.now, ctx.user
    clock = _Clock(real_now())
    ctx.now, ctx.user = clock, user
    store.use_clock(clock)
    try:
        _Writer(ctx, clock, real_now()).fill(rising, falling, flagged, drafted, children)
    finally:
        ctx.now, ctx.user = real_now, before
        store.use_clock(real_now)


class _Writer:
    def __init__(self, ctx: AppContext, clock: _Clock, now: datetime) -> None:
        self.risk = RiskService(ctx)
        self.plans = SafetyPlanService(ctx)
        self.clock = clock
        self.now = now

    def at(self, days_ago: int) -> None:
        self.clock.moment = self.now - timedelta(days=days_ago)

    def today(self) -> datetime:
        return self.clock.moment

    def fill(
        self, rising: str, falling: str, flagged: str, drafted: str, children: list[str]
    ) -> None:
        self.at(160)
        self.risk.set_contact(rising, ContactState.YES, self.today().date())
        self.at(145)
        self._plan(
            rising, "Kvinnojouren Demoby (fiktiv) 070-000 00 11.", "Systerns hus (fiktiv adress)."
        )
        self.at(60)
        self._plan(
            rising,
            "Kvinnojouren och polisens brottsofferstöd (fiktiva).",
            "Systerns hus; jourlägenhet om våldsutövaren hittar dit.",
        )
        self._series(rising, _RISING)  # the newest is signed after the plan: "ska ses över"
        self._series(falling, _FALLING)
        self.at(100)
        self._external(falling)
        self.at(130)
        self.risk.set_contact(flagged, ContactState.YES, self.today().date())
        self._series(flagged, ((125, _MEDIUM, ("kontroll", "kontaktforbud")),))  # runs out
        self.at(0)
        self.risk.set_contact(drafted, ContactState.UNKNOWN, self.today().date())
        self._draft(drafted)
        if children:
            self.at(3)
            self._child(children[0])

    def _person(self, case_id: str, instrument_id: str) -> str | None:
        choices = self.risk.persons_for(case_id, instrument_id)
        main = [c for c in choices if c.role is PersonRole.MAIN] or choices
        return main[0].person_id if main else None

    def _series(
        self, case_id: str, steps: tuple[tuple[int, RiskLevel, tuple[str, ...]], ...]
    ) -> None:
        person = self._person(case_id, CHECKLIST)
        if person is None:
            return
        for days_ago, level, yes in steps:
            self.at(days_ago)
            assessment_id = self.risk.start(case_id, CHECKLIST, person)
            answers = {item: Answer("ja") for item in yes}
            answers.setdefault("vapen", Answer("nej", "Inga vapen i hemmet enligt den utsatta."))
            draft = AssessmentDraft(
                assessed_on=self.today().date(),
                answers=answers,
                victim_estimate="Tror att det kommer att hända igen."
                if level is not _LOW
                else "Känner sig tryggare nu.",
                victim_level=level,
                protective_factors="En syster bor nära; arbetskamrater vet om situationen.",
                judgement=level,
                motivation=_MOTIVATION[level],
                actions="Samtal om säkerhetsplanen; kontakt med kvinnojouren.",
            )
            self.risk.save_draft(case_id, assessment_id, draft)
            self.risk.sign(case_id, assessment_id, draft)

    def _external(self, case_id: str) -> None:
        person = self._person(case_id, "externt-resultat")
        if person is None:
            return
        assessment_id = self.risk.start(case_id, "externt-resultat", person)
        self.risk.sign(
            case_id,
            assessment_id,
            AssessmentDraft(
                assessed_on=self.today().date(),
                judgement=_MEDIUM,
                field_values={
                    "instrument": "Polisens bedömning",
                    "datum": (self.today() - timedelta(days=2)).date().isoformat(),
                    "gjord_av": "Polisen i Demoby (fiktiv)",
                    "huvudrisker": "Missbruk och tidigare våld; "
                    "våldsutövaren har flyttat från orten.",
                },
            ),
        )

    def _draft(self, case_id: str) -> None:
        person = self._person(case_id, CHECKLIST)
        if person is None:
            return
        assessment_id = self.risk.start(case_id, CHECKLIST, person)
        self.risk.save_draft(
            case_id,
            assessment_id,
            AssessmentDraft(
                assessed_on=self.today().date(),
                answers={
                    "okning": Answer("ja", "Två gånger den senaste månaden."),
                    "vapen": Answer("vet_ej"),
                },
            ),
        )

    def _child(self, case_id: str) -> None:
        person = self._person(case_id, "skyddsbedomning-barn")
        if person is None:
            return
        assessment_id = self.risk.start(case_id, "skyddsbedomning-barn", person)
        self.risk.sign(
            case_id,
            assessment_id,
            AssessmentDraft(
                assessed_on=self.today().date(),
                answers={
                    "tecken": Answer(
                        "nej", "Barnet bor hos den ena föräldern; den andra har flyttat."
                    ),
                    "skyddar": Answer("foralder", "Föräldern skyddar barnet och samarbetar."),
                    "barnet_hort": Answer("ja", "Samtal i skolan."),
                    "atgard": Answer("utredning"),
                },
                judgement=_LOW,
                motivation="Ingen omedelbar fara; föräldern som barnet bor hos skyddar barnet.",
                actions="Förhandsbedömningen fortsätter.",
            ),
        )

    def _plan(self, case_id: str, contacts: str, places: str) -> str:
        person = self._person(case_id, CHECKLIST)
        assert person is not None
        draft = SafetyPlanDraft(
            contacts=contacts,
            safe_places=places,
            signals='Kodordet "kanelbulle" i sms till systern betyder: ring polisen.',
            actions_when="Om våldsutövaren kommer till bostaden: öppna inte, ring 112. "
            "Väskan står packad.",
            children_part="Barnen vet att de går till grannen och ringer mormor.",
        )
        plan_id = self.plans.save_draft(case_id, person, None, draft)
        self.plans.sign(case_id, plan_id, draft)
        return plan_id
