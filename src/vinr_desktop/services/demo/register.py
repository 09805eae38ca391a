"""The demo register: a fictional unit and users with a public password, never device-bound,
filled with generated case work ("Öppna demoregister", `vinr-admin demo`, the benchmarks)."""

from __future__ import annotations

import json

from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.accounts.kdf import kdf_for_new_slots
from vinr_desktop.services.context import DEMO_MARKER, AppContext
from vinr_desktop.services.demo.access import fill_demo_access
from vinr_desktop.services.demo.care import fill_demo_care
from vinr_desktop.services.demo.cases import fill_demo_cases
from vinr_desktop.services.demo.recorded_facts import fill_demo_facts
from vinr_desktop.services.demo.risk import fill_demo_risk
from vinr_desktop.store import vault
from vinr_desktop.store.header import atomic_write
from vinr_desktop.store.schema import UserRow

DEMO_PASSWORD = "demo-vinr-2026-fiktiv"
DEMO_MUNICIPALITY = "Demokommun (fiktiv)"
DEMO_UNIT = "Enheten för våld i nära relationer – DEMO"
# (username, full name, roles, role label): obviously fictional people.
DEMO_USERS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("admin", "Demo Adminsson", ("admin",), "administratör"),
    ("handlaggare", "Demo Handläggarsson", ("caseworker",), "handläggare"),
    ("handlaggare2", "Demo Vikariesson", ("caseworker",), "handläggare (vikarie)"),
    ("chef", "Demo Chefsdotter", ("manager",), "enhetschef"),
)
DEMO_CASES = 40  # about as many as one handläggare in a small municipality has in a year


def create_demo_store(
    ctx: AppContext,
    *,
    cases: int = DEMO_CASES,
    entries_per_case: int | None = None,
    big_case_entries: int = 0,
) -> None:
    """The demo store: fictional unit and users, a public password, never device-bound, and
    `cases` generated fictional cases with a year of journal entries (services/demo/cases.py;
    `entries_per_case` and `big_case_entries` are for the benchmarks).
    """
    ctx.instance_lock.acquire()
    first, *others = DEMO_USERS
    store, _code = vault.create_store(
        ctx.paths,
        vault.StoreFacts(DEMO_MUNICIPALITY, DEMO_UNIT, demo=True),
        vault.NewUser(vault.new_id(), first[0], first[1], first[2], DEMO_PASSWORD),
        kdf=kdf_for_new_slots(ctx),
        device=None,
        now=ctx.now(),
    )
    store.close()
    marker = {"password": DEMO_PASSWORD, "users": [[u, label] for u, _n, _r, label in DEMO_USERS]}
    atomic_write(ctx.paths.folder / DEMO_MARKER, json.dumps(marker, ensure_ascii=False).encode())
    # Add the other demo users through the normal admin path, then give them the demo password.
    auth = AuthService(ctx)
    auth.login(first[0], DEMO_PASSWORD)
    try:
        store = ctx.require_store()
        admin = ctx.require_user()
        kdf = kdf_for_new_slots(ctx)
        for username, full_name, roles, _label in others:
            user_id = vault.new_id()
            with store.session() as session:
                session.add(
                    UserRow(
                        id=user_id,
                        username=username,
                        full_name=full_name,
                        roles=",".join(roles),
                        active=True,
                        must_change_password=False,
                        created_utc=ctx.now().isoformat(timespec="seconds"),
                    )
                )
                session.flush()
                store.record(session, user_id=admin.user_id, action="user_added", object_id=user_id)
            store.add_user_slot(user_id, username, DEMO_PASSWORD, kdf, None)
        if cases > 0:
            facts = fill_demo_cases(
                ctx,
                cases=cases,
                entries_per_case=entries_per_case,
                big_case_entries=big_case_entries,
            )
            fill_demo_access(ctx, facts)

            fill_demo_risk(ctx, facts)

            fill_demo_care(ctx)
            fill_demo_facts(ctx)
    finally:
        auth.logout()
