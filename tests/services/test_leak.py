"""No plain-text leaks: a scripted session with marker strings, then a scan of every file."""

from __future__ import annotations

import logging
from pathlib import Path

from tests.leakscan import scan
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore

MARKERS = (
    "Markörnamn Qxzvbj-Fiktiv",
    "Markörenhet Kpwqyzxv-Fiktiv",
    "Markörkommun Vzqxjwkf",
    "Nyanställd Zqpwxkvj",
)


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
    assert scan([private_tmp], MARKERS)
    (private_tmp / "canary.txt").unlink()
    assert scan([folder, private_tmp, logs], MARKERS) == []


def test_the_source_has_no_unencrypted_copy_of_the_database() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    offenders = []
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8").lower()
        if "key ''" in text or 'key ""' in text or "sqlcipher_export" in text:
            offenders.append(path.name)
    assert offenders == []
