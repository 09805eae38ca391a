"""Key hierarchy primitives: Argon2id wrapping, X25519 sealing, recovery codes.

The database key is 32 random bytes. Each key slot holds an X25519 key pair whose private half is
wrapped (AES-256-GCM) under a key derived from a password with Argon2id, and the database key
sealed to the public half. A wrong password fails at the GCM tag, before the database is touched.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

DATA_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12

# Floor from SECURITY.md: memory >= 64 MiB, iterations >= 3. Slots below it are never written.
FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_ITERATIONS = 3
DEFAULT_LANES = 4
# Calibration target for new slots on the machine that creates them.
CALIBRATE_MIN_SECONDS = 0.5
CALIBRATE_MAX_MEMORY_KIB = 256 * 1024


class KeyUnwrapError(Exception):
    """The wrapping key did not open the slot (wrong password, or a tampered slot)."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters, stored beside each wrapped key."""

    memory_kib: int
    iterations: int
    lanes: int = DEFAULT_LANES

    @classmethod
    def floor(cls) -> KdfParams:
        return cls(FLOOR_MEMORY_KIB, FLOOR_ITERATIONS, DEFAULT_LANES)

    def meets_floor(self) -> bool:
        return self.memory_kib >= FLOOR_MEMORY_KIB and self.iterations >= FLOOR_ITERATIONS

    def require_floor(self) -> None:
        if not self.meets_floor():
            raise ValueError(
                f"Argon2id parameters below the floor (m={self.memory_kib} KiB, "
                f"t={self.iterations}); need m >= {FLOOR_MEMORY_KIB}, t >= {FLOOR_ITERATIONS}"
            )

    def weaker_than(self, other: KdfParams) -> bool:
        return self.memory_kib < other.memory_kib or self.iterations < other.iterations


def calibrate(target_seconds: float = CALIBRATE_MIN_SECONDS) -> KdfParams:
    """Pick parameters that take about `target_seconds` here, never below the floor."""
    params = KdfParams.floor()
    salt = os.urandom(SALT_BYTES)
    while True:
        start = time.perf_counter()
        derive_wrapping_key("calibration", salt, params)
        elapsed = time.perf_counter() - start
        if elapsed >= target_seconds:
            return params
        if params.memory_kib < CALIBRATE_MAX_MEMORY_KIB:
            params = KdfParams(params.memory_kib * 2, params.iterations, params.lanes)
        else:
            factor = max(1.2, target_seconds / max(elapsed, 1e-3))
            params = KdfParams(params.memory_kib, int(params.iterations * factor) + 1, params.lanes)


def derive_wrapping_key(
    password: str, salt: bytes, params: KdfParams, device_secret: bytes | None = None
) -> bytes:
    """Argon2id(password, salt) with the device secret, if any, as Argon2's secret input."""
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
        secret=device_secret,
    )
    return kdf.derive(password.encode("utf-8"))


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def subkey(data_key: bytes, purpose: str) -> bytes:
    """A key for one purpose (header MAC, audit chain) derived from the data key."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"vinr-{purpose}".encode()
    ).derive(data_key)


def mac(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def mac_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


@dataclass(frozen=True)
class WrappedPrivateKey:
    public_key: bytes
    nonce: bytes
    ciphertext: bytes


def new_key_pair() -> tuple[X25519PrivateKey, bytes]:
    private = X25519PrivateKey.generate()
    return private, public_bytes(private)


def public_bytes(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def wrap_private_key(
    private: X25519PrivateKey, wrapping_key: bytes, aad: bytes
) -> WrappedPrivateKey:
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    nonce = os.urandom(NONCE_BYTES)
    return WrappedPrivateKey(
        public_bytes(private), nonce, AESGCM(wrapping_key).encrypt(nonce, raw, aad)
    )


def unwrap_private_key(
    wrapped: WrappedPrivateKey, wrapping_key: bytes, aad: bytes
) -> X25519PrivateKey:
    try:
        raw = AESGCM(wrapping_key).decrypt(wrapped.nonce, wrapped.ciphertext, aad)
    except InvalidTag as exc:
        raise KeyUnwrapError from exc
    private = X25519PrivateKey.from_private_bytes(raw)
    if public_bytes(private) != wrapped.public_key:
        raise KeyUnwrapError("public key does not match the wrapped private key")
    return private


@dataclass(frozen=True)
class SealedKey:
    ephemeral_public: bytes
    nonce: bytes
    ciphertext: bytes


def _seal_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes, aad: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"vinr-seal|" + aad + b"|" + ephemeral_public + recipient_public,
    ).derive(shared)


def seal(data_key: bytes, recipient_public: bytes, aad: bytes) -> SealedKey:
    """Encrypt the data key to a public key (ephemeral-static X25519, HKDF, AES-256-GCM)."""
    ephemeral = X25519PrivateKey.generate()
    eph_pub = public_bytes(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    key = _seal_key(shared, eph_pub, recipient_public, aad)
    nonce = os.urandom(NONCE_BYTES)
    return SealedKey(eph_pub, nonce, AESGCM(key).encrypt(nonce, data_key, aad))


def unseal(sealed: SealedKey, private: X25519PrivateKey, aad: bytes) -> bytes:
    shared = private.exchange(X25519PublicKey.from_public_bytes(sealed.ephemeral_public))
    key = _seal_key(shared, sealed.ephemeral_public, public_bytes(private), aad)
    try:
        data_key = AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, aad)
    except InvalidTag as exc:
        raise KeyUnwrapError("sealed data key does not open") from exc
    if len(data_key) != DATA_KEY_BYTES:
        raise KeyUnwrapError("sealed data key has the wrong length")
    return data_key


# Recovery codes: 120 random bits in Crockford base32 (no I, L, O, U), six groups of four.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 6
RECOVERY_GROUP_LEN = 4


def new_recovery_code() -> str:
    chars = [
        secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN)
    ]
    groups = [
        "".join(chars[i : i + RECOVERY_GROUP_LEN]) for i in range(0, len(chars), RECOVERY_GROUP_LEN)
    ]
    return "-".join(groups)


def normalize_recovery_code(text: str) -> str:
    """Accept the code as typed: any case, spaces or dashes, O for 0 and I/L for 1."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN or any(
        ch not in _RECOVERY_ALPHABET for ch in cleaned
    ):
        return ""
    return "-".join(
        cleaned[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), RECOVERY_GROUP_LEN)
    )


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)
