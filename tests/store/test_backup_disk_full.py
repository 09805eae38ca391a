"""A full disk where the backup goes (a small real tmpfs, as in tests/services/test_disk_full.py):
a Swedish message, nothing half-written in the target, the register unharmed, and the backup
works once space is freed. Needs the right to mount (root, as on CI); elsewhere it skips.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.store.conftest import Made, add_events, create, listing, raw
from vinr_desktop.domain.errors import DiskFull
from vinr_desktop.store import backup
from vinr_desktop.store.schema import AuditRow

FILLER = "fyllnad"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "usb-minne"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("needs permission to mount a small tmpfs")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Made]:
    made = create(tmp_path / "register")
    add_events(made.store, 200)  # a few pages
    yield made
    made.store.close()


def _fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk to the last byte, then free `leave` bytes again."""
    filler = folder / FILLER
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, filler.stat().st_size - leave)
    return filler


def _copy_size(made: Made) -> int:
    conn = raw(made.paths, made.store.data_key)
    try:
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    return int(pages) * int(size)


def _outcomes(made: Made) -> list[tuple[str, str | None]]:
    with made.store.session() as session:
        rows = session.execute(
            select(AuditRow.action, AuditRow.reason)
            .where(AuditRow.action.like("backup_%"))
            .order_by(AuditRow.seq)
        ).all()
    return [tuple(r) for r in rows]


def _unharmed(made: Made) -> None:
    assert made.store.integrity_check() == []
    assert made.store.verify_audit().ok


def test_no_room_for_the_copy_at_all(small_disk: Path, register: Made) -> None:
    filler = _fill(small_disk)
    with pytest.raises(DiskFull, match="inte plats för säkerhetskopian") as caught:
        backup.write_backup(register.store, small_disk, user_id=register.user_id)
    assert "Ingenting har skrivits till hälften" in caught.value.message
    assert listing(small_disk) == [FILLER]
    _unharmed(register)
    assert _outcomes(register)[-2:] == [("backup_started", None), ("backup_failed", "disk_full")]
    filler.unlink()
    result = backup.write_backup(register.store, small_disk, user_id=register.user_id)
    assert listing(small_disk) == [result.path.name]


def test_the_disk_fills_up_in_the_middle_of_the_copy(small_disk: Path, register: Made) -> None:
    """Room for the database pages but not for the rest: the write itself fails."""
    filler = _fill(small_disk, leave=_copy_size(register) + 4096)
    with pytest.raises(DiskFull, match="inte plats för säkerhetskopian"):
        backup.write_backup(register.store, small_disk, user_id=register.user_id)
    assert listing(small_disk) == [FILLER]
    _unharmed(register)
    assert _outcomes(register)[-1] == ("backup_failed", "disk_full")
    filler.unlink()
    result = backup.write_backup(register.store, small_disk, user_id=register.user_id)
    assert listing(small_disk) == [result.path.name]
    assert _outcomes(register)[-1] == ("backup_written", None)
