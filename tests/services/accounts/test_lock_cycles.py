"""1000 lock/unlock cycles, each unlock with the full key derivation (SECURITY.md fault table)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.store.schema import AuditRow

CYCLES = 1000


@pytest.mark.slow
@pytest.mark.full_kdf
def test_thousand_lock_unlock_cycles(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    stores = set()
    for _ in range(CYCLES):
        env.auth.lock()
        assert env.ctx.store is None
        env.auth.unlock(ADMIN_PASSWORD)
        store = env.ctx.require_store()
        stores.add(id(store))
    assert len(stores) > 1  # every unlock opened the store afresh
    store = env.ctx.require_store()
    with store.session() as session:
        counts = dict(
            session.execute(select(AuditRow.action, func.count()).group_by(AuditRow.action)).all()
        )
    assert counts["lock"] == CYCLES and counts["unlock"] == CYCLES
    assert store.verify_audit().ok
    assert store.integrity_check() == []
