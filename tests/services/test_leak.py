"""No plain-text leaks: a scripted session with marker strings, then a scan of every file."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from vinr_desktop.services import setup
from vinr_desktop.services.admin import AdminService
from vinr_desktop.services.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore

MARKERS = (
    "Markörnamn Qxzvbj-Fiktiv",
    "Markörenhet Kpwqy-Fiktiv",
    "Markörkommun Vzqx",
    "Nyanställd Zqpw",
)


def _scan(folders: list[Path]) -> list[str]:
    """Every file under `folders` whose bytes contain a marker (UTF-8, case-insensitive)."""
    found = []
    needles = [m.encode("utf-8").lower() for m in MARKERS]
    needles += [m.split()[1].encode("ascii").lower() for m in MARKERS]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes().lower()
                found += [f"{path.name}: {n!r}" for n in needles if n in data]
    return found


@pytest.fixture
def private_tmp(tmp_path: Path) -> Iterator[Path]:
    """Point the process temp folder at an empty folder we can scan."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    old = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = old


def test_scripted_session_leaves_no_marker_outside_the_encrypted_store(
    tmp_path: Path, private_tmp: Path
) -> None:
    folder = tmp_path / "register"
    logs = folder / "logs"
    logs.mkdir(parents=True)
    handler = logging.FileHandler(logs / "vinr-desktop.log", encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        ctx = AppContext(folder, device=NoDeviceStore(), kdf=keys.KdfParams.floor())
        password = "markörlösen för test"
        setup.create_store(
            ctx,
            municipality=MARKERS[2],
            unit=MARKERS[1],
            username="mark",
            full_name=MARKERS[0],
            password=password,
            roles=("caseworker", "admin"),
            bind_device=False,
        )
        auth, admin = AuthService(ctx), AdminService(ctx)
        auth.login("mark", password)
        one_time = admin.add_user("nyanst", MARKERS[3], {"caseworker"})
        assert admin.unit_facts().unit == MARKERS[1]
        auth.lock()
        auth.unlock(password)
        user_id = next(u.user_id for u in admin.list_users() if u.username == "nyanst")
        admin.deactivate_user(user_id)
        auth.logout()
        ctx.release()
        assert one_time
    finally:
        root.removeHandler(handler)
        handler.close()

    written = sorted(p.name for p in folder.iterdir())
    assert "vinr.db" in written and "vinr.keys" in written
    # The scan itself must be able to find a marker, or it proves nothing.
    (private_tmp / "canary.txt").write_text(MARKERS[0], encoding="utf-8")
    assert _scan([private_tmp])
    (private_tmp / "canary.txt").unlink()
    assert _scan([folder, private_tmp, logs]) == []


def test_the_source_has_no_unencrypted_copy_of_the_database() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    offenders = []
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8").lower()
        if "key ''" in text or 'key ""' in text or "sqlcipher_export" in text:
            offenders.append(path.name)
    assert offenders == []
