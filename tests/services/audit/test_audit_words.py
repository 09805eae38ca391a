"""The log review in words: codes the program writes into audit events ("granted",
"goal_reached", "care_plan:provider:…", a UTC time) reach the reviewer as Swedish words, and
"Skäl" holds only what a person typed."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.services.care.test_care_services import TODAY, granted, plan_draft, provider
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.casework import CareServices
from vinr_desktop.views.audit import AuditEventView, AuditFilter

# Anything that looks like a code the program stores rather than a word a person reads.
RAW = re.compile(
    r"\b(granted|partly_granted|refused|applied|goal_reached|goal_partly_reached|continue|"
    r"change|end|active|inactive|care_plan|provider|file|manager|client)\b|_|T\d\d:\d\d"
)


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Team]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("words") / "register")
    team = make_team(env)
    team.act_as("anna")
    yield team
    env.ctx.release()


def by_action(events: tuple[AuditEventView, ...]) -> dict[str, AuditEventView]:
    return {e.action: e for e in reversed(events)}  # the newest of each kind


def test_the_case_log_says_in_words_what_the_program_recorded(team: Team) -> None:
    care = CareServices.for_context(team.env.ctx)
    ref = team.case()
    decision = care.decisions.sign(ref.case_id, None, granted(provider(care)))
    care.decisions.sign(
        ref.case_id,
        None,
        granted(None, outcome=DecisionOutcome.REFUSED),  # type: ignore[arg-type]
        communication_reason="Klienten har själv lämnat allt underlag.",
    )
    plan = care.care_plans.start(ref.case_id, decision)
    care.care_plans.sign(ref.case_id, plan, plan_draft())
    team.services.documents.record_output(
        ref.case_id, DocumentKind.CARE_PLAN, plan, Recipient.PROVIDER, "print", "3f2a9c11"
    )
    care.decisions.end_insats(ref.case_id, decision, TODAY, "goal_reached", "Målen nådda.")
    team.services.cases.close(ref.case_id, "goal_reached", "", "Klar.")
    events = team.services.audit.case_log(ref.case_id).events
    seen = by_action(events)
    assert {e.detail for e in events if e.action == "decision_signed"} == {
        "Beslut: bifall",
        "Beslut: avslag",
    }
    assert seen["care_plan_signed"].detail == "Version 1"
    assert seen["document_printed"].detail == (
        "Vårdplan, mottagare: utförare (dokument-id 3f2a9c11)"
    )
    assert seen["insats_ended"].detail == "Orsak: Övergripande mål uppnått"
    assert seen["case_closed"].detail == "Orsak: Övergripande mål uppnått"
    for event in events:
        assert not RAW.search(event.detail), (event.action, event.detail)
        assert not RAW.search(event.reason), (event.action, event.reason)
        assert event.reason == ""  # nothing here was typed as a reason


def test_the_log_review_names_provider_changes_and_failed_logins_in_words(team: Team) -> None:
    care = CareServices.for_context(team.env.ctx)
    provider_id = provider(care)
    team.act_as("chef")
    care.providers.set_active(provider_id, False)
    store = team.env.ctx.require_store()
    with store.session() as session:  # as a login does for the attempts before it
        store.record(
            session,
            user_id=team.users["bo"].user_id,
            action="login_failed",
            reason="2026-03-02T08:15:00+00:00",
        )
    events = team.services.audit.events(AuditFilter()).events
    seen = by_action(events)
    assert seen["provider_changed"].detail == "Tagen ur bruk"
    assert seen["login_failed"].detail.startswith("Försöket gjordes 2026-03-02 ")
    for event in events:
        assert not RAW.search(event.detail), (event.action, event.detail)
    team.act_as("anna")
