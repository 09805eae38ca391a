"""Key slots: every way in opens, the KDF floor holds, re-keying locks a removed user out."""

from __future__ import annotations

import base64
import json
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from tests.fakes import MemoryDeviceStore
from tests.store.conftest import (
    PASSWORD,
    USERNAME,
    Made,
    add_events,
    create,
    sha256,
)
from vinr_desktop.domain import passwords
from vinr_desktop.domain.errors import (
    DeviceBindingMissing,
    HeaderDamaged,
    StoreDamaged,
    UserError,
    WrongPassword,
)
from vinr_desktop.store import engine, keys, vault
from vinr_desktop.store.device import KeyringDeviceStore
from vinr_desktop.store.header import HeaderFile, KeySlot
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.slots import open_slot_private_key

OTHER_USER = "bertil"
OTHER_PASSWORD = "blå cykel under bron"
NEW_PASSWORD = "grön lampa i fönstret"
WEAK = keys.KdfParams(32768, 3)


def _unlock(paths: StorePaths, username: str = USERNAME, password: str = PASSWORD) -> vault.Store:
    return vault.unlock(paths, username, password, device=None).store


def _add_other_user(made: Made) -> str:
    user_id = vault.new_id()
    made.store.add_user_slot(user_id, OTHER_USER, OTHER_PASSWORD, keys.KdfParams.floor(), None)
    return user_id


# -- every slot opens ------------------------------------------------------------------------


def test_user_slot_and_recovery_slot_both_open(made: Made) -> None:
    add_events(made.store, 2)
    made.store.close()

    by_password = vault.unlock(made.paths, USERNAME, PASSWORD, device=None)
    assert by_password.slot.slot_id == made.user_id
    key = by_password.store.data_key
    assert by_password.store.verify_audit().count == 4
    by_password.store.close()

    by_code = vault.unlock_with_recovery(made.paths, made.recovery_code, device=None)
    assert by_code.slot.kind == "recovery"
    assert by_code.store.data_key == key
    assert by_code.store.verify_audit().count == 4
    by_code.store.close()


def test_recovery_code_is_accepted_as_typed(made: Made) -> None:
    code = made.recovery_code
    for _ in range(40):  # until the code has a zero to type as the letter O
        if "0" in code:
            break
        code = made.store.replace_recovery_slot(keys.KdfParams.floor())
    assert "0" in code
    made.store.close()
    typed = " ".join(code.lower().replace("-", "")).replace("0", "o").replace("1", "l")
    opened = vault.unlock_with_recovery(made.paths, typed, device=None)
    assert opened.slot.kind == "recovery"
    opened.store.close()


def test_replaced_recovery_code_stops_working(made: Made) -> None:
    old_code = made.recovery_code
    made.store.replace_recovery_slot(keys.KdfParams.floor())
    made.store.close()
    with pytest.raises(WrongPassword) as caught:
        vault.unlock_with_recovery(made.paths, old_code, device=None)
    assert caught.value.message == "Återställningskoden stämmer inte."


@pytest.mark.parametrize(
    "typed",
    [
        "01AB-CD23-EF45-GH67-JK89-MN0P",
        "01ab-cd23-ef45-gh67-jk89-mn0p",
        "01AB CD23 EF45 GH67 JK89 MN0P",
        "O1ABCD23EF45GH67JK89MNOP",
        "oiab-cd23-ef45-gh67-jk89-mnop",
        "  0LAB cd23-EF45  gh67 JK89 mn0p ",
    ],
)
def test_recovery_code_normalisation(typed: str) -> None:
    assert keys.normalize_recovery_code(typed) == "01AB-CD23-EF45-GH67-JK89-MN0P"


@pytest.mark.parametrize("typed", ["", "01AB-CD23", "01AB-CD23-EF45-GH67-JK89-MN0PQ", "U" * 24])
def test_malformed_recovery_code_is_wrong_not_a_crash(made: Made, typed: str) -> None:
    made.store.close()
    assert keys.normalize_recovery_code(typed) == ""
    with pytest.raises(WrongPassword):
        vault.unlock_with_recovery(made.paths, typed, device=None)


# -- the KDF floor ---------------------------------------------------------------------------


@pytest.mark.parametrize("params", [WEAK, keys.KdfParams(65536, 2), keys.KdfParams(1024, 1)])
def test_floor_rejects_weaker_parameters(params: keys.KdfParams) -> None:
    assert not params.meets_floor()
    with pytest.raises(ValueError, match="below the floor"):
        params.require_floor()


def test_floor_itself_and_stronger_pass() -> None:
    keys.KdfParams.floor().require_floor()
    keys.KdfParams(256 * 1024, 4).require_floor()
    assert keys.KdfParams.floor() == keys.KdfParams(64 * 1024, 3)


def test_create_store_refuses_weak_parameters_and_writes_nothing(tmp_path: Path) -> None:
    paths = StorePaths(tmp_path / "register")
    user = vault.NewUser(vault.new_id(), USERNAME, "Anna Fiktiv", ("admin",), PASSWORD)
    with pytest.raises(ValueError, match="below the floor"):
        vault.create_store(paths, vault.StoreFacts("K", "E"), user, kdf=WEAK, device=None)
    assert not paths.store_exists()


def test_make_slot_refuses_weak_parameters() -> None:
    with pytest.raises(ValueError, match="below the floor"):
        vault.make_slot(
            vault.new_id(), "slot", "user", "u", PASSWORD, WEAK, keys.new_data_key(), None
        )


def test_slot_changes_refuse_weak_parameters(made: Made) -> None:
    before = made.paths.header.read_bytes()
    with pytest.raises(ValueError, match="below the floor"):
        made.store.add_user_slot(vault.new_id(), OTHER_USER, OTHER_PASSWORD, WEAK, None)
    with pytest.raises(ValueError, match="below the floor"):
        made.store.rewrap_slot(made.user_id, PASSWORD, NEW_PASSWORD, WEAK, None)
    with pytest.raises(ValueError, match="below the floor"):
        made.store.replace_recovery_slot(WEAK)
    assert made.paths.header.read_bytes() == before


def _slot_below_floor(made: Made, username: str, password: str) -> KeySlot:
    """A slot as an older program version (lower floor) would have written it."""
    store_id = made.store.store_id
    salt = keys.new_salt()
    private, public = keys.new_key_pair()
    shell = KeySlot(
        slot_id=vault.new_id(),
        kind="user",
        username=username,
        kdf=WEAK,
        salt=salt,
        wrapped=keys.WrappedPrivateKey(public, b"", b""),
        sealed=keys.SealedKey(b"", b"", b""),
        device_bound=False,
    )
    wrapping = keys.derive_wrapping_key(passwords.normalize(password), salt, WEAK)
    return replace(
        shell,
        wrapped=keys.wrap_private_key(private, wrapping, shell.wrap_aad(store_id)),
        sealed=keys.seal(made.store.data_key, public, shell.seal_aad(store_id)),
    )


def test_slot_below_the_floor_is_raised_at_the_next_login(made: Made) -> None:
    slot = _slot_below_floor(made, OTHER_USER, OTHER_PASSWORD)
    HeaderFile(made.paths.header).write(
        made.store.header.with_slot(slot).signed(made.store.data_key)
    )
    made.store.close()

    _unlock(made.paths, OTHER_USER, OTHER_PASSWORD).close()
    raised = vault.read_header(made.paths).slot_by_id(slot.slot_id)
    assert raised is not None
    assert raised.kdf == keys.KdfParams.floor()
    assert raised.salt != slot.salt
    _unlock(made.paths, OTHER_USER, OTHER_PASSWORD).close()  # the new wrap opens


# -- password change -------------------------------------------------------------------------


def test_password_change_old_fails_new_works(made: Made) -> None:
    made.store.rewrap_slot(made.user_id, PASSWORD, NEW_PASSWORD, keys.KdfParams.floor(), None)
    made.store.close()
    with pytest.raises(WrongPassword):
        _unlock(made.paths, USERNAME, PASSWORD)
    store = _unlock(made.paths, USERNAME, NEW_PASSWORD)
    assert store.verify_audit().ok
    store.close()


def test_an_old_slot_copy_and_the_old_password_open_nothing_after_a_change(made: Made) -> None:
    """A copy of the key file taken before a password change (a backup holds one) and the
    old password unwrap the old key pair; that key pair no longer opens the data key."""
    old_header = made.store.header
    made.store.rewrap_slot(made.user_id, PASSWORD, NEW_PASSWORD, keys.KdfParams.floor(), None)
    new_header = made.store.header
    made.store.close()
    old_slot, new_slot = old_header.slot_by_id(made.user_id), new_header.slot_by_id(made.user_id)
    assert old_slot is not None and new_slot is not None
    assert old_slot.wrapped.public_key != new_slot.wrapped.public_key
    old_private = open_slot_private_key(old_header.store_id, old_slot, PASSWORD, None)
    with pytest.raises(keys.KeyUnwrapError):
        keys.unseal(new_slot.sealed, old_private, new_slot.seal_aad(new_header.store_id))


def test_password_change_with_wrong_old_password_changes_nothing(made: Made) -> None:
    before = made.paths.header.read_bytes()
    with pytest.raises(WrongPassword):
        made.store.rewrap_slot(
            made.user_id, "inte mitt lösenord alls", NEW_PASSWORD, keys.KdfParams.floor(), None
        )
    assert made.paths.header.read_bytes() == before


# -- removing a user re-keys the database ------------------------------------------------------


def test_removed_users_old_key_file_cannot_open_the_rekeyed_store(made: Made) -> None:
    other_id = _add_other_user(made)
    add_events(made.store, 3)
    made.store.close()
    _unlock(made.paths, OTHER_USER, OTHER_PASSWORD).close()  # bertil could open it before

    store = _unlock(made.paths)
    old_key = store.data_key
    old_header = made.paths.header.read_bytes()
    store.remove_slot_and_rekey(other_id)
    assert store.data_key != old_key
    assert store.header.key_epoch == 2
    assert store.header.slot_by_id(other_id) is None
    store.close()
    current_header = made.paths.header.read_bytes()

    # The old key itself no longer opens the file.
    db_before = sha256(made.paths.db)
    with pytest.raises(StoreDamaged):
        engine.connect(made.paths.db, old_key)

    # Bertil kept a copy of the old key file: it still unwraps his slot, but opens nothing.
    made.paths.header.write_bytes(old_header)
    with pytest.raises((StoreDamaged, WrongPassword)):
        _unlock(made.paths, OTHER_USER, OTHER_PASSWORD)
    assert sha256(made.paths.db) == db_before

    made.paths.header.write_bytes(current_header)
    with pytest.raises(WrongPassword):
        _unlock(made.paths, OTHER_USER, OTHER_PASSWORD)
    store = _unlock(made.paths)
    report = store.verify_audit()
    assert report.ok and report.count == 5
    assert store.integrity_check() == []
    store.close()
    by_code = vault.unlock_with_recovery(made.paths, made.recovery_code, device=None)
    assert by_code.store.header.key_epoch == 2
    by_code.store.close()


def _phase_one(made: Made, removed_slot: str) -> tuple[bytes, bytes, int]:
    """Write the header `remove_slot_and_rekey` writes first: slot gone, new key pending."""
    store = made.store
    old_key, new_key, epoch = store.data_key, keys.new_data_key(), store.header.key_epoch
    phase1 = replace(
        store.header,
        slots=tuple(
            replace(s, pending=keys.seal(new_key, s.wrapped.public_key, s.seal_aad(store.store_id)))
            for s in store.header.slots
            if s.slot_id != removed_slot
        ),
    )
    HeaderFile(made.paths.header).write(phase1.signed(old_key))
    store.close()
    return old_key, new_key, epoch


def _rekey_database(made: Made, old_key: bytes, new_key: bytes) -> None:
    conn = engine.connect(made.paths.db, old_key)
    try:
        conn.execute(engine.rekey_pragma(new_key))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def test_rekey_interrupted_after_the_database_was_rekeyed_is_finished_at_unlock(
    made: Made,
) -> None:
    other_id = _add_other_user(made)
    add_events(made.store, 2)
    old_key, new_key, epoch = _phase_one(made, other_id)
    _rekey_database(made, old_key, new_key)
    # -- the program died here: header has pending keys, database already re-keyed --

    opened = vault.unlock(made.paths, USERNAME, PASSWORD, device=None)
    assert opened.store.data_key == new_key
    assert opened.store.verify_audit().count == 4
    assert opened.store.integrity_check() == []
    opened.store.close()
    header = vault.read_header(made.paths)
    assert [s.pending for s in header.slots] == [None, None]
    assert header.key_epoch == epoch + 1
    assert header.mac_valid(new_key)
    with pytest.raises(WrongPassword):
        _unlock(made.paths, OTHER_USER, OTHER_PASSWORD)
    by_code = vault.unlock_with_recovery(made.paths, made.recovery_code, device=None)
    assert by_code.store.data_key == new_key
    by_code.store.close()


def test_rekey_interrupted_before_the_database_was_rekeyed_keeps_the_old_key(made: Made) -> None:
    other_id = _add_other_user(made)
    old_key, _new_key, epoch = _phase_one(made, other_id)
    # -- the program died here: header has pending keys, database still on the old key --

    opened = vault.unlock(made.paths, USERNAME, PASSWORD, device=None)
    assert opened.store.data_key == old_key
    assert opened.store.verify_audit().ok
    opened.store.close()
    header = vault.read_header(made.paths)
    assert all(s.pending is None for s in header.slots)
    assert header.key_epoch == epoch
    assert header.slot_by_id(other_id) is None


# -- a tampered key file -----------------------------------------------------------------------


def _flip_b64(text: str) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[len(raw) // 2] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def _flip_hex(text: str) -> str:
    return ("1" if text[0] != "1" else "2") + text[1:]


def _slot(data: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in data["slots"] if s["kind"] == kind)


def _user_public_key(d: dict[str, Any]) -> None:
    _slot(d, "user")["public_key"] = _flip_b64(_slot(d, "user")["public_key"])


def _recovery_public_key(d: dict[str, Any]) -> None:
    _slot(d, "recovery")["public_key"] = _flip_b64(_slot(d, "recovery")["public_key"])


def _wrapped_private_key(d: dict[str, Any]) -> None:
    wrapped = _slot(d, "user")["wrapped_private"]
    wrapped["ciphertext"] = _flip_b64(wrapped["ciphertext"])


def _sealed_data_key(d: dict[str, Any]) -> None:
    sealed = _slot(d, "user")["sealed_data_key"]
    sealed["ciphertext"] = _flip_b64(sealed["ciphertext"])


def _audit_head_mac(d: dict[str, Any]) -> None:
    d["audit_head"]["mac"] = _flip_hex(d["audit_head"]["mac"])


def _audit_head_seq(d: dict[str, Any]) -> None:
    d["audit_head"]["seq"] += 1


def _key_epoch(d: dict[str, Any]) -> None:
    d["key_epoch"] += 1


def _header_mac(d: dict[str, Any]) -> None:
    d["mac"] = _flip_hex(d["mac"])


@pytest.mark.parametrize(
    "tamper",
    [
        _user_public_key,
        _recovery_public_key,
        _wrapped_private_key,
        _sealed_data_key,
        _audit_head_mac,
        _audit_head_seq,
        _key_epoch,
        _header_mac,
    ],
)
def test_tampered_key_file_is_refused(made: Made, tamper: Callable[[dict[str, Any]], None]) -> None:
    made.store.close()
    data = json.loads(made.paths.header.read_text(encoding="utf-8"))
    tamper(data)
    made.paths.header.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    db_before = sha256(made.paths.db)
    with pytest.raises((HeaderDamaged, WrongPassword)) as caught:
        vault.unlock(made.paths, USERNAME, PASSWORD, device=None)
    if isinstance(caught.value, HeaderDamaged):
        assert "vinr.keys" in caught.value.message
    assert sha256(made.paths.db) == db_before


def test_random_byte_flips_in_the_key_file_never_crash(made: Made) -> None:
    made.store.close()
    original = made.paths.header.read_bytes()
    rng = random.Random(4711)
    outcomes: dict[str, int] = {}
    for _ in range(60):
        damaged = bytearray(original)
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        made.paths.header.write_bytes(bytes(damaged))
        try:
            vault.unlock(made.paths, USERNAME, PASSWORD, device=None).store.close()
            outcome = "opened"  # e.g. a flip in the failure counter, which is not MAC-covered
        except UserError as exc:  # anything else is a crash and fails the test
            outcome = type(exc).__name__
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    made.paths.header.write_bytes(original)
    assert outcomes.get("HeaderDamaged", 0) > 0
    _unlock(made.paths).close()


# -- device binding --------------------------------------------------------------------------


def test_device_bound_store_needs_the_device_secret(tmp_path: Path) -> None:
    device = MemoryDeviceStore()
    bound = create(tmp_path / "register", device=device)
    paths, store_id = bound.paths, bound.store.store_id
    bound.store.close()
    header = vault.read_header(paths)
    assert header.device_binding == MemoryDeviceStore.backend_name
    assert {s.kind: s.device_bound for s in header.slots} == {"user": True, "recovery": False}

    vault.unlock(paths, USERNAME, PASSWORD, device=device).store.close()

    for elsewhere in (None, MemoryDeviceStore()):  # no credential store / another computer
        with pytest.raises(DeviceBindingMissing) as caught:
            vault.unlock(paths, USERNAME, PASSWORD, device=elsewhere)
        assert "återställningskoden" in caught.value.message

    wrong_secret = MemoryDeviceStore()
    wrong_secret.secrets[store_id] = os.urandom(32)
    with pytest.raises(WrongPassword):
        vault.unlock(paths, USERNAME, PASSWORD, device=wrong_secret)

    # The message points to the recovery code, and the recovery slot is not bound.
    vault.unlock_with_recovery(paths, bound.recovery_code, device=None).store.close()


class _MemoryKeyring(KeyringBackend):
    """A keyring backend with a positive priority that keeps secrets in a dict."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


# Defining a backend registers it with keyring's discovery; keep it out of other tests' way.
KeyringBackend._classes.discard(_MemoryKeyring)
MEMORY_KEYRING = f"{_MemoryKeyring.__module__}.{_MemoryKeyring.__qualname__}"


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring, _MemoryKeyring])
def test_backend_off_the_allowlist_means_no_device_binding(
    restore_keyring: None, backend: type[KeyringBackend]
) -> None:
    keyring.set_keyring(backend())
    device = KeyringDeviceStore()
    assert device.available() is False
    assert device.backend_name == ""
    assert device.get("store-id") is None
    with pytest.raises(RuntimeError):
        device.create("store-id")


def test_backend_on_the_allowlist_is_used(restore_keyring: None) -> None:
    # The same in-memory backend, allowed: proves the allowlist is what decided above.
    keyring.set_keyring(_MemoryKeyring())
    device = KeyringDeviceStore(allowed=frozenset({MEMORY_KEYRING}))
    assert device.available() is True
    assert device.backend_name == MEMORY_KEYRING
    secret = device.create("store-id")
    assert device.get("store-id") == secret
    device.delete("store-id")
    assert device.get("store-id") is None
