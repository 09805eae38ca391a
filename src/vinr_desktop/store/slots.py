"""Key slots: making one for a secret, opening one, and the two halves of a re-key."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from vinr_desktop.domain import passwords
from vinr_desktop.domain.errors import DeviceBindingMissing, StoreDamaged, WrongPassword
from vinr_desktop.store import keys
from vinr_desktop.store.engine import connect
from vinr_desktop.store.header import Header, KeySlot


def make_slot(
    store_id: str,
    slot_id: str,
    kind: str,
    username: str,
    secret: str,
    kdf: keys.KdfParams,
    data_key: bytes,
    device_secret: bytes | None,
) -> KeySlot:
    kdf.require_floor()
    salt = keys.new_salt()
    private, public = keys.new_key_pair()
    shell = KeySlot(
        slot_id=slot_id,
        kind=kind,
        username=username,
        kdf=kdf,
        salt=salt,
        wrapped=keys.WrappedPrivateKey(public, b"", b""),
        sealed=keys.SealedKey(b"", b"", b""),
        device_bound=device_secret is not None,
    )
    wrapping = keys.derive_wrapping_key(passwords.normalize(secret), salt, kdf, device_secret)
    return replace(
        shell,
        wrapped=keys.wrap_private_key(private, wrapping, shell.wrap_aad(store_id)),
        sealed=keys.seal(data_key, public, shell.seal_aad(store_id)),
    )


def open_slot_private_key(
    store_id: str, slot: KeySlot, secret: str, device_secret: bytes | None
) -> X25519PrivateKey:
    """Full key derivation and unwrap; raises WrongPassword on a wrong secret."""
    if slot.device_bound and device_secret is None:
        raise DeviceBindingMissing()
    wrapping = keys.derive_wrapping_key(
        passwords.normalize(secret),
        slot.salt,
        slot.kdf,
        device_secret if slot.device_bound else None,
    )
    try:
        return keys.unwrap_private_key(slot.wrapped, wrapping, slot.wrap_aad(store_id))
    except keys.KeyUnwrapError:
        raise WrongPassword() from None


def promote_pending(header: Header) -> Header:
    slots = tuple(
        replace(s, sealed=s.pending, pending=None) if s.pending is not None else s
        for s in header.slots
    )
    return replace(header, slots=slots, key_epoch=header.key_epoch + 1)


def prove_rekey(db: Path, old_key: bytes, new_key: bytes) -> None:
    """Never trust rekey's return code: the new key must open, the old must fail."""
    conn = connect(db, new_key)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        if problems:
            raise StoreDamaged(db.name, "omkrypteringen misslyckades")
    finally:
        conn.close()
    try:
        connect(db, old_key).close()
    except StoreDamaged:
        return
    raise StoreDamaged(db.name, "den gamla nyckeln öppnar fortfarande registret")
