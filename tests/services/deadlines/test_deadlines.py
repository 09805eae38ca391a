"""Bevakningar through the real services: a child report's deadlines on the handläggare's page,
grouped by the injected clock; the manager sees the unit, a protected case only as a count."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.casework import adult, personnummer, protected_adult, register
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain.cases import IntakeKind
from vinr_desktop.domain.deadline_rules import Bucket
from vinr_desktop.domain.errors import AccessDenied


@pytest.fixture
def team(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Team]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("deadlines") / "register")
    team = make_team(env)
    team.act_as("anna")
    yield team
    env.ctx.release()


def test_a_child_report_on_the_morning_page(team: Team) -> None:
    ref = register(
        team.services,
        adult("Lilla", "Bevaksson-Fiktiv", birth=date(2016, 5, 5), serial=611),
        intake=date(2026, 2, 16),  # the clock says 2026-03-02, a Monday: day 14
        kind=IntakeKind.REPORT,
    )
    page = team.services.deadlines.page()
    assert [(line.text, line.due_on, line.bucket) for line in page.lines] == [
        ("Skyddsbedömning", "2026-02-16", Bucket.LATE),  # 'genast': the day it came in
        ("Förhandsbedömning", "2026-03-02", Bucket.TODAY),
    ]
    assert page.lines[0].number == ref.number
    assert page.lines[0].main_person == "Lilla Bevaksson-Fiktiv"
    team.env.clock.now += timedelta(days=1)
    assert {line.bucket for line in team.services.deadlines.page().lines} == {Bucket.LATE}
    team.act_as("bo")
    assert team.services.deadlines.page().lines == ()  # not Bo's case


def test_the_manager_sees_a_protected_case_only_as_a_count(team: Team) -> None:
    register(team.services, protected_adult(), kind=IntakeKind.REPORT)  # an adult: nothing due
    child = protected_adult("Skyddad", "Barnsdotter-Fiktiv")
    child = replace(child, identity_text=personnummer(date(2016, 5, 5), 612))
    register(team.services, child, intake=date(2026, 3, 2), kind=IntakeKind.REPORT)
    own = team.services.deadlines.page()
    assert [line.main_person for line in own.lines] == ["S. B. (skyddad)"] * 2
    team.act_as("chef")
    unit = team.services.deadlines.page()
    assert unit.lines == ()
    assert unit.hidden_protected == {Bucket.TODAY: 1, Bucket.LATER: 1}  # genast; day 14
    team.act_as("adm")
    with pytest.raises(AccessDenied):
        team.services.deadlines.page()
