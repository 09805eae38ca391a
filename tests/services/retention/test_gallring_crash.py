"""A gallring killed in the middle of its transaction leaves nothing half-deleted: every row
is still there, the register opens and passes its checks, and the gallring can be done again."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.services.conftest import Env
from tests.services.retention.test_gallring import MARKER, SIX_YEARS, _closed_case, _counts
from tests.team import Team, make_team
from vinr_desktop.services.retention.service import RetentionService

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("table", ["journal_entries", "cases"])
def test_a_kill_in_the_middle_deletes_nothing(env: Env, table: str) -> None:
    team: Team = make_team(env)
    gone = _closed_case(team, "Gunilla", date(1980, 4, 12), MARKER, 311)
    _closed_case(team, "Greta", date(1981, 2, 3), "Annan anteckning", 312)
    env.clock.advance(SIX_YEARS)
    team.act_as("chef")
    retention = RetentionService(env.ctx)
    approval = retention.approve([gone.case_id], "SN § 45/2032")
    before = _counts(team)
    env.ctx.release()
    child = subprocess.run(
        [
            sys.executable,
            str(CHILD),
            str(env.folder),
            env.clock.now.isoformat(),
            team.users["chef"].user_id,
            approval,
            table,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "KILLING" in child.stdout, child.stderr
    assert child.returncode == -9
    again = env.new_context()
    try:
        from tests.stores import ADMIN, ADMIN_PASSWORD
        from vinr_desktop.services.accounts.auth import AuthService

        AuthService(again).login(ADMIN, ADMIN_PASSWORD)
        store = again.require_store()
        assert store.integrity_check() == []
        team.env.ctx = again
        after = _counts(team)
        del after["audit_events"], before["audit_events"]  # the logins since
        assert after == before
        assert store.verify_audit().ok
        again.user = team.users["chef"]
        result = RetentionService(again).gallra(approval)
        assert result.gallrad == 1
    finally:
        again.release()
