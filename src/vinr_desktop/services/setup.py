"""Creating a store: from the setup wizard, from `vinr-admin init`, and the demo store."""

from __future__ import annotations

import json

from vinr_desktop.domain.setup_flow import SetupFlow
from vinr_desktop.services.auth import AuthService
from vinr_desktop.services.context import DEMO_MARKER, AppContext

# As in auth.py: the store loads on first use.

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


def setup_flow(ctx: AppContext, common_passwords: frozenset[str]) -> SetupFlow:
    """A new store's flow, with what IT's policy fixes (names, device binding)."""
    policy = ctx.it_policy
    return SetupFlow(
        common_passwords,
        binding_available=ctx.device.available(),
        fixed_municipality=policy.municipality,
        fixed_unit=policy.unit,
        binding_required=policy.device_binding_required,
    )


def create_from_flow(ctx: AppContext, flow: SetupFlow) -> str:
    """Create the store the wizard describes; return the recovery code to show once."""
    from vinr_desktop.store import vault

    if not flow.ready_to_create:
        raise RuntimeError("setup flow is not ready")
    data = flow.data
    ctx.instance_lock.acquire()
    store, code = vault.create_store(
        ctx.paths,
        vault.StoreFacts(data.municipality, data.unit),
        vault.NewUser(vault.new_id(), data.username, data.full_name, data.roles, data.password),
        kdf=ctx.kdf_for_new_slots(),
        device=ctx.device if data.bind_device and ctx.device.available() else None,
        now=ctx.now(),
    )
    store.close()
    flow.created(code)
    return code


def create_store(
    ctx: AppContext,
    *,
    municipality: str,
    unit: str,
    username: str,
    full_name: str,
    password: str,
    roles: tuple[str, ...],
    bind_device: bool,
) -> str:
    """Non-interactive creation (vinr-admin init); same rules as the wizard."""
    from vinr_desktop.resources import common_passwords

    flow = setup_flow(ctx, common_passwords())
    flow.submit_organisation(municipality, unit)
    flow.submit_first_user(full_name, username, password, password, roles)
    flow.submit_device_binding(bind_device)
    return create_from_flow(ctx, flow)


def create_demo_store(
    ctx: AppContext,
    *,
    cases: int = DEMO_CASES,
    entries_per_case: int | None = None,
    big_case_entries: int = 0,
) -> None:
    """The demo store: fictional unit and users, a public password, never device-bound, and
    `cases` generated fictional cases with a year of journal entries (services/demo_data.py;
    `entries_per_case` and `big_case_entries` are for the benchmarks).
    """
    from vinr_desktop.services.demo_data import fill_demo_cases
    from vinr_desktop.store import vault
    from vinr_desktop.store.header import atomic_write
    from vinr_desktop.store.schema import UserRow

    ctx.instance_lock.acquire()
    first, *others = DEMO_USERS
    store, _code = vault.create_store(
        ctx.paths,
        vault.StoreFacts(DEMO_MUNICIPALITY, DEMO_UNIT, demo=True),
        vault.NewUser(vault.new_id(), first[0], first[1], first[2], DEMO_PASSWORD),
        kdf=ctx.kdf_for_new_slots(),
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
        kdf = ctx.kdf_for_new_slots()
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
            from vinr_desktop.services.demo_access import fill_demo_access

            facts = fill_demo_cases(
                ctx,
                cases=cases,
                entries_per_case=entries_per_case,
                big_case_entries=big_case_entries,
            )
            fill_demo_access(ctx, facts)
            from vinr_desktop.services.demo_risk import fill_demo_risk

            fill_demo_risk(ctx, facts)
            from vinr_desktop.services.demo_care import fill_demo_care

            fill_demo_care(ctx)
    finally:
        auth.logout()
