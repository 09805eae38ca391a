"""The key-slot header: a small JSON file beside the database.

It holds no case data: the store id, usernames (so `vinr-admin status` works without a password),
each slot's public key, KDF parameters, wrapped private key and sealed data key, failed-login
counters, and the latest audit (seq, mac). Everything except the failure counters is covered by
a MAC keyed from the data key, checked at every unlock. Written atomically: temp file, fsync,
rename, fsync of the folder.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vinr_desktop.domain.errors import HeaderDamaged, HeaderMissing
from vinr_desktop.store import keys

FORMAT_VERSION = 1
FORMAT_NAME = "vinr-desktop-keys"
RECOVERY_SLOT_ID = "recovery"
MAX_RECORDED_FAILURES = 50


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _sealed_dict(sealed: keys.SealedKey) -> dict[str, str]:
    return {
        "ephemeral_public": _b64(sealed.ephemeral_public),
        "nonce": _b64(sealed.nonce),
        "ciphertext": _b64(sealed.ciphertext),
    }


def _sealed_from(data: dict[str, Any]) -> keys.SealedKey:
    return keys.SealedKey(
        _unb64(data["ephemeral_public"]), _unb64(data["nonce"]), _unb64(data["ciphertext"])
    )


@dataclass(frozen=True)
class KeySlot:
    """One way into the store: a user's password, or the recovery code."""

    slot_id: str
    kind: str  # "user" or "recovery"
    username: str
    kdf: keys.KdfParams
    salt: bytes
    wrapped: keys.WrappedPrivateKey
    sealed: keys.SealedKey
    device_bound: bool
    # The next epoch's data key while a re-key is under way (see vault.rekey).
    pending: keys.SealedKey | None = None
    failures: int = 0
    failure_times: tuple[str, ...] = ()

    def wrap_aad(self, store_id: str) -> bytes:
        return f"wrap|{self.slot_id}|{store_id}|{FORMAT_VERSION}".encode()

    def seal_aad(self, store_id: str) -> bytes:
        return f"seal|{self.slot_id}|{store_id}|{FORMAT_VERSION}".encode()

    def authenticated_dict(self) -> dict[str, Any]:
        """The fields covered by the header MAC (everything but the failure counters)."""
        return {
            "slot_id": self.slot_id,
            "kind": self.kind,
            "username": self.username,
            "kdf": {
                "alg": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
                "salt": _b64(self.salt),
            },
            "public_key": _b64(self.wrapped.public_key),
            "wrapped_private": {
                "nonce": _b64(self.wrapped.nonce),
                "ciphertext": _b64(self.wrapped.ciphertext),
            },
            "sealed_data_key": _sealed_dict(self.sealed),
            "device_bound": self.device_bound,
            "pending_data_key": _sealed_dict(self.pending) if self.pending else None,
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.authenticated_dict()
        data["failures"] = self.failures
        data["failure_times"] = list(self.failure_times)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KeySlot:
        kdf = data["kdf"]
        if kdf["alg"] != "argon2id":
            raise ValueError("unknown KDF")
        return cls(
            slot_id=str(data["slot_id"]),
            kind=str(data["kind"]),
            username=str(data["username"]),
            kdf=keys.KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
            salt=_unb64(kdf["salt"]),
            wrapped=keys.WrappedPrivateKey(
                _unb64(data["public_key"]),
                _unb64(data["wrapped_private"]["nonce"]),
                _unb64(data["wrapped_private"]["ciphertext"]),
            ),
            sealed=_sealed_from(data["sealed_data_key"]),
            device_bound=bool(data["device_bound"]),
            pending=_sealed_from(data["pending_data_key"])
            if data.get("pending_data_key")
            else None,
            failures=int(data.get("failures", 0)),
            failure_times=tuple(str(t) for t in data.get("failure_times", [])),
        )

    def with_failure(self, when_utc: str) -> KeySlot:
        times = (*self.failure_times, when_utc)[-MAX_RECORDED_FAILURES:]
        return replace(self, failures=self.failures + 1, failure_times=times)

    def without_failures(self) -> KeySlot:
        return replace(self, failures=0, failure_times=())


@dataclass(frozen=True)
class Header:
    store_id: str
    created_utc: str
    key_epoch: int
    device_binding: str  # "" when not bound, else the credential-store backend's name
    slots: tuple[KeySlot, ...]
    audit_seq: int = 0
    audit_mac: str = ""
    db_salt: str = ""  # first 16 bytes of the database file, so `status` can match the two
    mac: str = ""
    format_version: int = FORMAT_VERSION

    def slot_for_username(self, username: str) -> KeySlot | None:
        for slot in self.slots:
            if slot.kind == "user" and slot.username.casefold() == username.casefold():
                return slot
        return None

    def slot_by_id(self, slot_id: str) -> KeySlot | None:
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    def recovery_slot(self) -> KeySlot | None:
        return self.slot_by_id(RECOVERY_SLOT_ID)

    def user_slots(self) -> tuple[KeySlot, ...]:
        return tuple(s for s in self.slots if s.kind == "user")

    def with_slot(self, slot: KeySlot) -> Header:
        """Replace the slot with the same id, or add it."""
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return replace(self, slots=(*others, slot))

    def _body(self, slots: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "store_id": self.store_id,
            "created_utc": self.created_utc,
            "key_epoch": self.key_epoch,
            "device_binding": self.device_binding,
            "slots": slots,
            "audit_head": {"seq": self.audit_seq, "mac": self.audit_mac},
            "db_salt": self.db_salt,
        }

    def _authenticated_bytes(self) -> bytes:
        slots = sorted(
            (s.authenticated_dict() for s in self.slots), key=lambda d: str(d["slot_id"])
        )
        return json.dumps(self._body(slots), sort_keys=True, separators=(",", ":")).encode()

    def signed(self, data_key: bytes) -> Header:
        return replace(
            self, mac=keys.mac(keys.subkey(data_key, "header"), self._authenticated_bytes())
        )

    def mac_valid(self, data_key: bytes) -> bool:
        expected = keys.mac(keys.subkey(data_key, "header"), self._authenticated_bytes())
        return bool(self.mac) and keys.mac_equal(expected, self.mac)

    def to_json(self) -> bytes:
        body = self._body([s.to_dict() for s in self.slots])
        body["mac"] = self.mac
        return json.dumps(body, indent=2, sort_keys=True).encode() + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> Header:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise ValueError("not a VINR key file")
        version = int(data["format_version"])
        if version > FORMAT_VERSION:
            raise ValueError("made by a newer program version")
        head = data["audit_head"]
        return cls(
            store_id=str(data["store_id"]),
            created_utc=str(data["created_utc"]),
            key_epoch=int(data["key_epoch"]),
            device_binding=str(data["device_binding"]),
            slots=tuple(KeySlot.from_dict(s) for s in data["slots"]),
            audit_seq=int(head["seq"]),
            audit_mac=str(head["mac"]),
            db_salt=str(data.get("db_salt", "")),
            mac=str(data["mac"]),
            format_version=version,
        )


@dataclass
class HeaderFile:
    """Reads and atomically writes the header at `path`."""

    path: Path
    _tmp_suffix: str = field(default=".tmp", repr=False)

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> Header:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise HeaderMissing(self.path.name) from None
        except OSError as exc:
            raise HeaderDamaged(self.path.name, "kan inte läsas") from exc
        try:
            return Header.from_json(raw)
        except ValueError as exc:
            if "newer" in str(exc):
                raise HeaderDamaged(
                    self.path.name, "skapad av en nyare version av programmet"
                ) from exc
            raise HeaderDamaged(self.path.name) from exc
        except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise HeaderDamaged(self.path.name) from exc

    def write(self, header: Header) -> None:
        atomic_write(self.path, header.to_json())


def read_db_salt(db: Path) -> str:
    """The database file's first 16 bytes (SQLCipher's salt) as hex, or "" if unreadable."""
    try:
        with open(db, "rb") as handle:
            first = handle.read(16)
    except OSError:
        return ""
    return first.hex() if len(first) == 16 else ""


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` so that a crash at any point leaves either the old or the new file."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
