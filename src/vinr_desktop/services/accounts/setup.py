"""Creating a store: from the setup wizard and from `vinr-admin init` (the demo register is
services/demo/register.py)."""

from __future__ import annotations

from vinr_desktop.domain.setup_flow import SetupFlow
from vinr_desktop.resources import common_passwords
from vinr_desktop.services.accounts.kdf import kdf_for_new_slots
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import vault


def setup_flow(ctx: AppContext, common_passwords: frozenset[str]) -> SetupFlow:
    """A new register's flow, with what IT's policy fixes (names, device binding)."""
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
    if not flow.ready_to_create:
        raise RuntimeError("setup flow is not ready")
    data = flow.data
    ctx.instance_lock.acquire()
    store, code = vault.create_store(
        ctx.paths,
        vault.StoreFacts(data.municipality, data.unit),
        vault.NewUser(vault.new_id(), data.username, data.full_name, data.roles, data.password),
        kdf=kdf_for_new_slots(ctx),
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
    flow = setup_flow(ctx, common_passwords())
    flow.submit_organisation(municipality, unit)
    flow.submit_first_user(full_name, username, password, password, roles)
    flow.submit_device_binding(bind_device)
    return create_from_flow(ctx, flow)
