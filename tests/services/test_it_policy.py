"""What IT's policy.json fixes, enforced by the services (not only greyed out in the window):
the idle lock, files out of the register, and the names and binding of a new register."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from tests.team import make_team
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.it_policy import parse_policy
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.documents.pipeline import FILE_EXPORT_FORBIDDEN
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore
from vinr_desktop.store.schema import AuditRow
from vinr_desktop.views.audit import AuditFilter

SOURCE = "/etc/xdg/VINR Desktop/policy.json"


def _last_action(env: Env) -> str:
    with env.ctx.require_store().session() as session:
        row = session.execute(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1))
        return row.scalar_one().action


def test_idle_lock_fixed_by_it_wins_and_cannot_be_changed(env: Env) -> None:
    env.auth.login("ada", ADMIN_PASSWORD)
    env.admin.set_idle_lock_minutes(9)
    env.ctx.it_policy = parse_policy({"idle_lock_minutes": 3}, SOURCE)
    assert env.admin.idle_lock_minutes() == 3
    with pytest.raises(InvalidInput, match="fastställd av IT"):
        env.admin.set_idle_lock_minutes(7)
    env.ctx.it_policy = parse_policy({}, SOURCE)  # IT takes the line out: the register's own
    assert env.admin.idle_lock_minutes() == 9


def test_no_file_leaves_when_it_forbids_it_and_paper_still_prints(env: Env, tmp_path: Path) -> None:
    team = make_team(env)
    team.act_as("chef")
    docs = team.services.documents
    document = docs.audit_report(AuditFilter())
    env.ctx.it_policy = parse_policy({"pdf_export": "forbidden"}, SOURCE)
    target = tmp_path / "loggkontroll.pdf"
    with pytest.raises(InvalidInput) as refused:
        docs.save_document(None, document, target)
    assert refused.value.message == FILE_EXPORT_FORBIDDEN
    assert not target.exists()
    assert _last_action(env) != "document_saved"
    docs.record_output(
        None,
        document.kind,
        document.document_id,
        document.recipient,
        "print",
        document.document_id,
    )
    assert _last_action(env) == "document_printed"
    env.ctx.it_policy = parse_policy({"pdf_export": "ask"}, SOURCE)
    docs.save_document(None, document, target)  # asked in the preview, then saved and audited
    assert target.exists() and _last_action(env) == "document_saved"


def _new_context(folder: Path, policy: dict[str, object]) -> AppContext:
    return AppContext(
        folder,
        device=NoDeviceStore(),
        kdf=keys.KdfParams.floor(),
        it_policy=parse_policy(policy, SOURCE),
    )


def _create(ctx: AppContext, municipality: str, bind_device: bool = False) -> str:
    return setup.create_store(
        ctx,
        municipality=municipality,
        unit="VINR-enheten (fiktiv)",
        username="ada",
        full_name="Ada Administratör-Fiktiv",
        password=ADMIN_PASSWORD,
        roles=("caseworker", "admin"),
        bind_device=bind_device,
    )


def test_a_new_register_gets_the_names_it_fixed(tmp_path: Path) -> None:
    ctx = _new_context(tmp_path / "register", {"municipality": "Ånge kommun"})
    with pytest.raises(InvalidInput, match="Kommunens namn är fastställt av IT: Ånge kommun"):
        _create(ctx, "Någon annan kommun")
    assert not ctx.store_exists()
    _create(ctx, "Ånge kommun")
    AuthService(ctx).login("ada", ADMIN_PASSWORD)
    assert AdminService(ctx).unit_facts().municipality == "Ånge kommun"
    ctx.release()


def test_required_binding_without_a_keyring_creates_nothing(tmp_path: Path) -> None:
    ctx = _new_context(tmp_path / "register", {"device_binding_required": True})
    assert not ctx.device.available()
    with pytest.raises(InvalidInput, match="IT kräver att registret binds till datorn"):
        _create(ctx, "Ånge kommun", bind_device=False)
    assert not ctx.store_exists()
