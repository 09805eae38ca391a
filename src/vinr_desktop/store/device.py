"""Device binding: a random secret in the operating system's credential store.

The secret is mixed into every key derivation of a bound store, so a copied file cannot be
attacked offline without the user's OS account. Only real OS credential stores are accepted; a
plaintext or null keyring backend means "no device binding", reported, never a silent downgrade.
"""

from __future__ import annotations

from typing import Protocol

SERVICE_NAME = "VINR Desktop"
SECRET_BYTES = 32

# keyring backends that keep secrets in the OS account's protected store.
ALLOWED_BACKENDS = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
    }
)


class DeviceSecretStore(Protocol):
    """Where the device secret of each store lives, keyed by store id."""

    @property
    def backend_name(self) -> str: ...

    def available(self) -> bool: ...

    def get(self, store_id: str) -> bytes | None: ...

    def create(self, store_id: str) -> bytes: ...

    def delete(self, store_id: str) -> None: ...


class KeyringDeviceStore:
    """The OS credential store through `keyring`, if its backend is on the allowlist."""

    def __init__(self, allowed: frozenset[str] = ALLOWED_BACKENDS) -> None:
        self._allowed = allowed

    def _backend(self) -> object | None:
        try:
            import keyring
            from keyring.backends import chainer

            backend = keyring.get_keyring()
        except Exception:
            return None
        candidates = (
            list(backend.backends) if isinstance(backend, chainer.ChainerBackend) else [backend]
        )
        for candidate in candidates:
            if _qualified_name(candidate) in self._allowed and _priority(candidate) > 0:
                return candidate
        return None

    @property
    def backend_name(self) -> str:
        backend = self._backend()
        return _qualified_name(backend) if backend is not None else ""

    def available(self) -> bool:
        return self._backend() is not None

    def get(self, store_id: str) -> bytes | None:
        backend = self._backend()
        if backend is None:
            return None
        try:
            value = backend.get_password(SERVICE_NAME, store_id)  # type: ignore[attr-defined]
        except Exception:
            return None
        if not value:
            return None
        try:
            return bytes.fromhex(str(value))
        except ValueError:
            return None

    def create(self, store_id: str) -> bytes:
        backend = self._backend()
        if backend is None:
            raise RuntimeError("no allowed credential store")
        import secrets

        secret = secrets.token_bytes(SECRET_BYTES)
        backend.set_password(SERVICE_NAME, store_id, secret.hex())  # type: ignore[attr-defined]
        if self.get(store_id) != secret:
            raise RuntimeError("credential store did not keep the device secret")
        return secret

    def delete(self, store_id: str) -> None:
        backend = self._backend()
        if backend is None:
            return
        try:
            backend.delete_password(SERVICE_NAME, store_id)  # type: ignore[attr-defined]
        except Exception:
            return


class NoDeviceStore:
    """No credential store at all (used where binding is switched off)."""

    backend_name = ""

    def available(self) -> bool:
        return False

    def get(self, store_id: str) -> bytes | None:
        return None

    def create(self, store_id: str) -> bytes:
        raise RuntimeError("no credential store")

    def delete(self, store_id: str) -> None:
        return None


def _qualified_name(obj: object) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(backend: object) -> float:
    try:
        return float(backend.priority)  # type: ignore[attr-defined]
    except Exception:
        return 0.0
