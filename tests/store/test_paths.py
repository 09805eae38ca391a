"""Folders and the lock file the program makes are owner-only, like the store's own files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from vinr_desktop.domain.errors import StoreInUse
from vinr_desktop.store.instance_lock import InstanceLock
from vinr_desktop.store.paths import make_private_folder

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_folder_and_its_missing_parents_are_owner_only(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    folder = tmp_path / "VINR Desktop" / "register"
    old_umask = os.umask(0o022)
    try:
        make_private_folder(folder)
    finally:
        os.umask(old_umask)
    assert mode(folder) == 0o700
    assert mode(folder.parent) == 0o700
    assert mode(tmp_path) == 0o755  # it was there already: not ours to change


def test_an_existing_folder_keeps_the_mode_its_owner_chose(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir(mode=0o750)
    folder.chmod(0o750)
    make_private_folder(folder)
    assert mode(folder) == 0o750


def test_the_lock_file_is_owner_only_and_an_old_wide_one_is_narrowed(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "register"
    lock = InstanceLock(folder / "vinr.lock")
    lock.acquire()
    try:
        assert mode(folder) == 0o700
        assert mode(folder / "vinr.lock") == 0o600
        with pytest.raises(StoreInUse):
            InstanceLock(folder / "vinr.lock").acquire()
    finally:
        lock.release()
    (folder / "vinr.lock").chmod(0o644)  # as an earlier version left it
    with InstanceLock(folder / "vinr.lock"):
        assert mode(folder / "vinr.lock") == 0o600


def test_the_first_start_makes_everything_owner_only(tmp_path: Path) -> None:
    """The real program on a folder that does not exist yet: register folder, logs/, the log
    files and vinr.lock are all for the owner only (with the common umask 022)."""
    data = tmp_path / "fresh" / "register"
    script = (
        "import os, sys\n"
        "os.umask(0o022)\n"
        "from PySide6.QtWidgets import QApplication\n"
        "QApplication.exec = lambda self: 0  # start, show the first window, then quit\n"
        "from vinr_desktop.ui.app import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    made = [data.parent, data, *data.rglob("*")]
    assert data / "vinr.lock" in made
    assert data / "logs" in made
    wrong = {
        str(p.relative_to(tmp_path)): oct(mode(p))
        for p in made
        if mode(p) != (0o700 if p.is_dir() else 0o600)
    }
    assert wrong == {}
