"""The backup UI's tests: a register with a backup folder chosen (through the services)."""

from __future__ import annotations

from pathlib import Path

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import UiEnv
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.backup.backups import BackupService


def prepare(env: UiEnv, *, backup_first: bool = False) -> Path:
    """The unit register with the folder `usb` chosen for backups (and one backup taken)."""
    if not env.folder.exists():
        env.create_store()
    usb = env.tmp_path / "usb"
    usb.mkdir(exist_ok=True)
    ctx = env.context()
    auth = AuthService(ctx)
    auth.login(ADMIN, ADMIN_PASSWORD)
    try:
        service = BackupService(ctx)
        service.set_folder(str(usb))
        if backup_first:
            service.backup_now()
    finally:
        auth.logout()
        ctx.release()
    return usb


def backups_in(usb: Path) -> list[str]:
    return sorted(p.name for p in usb.iterdir() if p.name.startswith("vinr-kopia-"))
