"""The key file of a backup (`vinr-kopia.keys`): who can open the copy, and what it holds.

Each backup has its own random 32-byte key (a raw SQLCipher key, like the register's data key,
but never the same). That key is sealed (X25519, HKDF, AES-256-GCM, as in the register's
header) to

- every active administrator's key pair: her slot is copied from the register's key file
  (Argon2id parameters, salt, the private key wrapped under her password), so her password at
  the time of the backup opens it on any computer (and her current password, if she changed
  it, where the current key file is at hand: a password change keeps the key pair);
- the recovery code's key pair, copied the same way;
- optionally a separate backup password (a key pair kept in the register, see
  `backup_password.py`).

Ordinary users get no slot: a caseworker's password, or a removed user's, opens no backup made
after she was removed. A backup made while she was an administrator stays openable with her
password of that time, like any copy (thin old backups; see backup_rotation).

Encrypted under the backup key (AES-256-GCM, the public facts as associated data): the manifest
and a copy of the register's key file (for restore: the other users' slots; and for rebuilding
a lost key file). The whole file is authenticated with an HMAC keyed from the backup key,
checked before anything in it is used. The public facts (ids, times, versions, the database's
size and SHA-256) are readable without a key, for listing and thinning.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, replace
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vinr_desktop.domain import passwords
from vinr_desktop.domain.errors import DeviceBindingMissing, WrongPassword
from vinr_desktop.store import keys
from vinr_desktop.store.header import Header, KeySlot
from vinr_desktop.store.manifest import Manifest

FILE_FORMAT = "vinr-desktop-backup"
FORMAT_VERSION = 1

WRONG_SECRET = (
    "Fel användarnamn, lösenord eller återställningskod för den här säkerhetskopian. Bara "
    "administratörer och återställningskoden (och ett säkerhetskopieringslösenord, om ett "
    "sådant är valt) öppnar en säkerhetskopia."
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


# -- the secrets that open a backup ---------------------------------------------------------


@dataclass(frozen=True)
class AdminPassword:
    username: str
    password: str


@dataclass(frozen=True)
class RecoveryCode:
    code: str


@dataclass(frozen=True)
class BackupPassword:
    password: str


BackupSecret = AdminPassword | RecoveryCode | BackupPassword


# -- slots ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupSlot:
    """One way into a backup: a copied key pair (wrapped private key) and the sealed key."""

    slot_id: str
    kind: str  # "user", "recovery" or "backup_password"
    username: str
    kdf: keys.KdfParams
    salt: bytes
    wrapped: keys.WrappedPrivateKey
    wrap_aad: bytes  # the associated data the private key was wrapped with
    device_bound: bool
    sealed: keys.SealedKey

    @staticmethod
    def seal_aad(slot_id: str, backup_id: str) -> bytes:
        return f"backup-seal|{slot_id}|{backup_id}|{FORMAT_VERSION}".encode()

    def to_dict(self) -> dict[str, Any]:
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
                "aad": self.wrap_aad.decode("utf-8"),
            },
            "device_bound": self.device_bound,
            "sealed_backup_key": {
                "ephemeral_public": _b64(self.sealed.ephemeral_public),
                "nonce": _b64(self.sealed.nonce),
                "ciphertext": _b64(self.sealed.ciphertext),
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BackupSlot:
        kdf, wrapped, sealed = data["kdf"], data["wrapped_private"], data["sealed_backup_key"]
        if kdf["alg"] != "argon2id" or data["kind"] not in ("user", "recovery", "backup_password"):
            raise ValueError("unknown slot")
        return cls(
            slot_id=str(data["slot_id"]),
            kind=str(data["kind"]),
            username=str(data["username"]),
            kdf=keys.KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
            salt=_unb64(kdf["salt"]),
            wrapped=keys.WrappedPrivateKey(
                _unb64(data["public_key"]), _unb64(wrapped["nonce"]), _unb64(wrapped["ciphertext"])
            ),
            wrap_aad=str(wrapped["aad"]).encode("utf-8"),
            device_bound=bool(data["device_bound"]),
            sealed=keys.SealedKey(
                _unb64(sealed["ephemeral_public"]),
                _unb64(sealed["nonce"]),
                _unb64(sealed["ciphertext"]),
            ),
        )


def slot_from_register(
    store_id: str, slot: KeySlot, backup_id: str, backup_key: bytes
) -> BackupSlot:
    """Copy a register slot's wrapped key pair and seal the backup key to its public key."""
    return BackupSlot(
        slot_id=slot.slot_id,
        kind=slot.kind,
        username=slot.username,
        kdf=slot.kdf,
        salt=slot.salt,
        wrapped=slot.wrapped,
        wrap_aad=slot.wrap_aad(store_id),
        device_bound=slot.device_bound,
        sealed=keys.seal(
            backup_key,
            slot.wrapped.public_key,
            BackupSlot.seal_aad(slot.slot_id, backup_id),
        ),
    )


# -- the file -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupFacts:
    """What anyone can read from a backup's key file, without a key."""

    backup_id: str
    store_id: str
    created_utc: str
    program_version: str
    schema_revision: str
    db_bytes: int
    db_sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "backup_id": self.backup_id,
            "store_id": self.store_id,
            "created_utc": self.created_utc,
            "program_version": self.program_version,
            "schema_revision": self.schema_revision,
            "database": {"bytes": self.db_bytes, "sha256": self.db_sha256},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BackupFacts:
        database = data["database"]
        return cls(
            backup_id=str(data["backup_id"]),
            store_id=str(data["store_id"]),
            created_utc=str(data["created_utc"]),
            program_version=str(data["program_version"]),
            schema_revision=str(data["schema_revision"]),
            db_bytes=int(database["bytes"]),
            db_sha256=str(database["sha256"]),
        )


@dataclass(frozen=True)
class BackupContents:
    """The sealed part: the manifest and the register's key file as it was at the backup."""

    manifest: Manifest
    register_header: Header


class ContentsDamaged(Exception):
    """The key file's MAC or sealed contents do not check out under the backup key."""


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


@dataclass(frozen=True)
class BackupKeyFile:
    facts: BackupFacts
    slots: tuple[BackupSlot, ...]
    contents_nonce: bytes
    contents: bytes  # AES-256-GCM of the JSON contents
    mac: str = ""
    format_version: int = FORMAT_VERSION

    def _body(self) -> dict[str, Any]:
        return {
            "format": FILE_FORMAT,
            "format_version": self.format_version,
            "facts": self.facts.to_dict(),
            "slots": sorted((s.to_dict() for s in self.slots), key=lambda d: str(d["slot_id"])),
            "contents": {"nonce": _b64(self.contents_nonce), "ciphertext": _b64(self.contents)},
        }

    def signed(self, backup_key: bytes) -> BackupKeyFile:
        return replace(
            self, mac=keys.mac(keys.subkey(backup_key, "backup-keys"), self._mac_input())
        )

    def _mac_input(self) -> bytes:
        return _canonical(self._body())

    def mac_valid(self, backup_key: bytes) -> bool:
        expected = keys.mac(keys.subkey(backup_key, "backup-keys"), self._mac_input())
        return bool(self.mac) and keys.mac_equal(expected, self.mac)

    def to_json(self) -> bytes:
        body = self._body()
        body["mac"] = self.mac
        return json.dumps(body, indent=2, sort_keys=True).encode() + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> BackupKeyFile:
        """Parse; raises ValueError (or KeyError/TypeError) on anything malformed, and
        NewerFormat for a file from a newer program."""
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise ValueError("not a VINR backup key file")
        version = int(data["format_version"])
        if version > FORMAT_VERSION:
            raise NewerFormat()
        contents = data["contents"]
        return cls(
            facts=BackupFacts.from_dict(data["facts"]),
            slots=tuple(BackupSlot.from_dict(s) for s in data["slots"]),
            contents_nonce=_unb64(contents["nonce"]),
            contents=_unb64(contents["ciphertext"]),
            mac=str(data["mac"]),
            format_version=version,
        )

    def open_contents(self, backup_key: bytes) -> BackupContents:
        """Check the MAC and decrypt the contents; raises ContentsDamaged."""
        if not self.mac_valid(backup_key):
            raise ContentsDamaged("the key file's MAC does not match")
        try:
            plain = AESGCM(keys.subkey(backup_key, "backup-contents")).decrypt(
                self.contents_nonce, self.contents, _canonical(self.facts.to_dict())
            )
            data = json.loads(plain.decode("utf-8"))
            return BackupContents(
                manifest=Manifest.from_dict(data["manifest"]),
                register_header=Header.from_json(str(data["register_header"]).encode("utf-8")),
            )
        except (InvalidTag, ValueError, KeyError, TypeError) as exc:
            raise ContentsDamaged("the sealed contents do not open") from exc

    def slot_for(self, secret: BackupSecret) -> BackupSlot | None:
        for slot in self.slots:
            if isinstance(secret, AdminPassword):
                if slot.kind == "user" and slot.username.casefold() == (
                    secret.username.strip().casefold()
                ):
                    return slot
            elif isinstance(secret, RecoveryCode):
                if slot.kind == "recovery":
                    return slot
            elif slot.kind == "backup_password":
                return slot
        return None


class NewerFormat(ValueError):
    """The key file was written by a newer program version."""


def seal_key_file(
    facts: BackupFacts, slots: tuple[BackupSlot, ...], contents: BackupContents, backup_key: bytes
) -> BackupKeyFile:
    plain = json.dumps(
        {
            "manifest": contents.manifest.to_dict(),
            "register_header": contents.register_header.to_json().decode("utf-8"),
        },
        sort_keys=True,
    ).encode("utf-8")
    nonce = os.urandom(keys.NONCE_BYTES)
    ciphertext = AESGCM(keys.subkey(backup_key, "backup-contents")).encrypt(
        nonce, plain, _canonical(facts.to_dict())
    )
    return BackupKeyFile(facts, slots, nonce, ciphertext).signed(backup_key)


# -- opening --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenedKey:
    """The backup key, the slot that gave it, and that slot's private key (for the header
    copy: the same key pair seals the register's data key there)."""

    backup_key: bytes
    slot: BackupSlot
    private: X25519PrivateKey
    contents: BackupContents


def _secret_text(secret: BackupSecret) -> str:
    if isinstance(secret, RecoveryCode):
        code = keys.normalize_recovery_code(secret.code)
        if not code:
            raise WrongPassword(WRONG_SECRET)
        return code
    return passwords.normalize(secret.password)


def _unwrap(
    wrapped: keys.WrappedPrivateKey,
    kdf: keys.KdfParams,
    salt: bytes,
    aad: bytes,
    secret: str,
    device_secret: bytes | None,
) -> X25519PrivateKey | None:
    """The private key, or None when the secret is wrong (full Argon2id either way)."""
    wrapping = keys.derive_wrapping_key(secret, salt, kdf, device_secret)
    try:
        return keys.unwrap_private_key(wrapped, wrapping, aad)
    except keys.KeyUnwrapError:
        return None


def open_key_file(
    key_file: BackupKeyFile,
    secret: BackupSecret,
    *,
    device_secret: bytes | None = None,
) -> OpenedKey:
    """The backup key through one secret (full Argon2id), with the contents checked.

    An administrator's password at the time of the backup opens her copied slot; a later
    password does not (a password change gives her slot a new key pair, so an old slot copy
    and an old password open nothing of the register now). Raises WrongPassword (a wrong
    secret or no such slot), DeviceBindingMissing, or ContentsDamaged (right secret, damaged
    file).
    """
    slot = key_file.slot_for(secret)
    if slot is None:
        raise WrongPassword(WRONG_SECRET)
    if slot.device_bound and device_secret is None:
        raise DeviceBindingMissing(
            "Administratörens nyckel i säkerhetskopian är bunden till datorn där kopian togs. "
            "Öppna kopian där, eller använd återställningskoden."
        )
    text = _secret_text(secret)
    bound = device_secret if slot.device_bound else None
    private = _unwrap(slot.wrapped, slot.kdf, slot.salt, slot.wrap_aad, text, bound)
    if private is None:
        raise WrongPassword(WRONG_SECRET)
    try:
        backup_key = keys.unseal(
            slot.sealed, private, BackupSlot.seal_aad(slot.slot_id, key_file.facts.backup_id)
        )
    except keys.KeyUnwrapError as exc:
        raise ContentsDamaged("the sealed backup key does not open") from exc
    contents = key_file.open_contents(backup_key)
    return OpenedKey(backup_key, slot, private, contents)
