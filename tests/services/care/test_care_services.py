"""Providers, decisions, vårdplaner, genomförandeplaner and follow-ups through the real
services on one real store (module-scoped: each test works on cases of its own)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.casework import adult, register
from tests.fakes import FakeWallClock
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain.care_deadlines import CheckCode, PlanStatus
from vinr_desktop.domain.care_plans import CarePlanDraft, GoalDraft, Responsibility
from vinr_desktop.domain.care_plans import ResponsibleRole as Role
from vinr_desktop.domain.cases import CaseStatus, IntakeKind
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome, InsatsState
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.follow_ups import (
    ClientAnswer,
    FollowUpDecision,
    FollowUpDraft,
    GoalOutcome,
    GoalResult,
)
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.case_access import NOT_FOUND
from vinr_desktop.services.casework import CareServices
from vinr_desktop.views.care import Activity, ImplementationPlanInput, ReceivedAs
from vinr_desktop.views.cases import CaseRef

TODAY = date(2026, 3, 2)  # FakeWallClock's day


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Team]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("care") / "register")
    team = make_team(env)
    team.act_as("anna")
    yield team
    env.ctx.release()


@pytest.fixture
def care(team: Team) -> Iterator[CareServices]:
    team.act_as("anna")
    yield CareServices.for_context(team.env.ctx)
    team.env.clock.now = FakeWallClock().now
    team.act_as("anna")


def provider(care: CareServices, *, kind: str = "kvinnojour", children: bool = True) -> str:
    return care.providers.add(
        ProviderInput(
            name=f"Kvinnojouren Fiktiva {kind}",
            kind=kind,
            contact_person="Jourkontakt Fiktiv",
            takes_children=children,
            agreement_ref="Avtal 2026:1",
            quality_requirements="Bemanning dygnet runt.",
            permit_number="IVO 1.1-0000/2026" if kind in ("skyddat_boende", "hvb") else "",
        )
    )


def granted(provider_id: str, **changes: object) -> DecisionDraft:
    values: dict[str, object] = dict(
        outcome=DecisionOutcome.GRANTED,
        applied_on=date(2026, 2, 20),
        decided_on=date(2026, 2, 25),
        legal_ground="sol2025_bistand",
        insats_type="stodsamtal",
        provider_id=provider_id,
        period_from=date(2026, 3, 1),
        period_to=date(2026, 8, 31),
        extent="Ett samtal i veckan",
        motivation="Klienten behöver stöd för att bearbeta våldet.",
    )
    values.update(changes)
    return DecisionDraft(**values)  # type: ignore[arg-type]


def plan_draft(goals: int = 2, follow_up_on: date = date(2026, 6, 1)) -> CarePlanDraft:
    return CarePlanDraft(
        goals=tuple(GoalDraft(f"Mål {i}", f"Syns på {i}") for i in range(1, goals + 1)),
        responsibilities=(
            Responsibility(Role.CASEWORKER, "Följer upp var tredje månad."),
            Responsibility(Role.PROVIDER, "Håller samtalen."),
            Responsibility(Role.CLIENT, "Kommer till samtalen."),
        ),
        period_from=date(2026, 3, 1),
        period_to=date(2026, 8, 31),
        client_participation="Planen skrevs tillsammans med klienten.",
        client_view="Klienten vill ha samtal på förmiddagar.",
        children_needs="Barnen behöver egna samtal.",
        follow_up_on=follow_up_on,
        follow_up_how="Möte med klienten och utföraren.",
    )


def insats(team: Team, care: CareServices, *, protected: bool = False) -> tuple[CaseRef, str]:
    """A case with a signed, granted insats."""
    ref = team.case(protected=protected)
    decision = care.decisions.sign(ref.case_id, None, granted(provider(care)))
    return ref, decision


def signed_plan(care: CareServices, ref: CaseRef, decision: str, **kw: object) -> str:
    plan_id = care.care_plans.start(ref.case_id, decision)
    care.care_plans.sign(ref.case_id, plan_id, plan_draft(**kw))  # type: ignore[arg-type]
    return plan_id


def journal_texts(team: Team, ref: CaseRef) -> list[str]:
    return [e.text for e in team.services.journal.timeline(ref.case_id).entries]


def raw(team: Team, sql: str, **params: object) -> None:
    store = team.env.ctx.require_store()
    with store.session() as session:
        session.execute(text(sql), params)


# -- providers --------------------------------------------------------------------------


def test_providers_are_kept_by_case_workers_and_audited(team: Team, care: CareServices) -> None:
    with pytest.raises(InvalidInput, match="IVO"):
        care.providers.add(ProviderInput(name="Boende utan tillstånd", kind="skyddat_boende"))
    provider_id = provider(care, kind="skyddat_boende")
    team.act_as("chef")
    care.providers.set_active(provider_id, False)
    assert provider_id not in {p.provider_id for p in care.providers.list_providers()}
    every = care.providers.list_providers(include_inactive=True)
    assert next(p for p in every if p.provider_id == provider_id).permit_number


def test_a_private_shelter_needs_a_permit_and_a_public_one_a_notification(
    team: Team, care: CareServices
) -> None:
    with pytest.raises(InvalidInput, match=r"enskild verksamhet.*tillstånd"):
        care.providers.add(ProviderInput(name="Privata boendet (fiktivt)", kind="skyddat_boende"))
    with pytest.raises(InvalidInput, match="anmäld till IVO"):
        care.providers.add(
            ProviderInput(name="Kommunens boende (fiktivt)", kind="skyddat_boende", public=True)
        )
    own = care.providers.add(
        ProviderInput(
            name="Kommunens boende (fiktivt)",
            kind="skyddat_boende",
            public=True,
            ivo_notified=True,
            permit_number="ignoreras",
        )
    )
    view = next(p for p in care.providers.list_providers() if p.provider_id == own)
    assert view.public and view.ivo_notified and view.permit_number == ""
    private = care.providers.add(
        ProviderInput(name="Jouren (fiktiv)", kind="kvinnojour", confidentiality_by_contract=True)
    )
    view = next(p for p in care.providers.list_providers() if p.provider_id == private)
    assert view.confidentiality_by_contract
    team.act_as("adm")
    with pytest.raises(AccessDenied):
        care.providers.list_providers()


# -- decisions --------------------------------------------------------------------------


def test_a_signed_decision_is_journalled_and_read_only(team: Team, care: CareServices) -> None:
    ref = team.case()
    provider_id = provider(care)
    draft_id = care.decisions.save_draft(
        ref.case_id, None, granted(provider_id, outcome=DecisionOutcome.APPLIED, decided_on=None)
    )
    with pytest.raises(InvalidInput, match="Välj beslutet"):
        care.decisions.sign(
            ref.case_id, draft_id, granted(provider_id, outcome=DecisionOutcome.APPLIED)
        )
    decision_id = care.decisions.sign(ref.case_id, draft_id, granted(provider_id))
    assert decision_id == draft_id
    view = care.decisions.get(ref.case_id, decision_id)
    assert view.state is InsatsState.RUNNING and view.signed_by == "Anna Ansvarigsson-Fiktiv"
    assert "11 kap. 1 §" in view.legal_ground_text
    assert any(
        t.startswith("Beslut 2026-02-25: bifall – Stödsamtal") for t in journal_texts(team, ref)
    )
    with pytest.raises(InvalidInput, match="signerat"):
        care.decisions.save_draft(ref.case_id, decision_id, granted(provider_id))
    with pytest.raises(IntegrityError, match="read-only"):
        raw(team, "UPDATE decisions SET extent = 'x' WHERE id = :id", id=decision_id)
    with pytest.raises(IntegrityError, match="read-only"):
        raw(team, "DELETE FROM decisions WHERE id = :id", id=decision_id)
    # Ending the insats early is its own row; the decision stays as signed.
    care.decisions.end_insats(ref.case_id, decision_id, TODAY, "goal_reached", "Målen nådda.")
    ended = care.decisions.get(ref.case_id, decision_id)
    assert ended.state is InsatsState.ENDED and ended.ending is not None
    assert ended.extent == view.extent
    assert any(
        t.startswith("Insats avslutad 2026-03-02 i samförstånd") for t in journal_texts(team, ref)
    )
    assert ended.ending.client_agreed and not ended.ending.is_decision


def test_ending_an_insats_against_the_clients_wish_is_a_decision_with_reasons(
    team: Team, care: CareServices
) -> None:
    ref, decision = insats(team, care)
    with pytest.raises(InvalidInput, match="beslut som hen kan överklaga"):
        care.decisions.end_insats(
            ref.case_id, decision, TODAY, "other", "Klienten uteblir.", client_agreed=False
        )
    care.decisions.end_insats(
        ref.case_id,
        decision,
        TODAY,
        "other",
        "Klienten uteblir.",
        client_agreed=False,
        decision_reasons="Behovet tillgodoses av en annan insats (fiktivt).",
    )
    ending = care.decisions.get(ref.case_id, decision).ending
    assert ending is not None and ending.is_decision
    assert ending.decision_reasons.startswith("Behovet tillgodoses")
    text = next(t for t in journal_texts(team, ref) if "mot klientens önskan" in t)
    assert "Skäl för beslutet" in text and "kan överklagas" in text


def test_a_child_coming_along_to_shelter_gets_its_own_case_and_a_draft_never_signed(
    team: Team, care: CareServices
) -> None:
    ref = team.case()
    child_id = team.services.persons.add_to_case(
        ref.case_id,
        adult("Liten", "Testsson-Fiktiv", birth=date(2019, 5, 5), serial=77),
        PersonRole.CHILD,
    )
    shelter = provider(care, kind="skyddat_boende")
    no_children = provider(care, kind="skyddat_boende", children=False)
    draft = granted(shelter, insats_type="skyddat_boende", children_along=(child_id,))
    with pytest.raises(InvalidInput, match="tar inte emot barn"):
        care.decisions.sign(
            ref.case_id,
            None,
            granted(no_children, insats_type="skyddat_boende", children_along=(child_id,)),
        )
    decision_id = care.decisions.sign(ref.case_id, None, draft)
    check = next(c for c in care.overview.checks(ref.case_id) if c.code is CheckCode.SHELTER_CHILD)
    assert not check.ok and "saknar eget ärende" in check.text
    result = care.decisions.prepare_child_placement(ref.case_id, decision_id, child_id)
    assert result.new_case
    again = care.decisions.prepare_child_placement(ref.case_id, decision_id, child_id)
    assert (again.case_id, again.decision_id) == (result.case_id, result.decision_id)
    child_case = team.services.cases.details(result.case_id)
    assert child_case.main_person is not None and child_case.main_person.person_id == child_id
    assert child_case.is_child_case
    prepared = care.decisions.get(result.case_id, result.decision_id)
    assert prepared.is_draft and prepared.parent_decision_id == decision_id
    assert prepared.insats_type == "skyddat_boende" and prepared.provider_id == shelter
    assert prepared.motivation == "" and prepared.legal_ground == ""  # the handläggare writes it
    # Still no decision of the child's own: the egenkontroll keeps asking for it.
    check = next(c for c in care.overview.checks(ref.case_id) if c.code is CheckCode.SHELTER_CHILD)
    assert not check.ok

    child = replace(
        draft,
        children_along=(),
        legal_ground="sol2025_skyddat_boende_barn",
        motivation="Barnet behöver skydd från den våldsutövande föräldern (fiktivt).",
    )
    with pytest.raises(InvalidInput, match="barnets egna behov"):
        care.decisions.sign(result.case_id, result.decision_id, child)
    child = replace(child, child_needs="Barnet är rädd och behöver skolgång på boendet.")
    with pytest.raises(InvalidInput, match="samtycker"):
        care.decisions.sign(result.case_id, result.decision_id, child)
    # Without both guardians' consent the socialtjänstlag is not the ground.
    with pytest.raises(InvalidInput, match="lagen om placering av barn"):
        care.decisions.sign(
            result.case_id, result.decision_id, replace(child, guardian_consent="not_all")
        )
    with pytest.raises(InvalidInput, match="socialtjänstlagen"):
        care.decisions.sign(
            result.case_id,
            result.decision_id,
            replace(child, guardian_consent="all", legal_ground="lpbs_4_1"),
        )
    care.decisions.sign(
        result.case_id,
        result.decision_id,
        replace(child, guardian_consent="not_all", legal_ground="lpbs_4_1"),
    )
    signed = care.decisions.get(result.case_id, result.decision_id)
    assert not signed.is_draft and signed.guardian_consent == "not_all"
    assert signed.child_needs.startswith("Barnet är rädd")
    check = next(c for c in care.overview.checks(ref.case_id) if c.code is CheckCode.SHELTER_CHILD)
    assert check.ok, check.text
    along = care.decisions.get(ref.case_id, decision_id).children_along
    assert along[0].child_case_number == result.number and along[0].has_own_decision


# -- vårdplan ---------------------------------------------------------------------------


def test_care_plan_versions_keep_the_old_one_unchanged(team: Team, care: CareServices) -> None:
    ref, decision = insats(team, care)
    with pytest.raises(InvalidInput, match="minst ett mål"):
        first = care.care_plans.start(ref.case_id, decision)
        care.care_plans.sign(ref.case_id, first, CarePlanDraft())
    care.care_plans.sign(ref.case_id, first, plan_draft(goals=2))
    v1 = care.care_plans.get(ref.case_id, first)
    assert v1.version == 1 and v1.is_current and len(v1.goals) == 2
    second = care.care_plans.start(ref.case_id, decision)
    with pytest.raises(InvalidInput, match="redan ett utkast"):
        care.care_plans.start(ref.case_id, decision)
    copy = care.care_plans.get(ref.case_id, second)
    assert copy.version == 2 and copy.based_on_id == first and copy.is_draft
    assert [g.text for g in copy.goals] == [g.text for g in v1.goals]
    care.care_plans.sign(ref.case_id, second, plan_draft(goals=3))
    assert care.care_plans.get(ref.case_id, first) == replace(v1, is_current=False)
    assert [v.version for v in care.care_plans.versions(ref.case_id, decision)] == [2, 1]
    current = care.care_plans.current(ref.case_id, decision)
    assert current is not None and current.plan_id == second and len(current.goals) == 3
    with pytest.raises(InvalidInput, match="signerad"):
        care.care_plans.save_draft(ref.case_id, first, plan_draft())
    goal_id = v1.goals[0].goal_id
    for sql in (
        "UPDATE care_plans SET client_view = 'x' WHERE id = :id",
        "DELETE FROM care_plans WHERE id = :id",
        "UPDATE care_plan_goals SET text = 'x' WHERE plan_id = :id",
        "DELETE FROM care_plan_tasks WHERE plan_id = :id",
        "INSERT INTO care_plan_goals VALUES ('g', :id, 9, 'x', 'y')",
    ):
        with pytest.raises(IntegrityError, match="read-only"):
            raw(team, sql, id=first)
    assert care.care_plans.get(ref.case_id, first).goals[0].goal_id == goal_id
    assert any("Vårdplan version 2 signerad" in t for t in journal_texts(team, ref))


# -- genomförandeplan and follow-up deadlines -------------------------------------------


def test_implementation_plan_reminder_follows_the_setting(team: Team, care: CareServices) -> None:
    ref, decision = insats(team, care)
    plan = care.implementation_plans.get(ref.case_id, decision)
    assert plan.status is PlanStatus.NOT_REQUESTED
    care.implementation_plans.record_request(ref.case_id, decision, date(2026, 2, 20), "Brev")
    plan = care.implementation_plans.get(ref.case_id, decision)
    assert plan.reminder_due == "2026-03-06" and plan.status is PlanStatus.REQUESTED
    team.act_as("ada")  # the administrator changes the setting
    team.env.admin.set_implementation_plan_reminder_days(7)
    team.act_as("anna")
    plan = care.implementation_plans.get(ref.case_id, decision)
    assert plan.reminder_due == "2026-02-27" and plan.status is PlanStatus.REMINDER_DUE
    check = next(
        c for c in care.overview.checks(ref.case_id) if c.code is CheckCode.IMPLEMENTATION_PLAN
    )
    assert not check.ok and check.due_on == date(2026, 2, 27)
    care.implementation_plans.record_received(
        ref.case_id,
        decision,
        ImplementationPlanInput(
            date(2026, 3, 1),
            ReceivedAs.TYPED,
            activities=(Activity("Samtal", "Mål 1", "Jouren", "Tisdagar", "Enskilt"),),
            participation="Klienten var med.",
            adopted_on=date(2026, 3, 1),
        ),
    )
    plan = care.implementation_plans.get(ref.case_id, decision)
    assert plan.status is PlanStatus.RECEIVED and plan.activities[0].who == "Jouren"
    team.act_as("ada")
    team.env.admin.set_implementation_plan_reminder_days(14)


def test_follow_up_with_the_client_dates_and_overdue(team: Team, care: CareServices) -> None:
    ref, decision = insats(team, care)
    plan_id = signed_plan(care, ref, decision, follow_up_on=date(2026, 4, 1))
    overview = care.overview.insatser(ref.case_id)[0]
    assert overview.next_follow_up_on == "2026-04-01" and not overview.follow_up_overdue
    team.env.clock.now += timedelta(days=40)  # 2026-04-11: past the plan's date
    assert care.overview.insatser(ref.case_id)[0].follow_up_overdue
    form = care.follow_ups.form(ref.case_id, decision)
    # Six months on would be 2026-10-11, but the decision's period ends on 2026-08-31.
    assert form.plan_id == plan_id and form.proposed_next_on == date(2026, 8, 31)
    draft = FollowUpDraft(
        held_on=date(2026, 4, 10),
        client_took_part=True,
        provider_took_part=False,
        others="",
        goals=(GoalResult(form.goals[0].goal_id, GoalOutcome.REACHED, "Bra"),),
        answers=(ClientAnswer("helping", "yes", "Samtalen hjälper."),),
        decision=FollowUpDecision.CONTINUE,
        decision_text="",
        next_on=date(2026, 10, 10),
    )
    with pytest.raises(InvalidInput, match="Bedöm mål 2"):
        care.follow_ups.sign(ref.case_id, decision, None, draft)
    goals = (*draft.goals, GoalResult(form.goals[1].goal_id, GoalOutcome.PARTLY, ""))
    follow_up = care.follow_ups.sign(
        ref.case_id, decision, None, FollowUpDraft(**{**draft.__dict__, "goals": goals})
    )
    view = care.follow_ups.get(ref.case_id, follow_up)
    assert view.participants_text == "Klienten" and view.answers[0].option_label == "Ja"
    overview = care.overview.insatser(ref.case_id)[0]
    assert overview.next_follow_up_on == "2026-10-10" and not overview.follow_up_overdue
    assert any(t.startswith("Uppföljning 2026-04-10") for t in journal_texts(team, ref))
    with pytest.raises(IntegrityError, match="read-only"):
        raw(team, "UPDATE follow_up_goals SET comment = 'x' WHERE follow_up_id = :id", id=follow_up)
    team.act_as("ada")
    team.env.admin.set_follow_up_interval_months(3)
    team.act_as("anna")
    assert care.follow_ups.form(ref.case_id, decision).proposed_next_on == date(2026, 7, 11)
    team.act_as("ada")
    team.env.admin.set_follow_up_interval_months(6)


def test_a_review_date_brings_the_follow_up_forward(team: Team, care: CareServices) -> None:
    """A decision of three months, then omprövning: followed up at the review, not at six."""
    ref = team.case()
    review = date(2026, 5, 29)
    decision = care.decisions.sign(
        ref.case_id,
        None,
        granted(provider(care), period_to=None, review_on=review, extent="3 månader"),
    )
    view = care.decisions.get(ref.case_id, decision)
    assert view.review_on == "2026-05-29" and view.period_to == ""
    assert any("Omprövas senast 2026-05-29." in t for t in journal_texts(team, ref))
    overview = care.overview.insatser(ref.case_id)[0]
    assert overview.next_follow_up_on == "2026-05-29"
    signed_plan(care, ref, decision, follow_up_on=date(2026, 5, 29))
    form = care.follow_ups.form(ref.case_id, decision)
    assert form.review_on == review and form.proposed_next_on == review
    with pytest.raises(InvalidInput, match="efter periodens slut"):
        care.decisions.save_draft(
            ref.case_id, None, granted(provider(care), review_on=date(2026, 9, 30))
        )


def test_a_signed_decision_moves_the_case_on_when_asked(team: Team, care: CareServices) -> None:
    """No "Aktualiserad — Nästa steg: Utredning" once an insats is granted: the program asks,
    and the move is journalled."""
    cases, ref = team.services.cases, team.case()
    draft = care.decisions.save_draft(
        ref.case_id,
        None,
        granted(None, outcome=DecisionOutcome.APPLIED),  # type: ignore[arg-type]
    )
    with pytest.raises(InvalidInput, match="inte signerat"):
        cases.status_after_decision(ref.case_id, draft)
    decision = care.decisions.sign(ref.case_id, None, granted(provider(care)))
    assert cases.details(ref.case_id).status is CaseStatus.INTAKE  # nothing moves unasked
    assert cases.status_after_decision(ref.case_id, decision) is CaseStatus.INTERVENTION
    assert cases.advance_after_decision(ref.case_id, decision) is CaseStatus.INTERVENTION
    assert cases.details(ref.case_id).status is CaseStatus.INTERVENTION
    assert (
        "Status ändrad: Aktualiserad → Beslut/insats pågår, efter beslut 2026-02-25: bifall."
        in journal_texts(team, ref)
    )
    assert cases.status_after_decision(ref.case_id, decision) is None
    assert cases.advance_after_decision(ref.case_id, decision) is None
    team.act_as("bo")  # a colleague without a share cannot move it
    with pytest.raises(AccessDenied):
        cases.advance_after_decision(ref.case_id, decision)
    team.act_as("anna")


def test_a_refusal_moves_the_case_to_utredning_only_with_the_investigation_on_record(
    team: Team, care: CareServices
) -> None:
    from vinr_desktop.domain.case_facts import StartBasis

    cases, ref = team.services.cases, team.case()
    decision = care.decisions.sign(
        ref.case_id, None, granted(provider(care), outcome=DecisionOutcome.REFUSED)
    )
    assert cases.status_after_decision(ref.case_id, decision) is CaseStatus.INVESTIGATION
    with pytest.raises(InvalidInput, match="Registrera först att utredningen inleddes"):
        cases.advance_after_decision(ref.case_id, decision)
    assert cases.details(ref.case_id).status is CaseStatus.INTAKE
    team.services.investigations.start(
        ref.case_id, date(2026, 2, 21), StartBasis.APPLICATION, "none"
    )
    assert cases.details(ref.case_id).status is CaseStatus.INVESTIGATION  # the start moved it


def test_a_child_case_still_needs_its_first_assessments_before_it_moves(
    team: Team, care: CareServices
) -> None:
    child = adult("Liten", "Barnsson-Fiktiv", birth=date(2016, 4, 4), serial=88)
    ref = register(team.services, child, kind=IntakeKind.REPORT)
    decision = care.decisions.sign(ref.case_id, None, granted(provider(care)))
    assert team.services.cases.status_after_decision(ref.case_id, decision) is (
        CaseStatus.INTERVENTION
    )
    before = journal_texts(team, ref)
    with pytest.raises(InvalidInput, match="skyddsbedömningen"):
        team.services.cases.advance_after_decision(ref.case_id, decision)
    assert team.services.cases.details(ref.case_id).status is CaseStatus.INTAKE
    assert journal_texts(team, ref) == before


# -- access -----------------------------------------------------------------------------


def test_access_follows_the_case(team: Team, care: CareServices) -> None:
    ref, decision = insats(team, care)
    hidden, hidden_decision = insats(team, care, protected=True)
    team.act_as("bo")  # a colleague without a share: the unit's case is not hers to read
    with pytest.raises(AccessDenied, match="finns inte"):
        care.decisions.list_decisions(ref.case_id)
    team.share(ref, "bo", ShareLevel.READ)
    team.act_as("bo")
    assert care.decisions.get(ref.case_id, decision).decision_id == decision
    with pytest.raises(AccessDenied, match="läsbehörighet"):
        care.care_plans.start(ref.case_id, decision)
    with pytest.raises(AccessDenied, match="läsbehörighet"):
        care.decisions.save_draft(ref.case_id, None, granted(None))  # type: ignore[arg-type]
    team.act_as("chef")  # the manager reads the unit's case, not the protected one
    assert care.overview.insatser(ref.case_id)
    for call in (
        lambda: care.decisions.list_decisions(hidden.case_id),
        lambda: care.care_plans.versions(hidden.case_id, hidden_decision),
        lambda: care.overview.checks(hidden.case_id),
    ):
        with pytest.raises(AccessDenied) as caught:
            call()
        assert caught.value.message == NOT_FOUND


def test_a_document_for_a_private_provider_needs_the_basis_for_giving_the_details(
    team: Team, care: CareServices
) -> None:
    from vinr_desktop.domain.redaction import DocumentKind, Recipient

    ref, decision = insats(team, care)
    documents = team.services.documents
    with pytest.raises(InvalidInput, match="grunden för att lämna klientens uppgifter"):
        documents.render(DocumentKind.ASSIGNMENT, ref.case_id, decision, Recipient.PROVIDER)
    documents.render(DocumentKind.ASSIGNMENT, ref.case_id, decision, Recipient.FILE)  # the akt
    with pytest.raises(InvalidInput, match="vilken grund"):
        care.disclosure.record(ref.case_id, decision, "other", " ")
    care.disclosure.record(ref.case_id, decision, "consent", "Muntligt samtycke 2026-03-02.")
    assert care.decisions.get(ref.case_id, decision).disclosure.startswith("Klientens samtycke")
    rendered = documents.render(DocumentKind.ASSIGNMENT, ref.case_id, decision, Recipient.PROVIDER)
    assert rendered.pdf
    assert any("Grund för att lämna uppgifter" in t for t in journal_texts(team, ref))
