"""Every kind of Bevakning through the real services and the injected clock (2026-03-02, a
Monday): a granted insats without vårdplan, its genomförandeplan reminder moved by a reminder,
its follow-up, a child linked to the adult's case, a share ending, an old journal draft, an
insats whose period ran out and the ending recorded afterwards, an entry signed late, a risk
assessment's next date, a case gone quiet; the manager sees the same lines and a protected case
only as counts; a setting the administrator changes moves the line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from tests.casework import adult, entry, register
from tests.services.care.test_care_services import granted, plan_draft, provider
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain import settings
from vinr_desktop.domain.deadline_rules import Bucket, Tab
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.views.deadlines import DeadlineLine


@pytest.fixture
def team(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Team]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("lines") / "register")
    team = make_team(env)
    team.act_as("anna")
    yield team
    env.ctx.release()


def _lines(team: Team, case_id: str) -> list[tuple[str, str, Bucket, Tab, str]]:
    return [
        (line.text, line.due_on, line.bucket, line.tab, line.detail)
        for line in team.services.deadlines.page().lines
        if line.case_id == case_id
    ]


def _by_text(team: Team, case_id: str) -> dict[str, DeadlineLine]:
    return {
        line.text: line for line in team.services.deadlines.page().lines if line.case_id == case_id
    }


def test_an_insats_and_the_record_on_the_morning_page(team: Team) -> None:
    s = team.services
    ref = team.case()
    decision = s.care.decisions.sign(ref.case_id, None, granted(provider(s.care)))
    s.care.implementation_plans.record_request(ref.case_id, decision, date(2026, 2, 20), "Brev")
    s.persons.link_children(
        ref.case_id, [], [adult("Lo", "Barnsson-Fiktiv", birth=date(2019, 5, 5), serial=801)]
    )
    team.share(ref, "bo", ShareLevel.READ, until=date(2026, 3, 12))
    s.journal.save_draft(ref.case_id, None, entry("Samtal med klienten.", date(2026, 2, 20)))
    assert _lines(team, ref.case_id) == [
        (
            "Osignerad journalanteckning",
            "2026-02-27",  # seven days after its event, before seven days after it was begun
            Bucket.LATE,
            Tab.JOURNAL,
            "händelse 2026-02-20, påbörjad 2026-03-02",
        ),
        ("Vårdplan saknas", "2026-03-01", Bucket.LATE, Tab.CARE, "Stödsamtal från 2026-03-01"),
        (
            "Barn utan eget ärende eller bedömning",
            "2026-03-02",
            Bucket.TODAY,
            Tab.ASSESSMENTS,
            "Lo Barnsson-Fiktiv",
        ),
        (
            "Påminn om genomförandeplan",
            "2026-03-06",
            Bucket.THIS_WEEK,
            Tab.CARE,
            "Stödsamtal, begärd 2026-02-20",
        ),
        (
            "Delning upphör",
            "2026-03-12",
            Bucket.LATER,
            Tab.OVERVIEW,
            "med Bo Kollegasson-Fiktiv, gäller till och med 2026-03-12",
        ),
        ("Uppföljning", "2026-08-31", Bucket.LATER, Tab.CARE, "Stödsamtal"),
    ]
    # A reminder sent moves the next one; a signed vårdplan and its follow-up date answer two.
    s.facts.record_reminder(ref.case_id, decision, date(2026, 3, 2), "Telefon")
    plan_id = s.care.care_plans.start(ref.case_id, decision)
    s.care.care_plans.sign(ref.case_id, plan_id, plan_draft(follow_up_on=date(2026, 6, 1)))
    lines = _by_text(team, ref.case_id)
    assert "Vårdplan saknas" not in lines
    assert lines["Påminn om genomförandeplan"].due_on == "2026-03-16"
    assert lines["Påminn om genomförandeplan"].detail.endswith("påmind 2026-03-02")
    assert lines["Uppföljning"].due_on == "2026-06-01"
    # Bo sees the share ending on his own page; the manager sees the unit's case.
    team.act_as("bo")
    assert _by_text(team, ref.case_id)["Delning upphör"].detail.startswith("med dig")
    team.act_as("chef")
    assert set(_by_text(team, ref.case_id)) == set(lines)


def test_an_insats_whose_period_ran_out_until_its_ending_is_recorded(team: Team) -> None:
    s = team.services
    ref = team.case()
    decision = s.care.decisions.sign(
        ref.case_id,
        None,
        granted(
            provider(s.care),
            applied_on=date(2025, 12, 1),
            decided_on=date(2025, 12, 10),
            period_from=date(2026, 1, 1),
            period_to=date(2026, 2, 28),
        ),
    )
    line = _by_text(team, ref.case_id)["Insats avslutad utan skäl"]
    assert (line.due_on, line.bucket, line.tab) == ("2026-02-28", Bucket.LATE, Tab.CARE)
    assert line.detail == "Stödsamtal, perioden slutade 2026-02-28"
    assert "Uppföljning" not in _by_text(team, ref.case_id)
    s.care.decisions.end_insats(
        ref.case_id, decision, date(2026, 2, 28), "goal_reached", "Målen nådda."
    )
    assert "Insats avslutad utan skäl" not in _by_text(team, ref.case_id)


def test_late_signing_inactivity_and_the_settings_that_move_them(team: Team) -> None:
    s = team.services
    quiet = register(s, adult("Tyst", "Ärendesson-Fiktiv", serial=802), intake=date(2026, 1, 5))
    ref = team.case()
    s.journal.sign(ref.case_id, None, entry("Hembesök hos klienten.", date(2026, 2, 20)))
    lines = _by_text(team, ref.case_id)
    late = lines["Journalanteckning signerad sent"]
    assert (late.due_on, late.bucket, late.tab) == ("2026-03-02", Bucket.TODAY, Tab.JOURNAL)
    assert late.detail == "händelse 2026-02-20, signerad 10 dagar senare (gräns 7)"
    quiet_lines = _by_text(team, quiet.case_id)
    # The intake's event entries are dated 2026-03-02 (registered today): nothing is quiet yet.
    assert "Ingen aktivitet i ärendet" not in quiet_lines
    team.env.clock.now += timedelta(days=30)
    assert _by_text(team, quiet.case_id)["Ingen aktivitet i ärendet"].detail == (
        "senaste händelse 2026-03-02"
    )
    assert "Journalanteckning signerad sent" in _by_text(team, ref.case_id)  # day 30 after
    team.env.clock.now += timedelta(days=1)
    assert "Journalanteckning signerad sent" not in _by_text(team, ref.case_id)
    team.act_as("adm")
    admin = AdminService(team.env.ctx)
    admin.set_int_setting(settings.INACTIVITY_DAYS, 60)
    admin.set_int_setting(settings.JOURNAL_SIGNING_DAYS, 14)
    team.env.clock.now -= timedelta(days=31)
    team.act_as("anna")
    assert "Ingen aktivitet i ärendet" not in _by_text(team, quiet.case_id)
    assert "Journalanteckning signerad sent" not in _by_text(team, ref.case_id)


def test_the_manager_counts_a_protected_case_with_an_insats(team: Team) -> None:
    s = team.services
    ref = team.case(protected=True)
    s.care.decisions.sign(ref.case_id, None, granted(provider(s.care)))
    own = _by_text(team, ref.case_id)
    assert {"Vårdplan saknas", "Uppföljning"} <= set(own)
    assert {line.main_person for line in team.services.deadlines.page().lines} == {
        "S. H. (skyddad)"
    }
    team.act_as("chef")
    unit = team.services.deadlines.page()
    assert all(line.case_id != ref.case_id for line in unit.lines)
    assert unit.hidden_protected == {Bucket.LATE: 1, Bucket.LATER: 1}


def test_the_next_risk_assessment_and_an_old_draft_of_one(team: Team) -> None:
    from tests.services.risk.test_risk import CHECKLIST, _main_person, _sign_one

    s = team.services
    ref = team.case()
    signed = s.risk.assessment(ref.case_id, _sign_one(team, ref))  # hög risk
    line = _by_text(team, ref.case_id)["Ny riskbedömning"]
    assert signed.next_assessment_on is not None
    assert (line.due_on, line.tab) == (signed.next_assessment_on, Tab.ASSESSMENTS)
    assert line.detail == "senaste signerad 2026-03-02"
    s.risk.start(ref.case_id, CHECKLIST, _main_person(team, ref))
    team.env.clock.now += timedelta(days=6)
    assert "Osignerad bedömning" not in _by_text(team, ref.case_id)
    team.env.clock.now += timedelta(days=1)
    draft = _by_text(team, ref.case_id)["Osignerad bedömning"]
    assert (draft.due_on, draft.bucket, draft.detail) == (
        "2026-03-09",
        Bucket.TODAY,
        "påbörjad 2026-03-02",
    )
    team.share(ref, "bo", ShareLevel.WRITE)
    team.act_as("bo")  # a colleague's private draft is not on his page; the case's dates are
    assert set(_by_text(team, ref.case_id)) == {"Ny riskbedömning"}
    team.act_as("chef")  # the manager watches the unit's drafts
    assert "Osignerad bedömning" in _by_text(team, ref.case_id)


def test_an_adult_investigation_longer_than_the_setting(team: Team) -> None:
    from vinr_desktop.domain.case_facts import StartBasis

    s = team.services
    ref = register(s, adult("Utreda", "Längesson-Fiktiv", serial=803), intake=date(2025, 11, 1))
    s.investigations.start(ref.case_id, date(2025, 11, 2), StartBasis.APPLICATION, "none")
    line = _by_text(team, ref.case_id)["Utredning pågår länge"]
    assert (line.due_on, line.bucket, line.tab) == ("2026-03-02", Bucket.TODAY, Tab.OVERVIEW)
    assert line.detail == "inledd 2025-11-02, mer än 120 dagar"  # the default
    team.act_as("adm")
    AdminService(team.env.ctx).set_int_setting(settings.ADULT_INVESTIGATION_DAYS, 90)
    team.act_as("anna")
    moved = _by_text(team, ref.case_id)["Utredning pågår länge"]
    assert (moved.due_on, moved.bucket) == ("2026-01-31", Bucket.LATE)
    s.investigations.end(ref.case_id, date(2026, 3, 2), "without_insats")
    assert "Utredning pågår länge" not in _by_text(team, ref.case_id)
