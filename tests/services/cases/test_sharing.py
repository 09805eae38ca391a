"""Sharing a case with colleagues and nödåtkomst, through the real services on a real store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.access.policy import Relation
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.sharing import ShareLevel, ShareState
from vinr_desktop.services.case_access import NOT_FOUND, READ_ONLY
from vinr_desktop.services.cases.cases import CaseScope
from vinr_desktop.store.access_schema import EmergencyAccessRow
from vinr_desktop.store.schema import AuditRow

REASON = "Polisen ringer om akut skyddsbehov i natt."


@pytest.fixture
def team(env: Env) -> Team:
    return make_team(env)


def _today(team: Team) -> date:
    return team.env.clock.now.astimezone().date()


def _events(team: Team) -> list[tuple[str, str | None, str | None]]:
    with team.env.ctx.require_store().session() as session:
        rows = session.execute(
            select(AuditRow.action, AuditRow.case_id, AuditRow.object_id).order_by(AuditRow.seq)
        )
        return [(a, c, o) for a, c, o in rows]


def _mine(team: Team) -> list[tuple[str, Relation]]:
    return [(r.number, r.access) for r in team.services.cases.list_cases(CaseScope.MINE)]


def test_a_share_lasts_to_its_last_day_and_is_listed_in_mina_arenden(team: Team) -> None:
    ref = team.case()
    share_id = team.share(ref, "bo", ShareLevel.READ, until=_today(team) + timedelta(days=2))
    team.act_as("bo")
    assert _mine(team) == [(ref.number, Relation.SHARED_READ)]
    details = team.services.cases.open_case(ref.case_id)
    assert details.access is Relation.SHARED_READ
    assert not details.writable and not details.may_share
    team.env.clock.advance(timedelta(days=2).total_seconds())  # the last day: still valid
    assert _mine(team) == [(ref.number, Relation.SHARED_READ)]
    team.env.clock.advance(timedelta(days=1).total_seconds())
    assert _mine(team) == []
    with pytest.raises(AccessDenied) as refused:
        team.services.cases.open_case(ref.case_id)
    assert refused.value.message == NOT_FOUND
    team.act_as("anna")
    (view,) = team.services.sharing.shares(ref.case_id)
    assert (view.share_id, view.state, view.full_name) == (
        share_id,
        ShareState.EXPIRED,
        "Bo Kollegasson-Fiktiv",
    )
    assert ("case_shared", ref.case_id, share_id) in _events(team)


def test_read_share_reads_and_write_share_writes(team: Team) -> None:
    ref = team.case()
    team.share(ref, "bo", ShareLevel.READ)
    team.act_as("bo")
    with pytest.raises(AccessDenied) as refused:
        team.services.cases.set_marker(ref.case_id, "violence_psychological", True)
    assert refused.value.message == READ_ONLY
    team.share(ref, "bo", ShareLevel.WRITE)  # replaces the read share
    team.act_as("bo")
    assert team.services.cases.set_marker(ref.case_id, "violence_psychological", True)
    assert _mine(team) == [(ref.number, Relation.SHARED_WRITE)]
    team.act_as("anna")
    states = [(v.level, v.state) for v in team.services.sharing.shares(ref.case_id)]
    assert states == [
        (ShareLevel.WRITE, ShareState.ACTIVE),
        (ShareLevel.READ, ShareState.WITHDRAWN),
    ]


def test_withdrawing_a_share_takes_effect_at_once(team: Team) -> None:
    ref = team.case()
    share_id = team.share(ref, "bo", ShareLevel.WRITE)
    team.act_as("anna")
    team.services.sharing.unshare(ref.case_id, share_id)
    team.act_as("bo")
    assert _mine(team) == []
    assert team.services.search.search(ref.number).cases == ()
    assert ("case_unshared", ref.case_id, share_id) in _events(team)


def test_who_a_case_can_be_shared_with(team: Team) -> None:
    ref = team.case()
    team.act_as("anna")
    sharing = team.services.sharing
    names = {c.full_name: c.can_write for c in sharing.colleagues(ref.case_id)}
    assert names == {
        "Ada Administratör-Fiktiv": True,
        "Bo Kollegasson-Fiktiv": True,
        "Chef Chefsdotter-Fiktiv": False,
    }
    users = team.users
    refusals = {
        "a date that has passed": (users["bo"], ShareLevel.READ, _today(team) - timedelta(days=1)),
        "write for a manager": (users["chef"], ShareLevel.WRITE, None),
        "an administrator": (users["adm"], ShareLevel.READ, None),
        "the responsible herself": (users["anna"], ShareLevel.READ, None),
    }
    for what, (user, level, until) in refusals.items():
        with pytest.raises(InvalidInput):
            sharing.share(ref.case_id, user.user_id, level, until)
        assert sharing.shares(ref.case_id) == [], what


def test_a_colleague_with_a_share_cannot_pass_it_on(team: Team) -> None:
    ref = team.case()
    team.share(ref, "bo", ShareLevel.WRITE)
    team.act_as("bo")
    with pytest.raises(AccessDenied) as refused:
        team.services.sharing.share(ref.case_id, team.users["ada"].user_id, ShareLevel.READ, None)
    assert "ansvarig handläggare" in refused.value.message


def test_the_manager_shares_unit_cases_but_never_sees_a_protected_one(team: Team) -> None:
    plain, hidden = team.case(), team.case(protected=True)
    team.act_as("chef")
    team.services.sharing.share(plain.case_id, team.users["bo"].user_id, ShareLevel.READ, None)
    with pytest.raises(AccessDenied) as refused:
        team.services.sharing.share(hidden.case_id, team.users["bo"].user_id, ShareLevel.READ, None)
    assert refused.value.message == NOT_FOUND
    # Shared with her explicitly, she reads it (only reads it).
    team.share(hidden, "chef", ShareLevel.READ)
    team.act_as("chef")
    assert not team.services.cases.open_case(hidden.case_id).writable


# -- nödåtkomst ---------------------------------------------------------------------------


def test_emergency_access_needs_a_reason_lasts_an_hour_and_only_reads(team: Team) -> None:
    hidden = team.case(protected=True)
    team.act_as("chef")
    sharing = team.services.sharing
    for too_short in ("", "akut"):
        with pytest.raises(InvalidInput):
            sharing.start_emergency(hidden.number, too_short)
    grant = sharing.start_emergency(hidden.number.lower().replace("-0", "-"), REASON)
    start = team.env.clock.now
    assert grant.expires_utc == (start + timedelta(hours=1)).isoformat(timespec="seconds")
    details = team.services.cases.open_case(hidden.case_id)
    assert details.access is Relation.EMERGENCY
    assert details.emergency is not None and details.emergency.reason == REASON
    assert [(n, a) for n, a in _mine(team)] == [(hidden.number, Relation.EMERGENCY)]
    with pytest.raises(AccessDenied) as refused:
        team.services.cases.set_marker(hidden.case_id, "violence_psychological", True)
    assert refused.value.message == READ_ONLY
    with pytest.raises(AccessDenied):  # and she cannot hand the case on
        sharing.share(hidden.case_id, team.users["bo"].user_id, ShareLevel.READ, None)

    team.env.clock.advance(59 * 60)
    team.services.cases.details(hidden.case_id)
    team.env.clock.advance(60)
    with pytest.raises(AccessDenied) as gone:
        team.services.cases.details(hidden.case_id)
    assert gone.value.message == NOT_FOUND
    assert _mine(team) == []
    actions = [a for a, c, _o in _events(team) if c == hidden.case_id]
    assert actions[-2:] == ["emergency_access_started", "case_opened"]


def test_emergency_access_can_be_ended_early(team: Team) -> None:
    hidden = team.case(protected=True)
    team.act_as("chef")
    team.services.sharing.start_emergency(hidden.number, REASON)
    team.services.sharing.end_emergency(hidden.case_id)
    with pytest.raises(AccessDenied):
        team.services.cases.details(hidden.case_id)
    with team.env.ctx.require_store().session() as session:
        row = session.execute(select(EmergencyAccessRow)).scalar_one()
        assert row.ended_utc is not None and row.reason == REASON
    assert _events(team)[-1][0] == "emergency_access_ended"


def test_an_unknown_number_is_refused_after_the_attempt_is_logged(team: Team) -> None:
    team.act_as("chef")
    with pytest.raises(InvalidInput) as refused:
        team.services.sharing.start_emergency("VINR-2026-9999", REASON)
    assert "VINR-2026-9999" in refused.value.message
    assert _events(team)[-1] == ("emergency_access_refused", None, None)


def test_emergency_access_is_only_for_protected_cases_and_managers(team: Team) -> None:
    plain, hidden = team.case(), team.case(protected=True)
    team.act_as("chef")
    with pytest.raises(InvalidInput):
        team.services.sharing.start_emergency(plain.number, REASON)
    team.act_as("bo")
    with pytest.raises(AccessDenied):
        team.services.sharing.start_emergency(hidden.number, REASON)


def test_the_length_of_emergency_access_is_a_setting(team: Team) -> None:
    hidden = team.case(protected=True)
    team.act_as("ada")
    team.env.admin.set_emergency_access_minutes(30)
    with pytest.raises(InvalidInput):
        team.env.admin.set_emergency_access_minutes(5)
    team.act_as("chef")
    assert team.services.sharing.emergency_minutes() == 30
    grant = team.services.sharing.start_emergency(hidden.number, REASON)
    expected = team.env.clock.now + timedelta(minutes=30)
    assert grant.expires_utc == expected.isoformat(timespec="seconds")
