"""Disk full during a commit: a Swedish message, nothing half-written, works once space is freed.

Uses a real small tmpfs, so it needs the right to mount (root, as on CI); elsewhere it skips.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from vinr_desktop.domain.errors import DiskFull
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore

PASSWORD = "full disk men lugn"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "liten-disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("needs permission to mount a small tmpfs")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "fyllnad"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def test_disk_full_during_commit(small_disk: Path) -> None:
    ctx = AppContext(small_disk / "register", device=NoDeviceStore(), kdf=keys.KdfParams.floor())
    setup.create_store(
        ctx,
        municipality="Kommun",
        unit="Enhet",
        username="ada",
        full_name="Ada Fiktiv",
        password=PASSWORD,
        roles=("admin",),
        bind_device=False,
    )
    auth, admin = AuthService(ctx), AdminService(ctx)
    auth.login("ada", PASSWORD)
    filler = _fill(small_disk)

    saved, refused = 5, None
    for minutes in range(6, 16):  # keep writing until SQLite itself runs out of room
        try:
            admin.set_idle_lock_minutes(minutes)
            saved = minutes
        except DiskFull as exc:
            assert "Disken är full" in exc.message
            refused = minutes
            break
    assert refused is not None

    filler.unlink()
    assert admin.idle_lock_minutes() == saved  # the refused change left no trace
    store = ctx.require_store()
    assert store.integrity_check() == []
    assert store.verify_audit().ok
    admin.set_idle_lock_minutes(refused)
    assert admin.idle_lock_minutes() == refused
    auth.logout()
    auth.login("ada", PASSWORD)
    ctx.release()
