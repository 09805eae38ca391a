"""The state of one program instance on one store: the instance lock, the unlocked store and
the logged-in user. Services take an `AppContext`; the UI creates exactly one.

This module is imported before the first window is shown, so it imports nothing heavy
(SQLAlchemy, Alembic, cryptography): those load with the services that open a store. The key
derivation of new key slots is therefore chosen in services/accounts/kdf.py, not here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from vinr_desktop.access.policy import STORE, Action, Resource, can
from vinr_desktop.domain.clock import utc_now
from vinr_desktop.domain.errors import AccessDenied
from vinr_desktop.domain.it_policy import ItPolicy
from vinr_desktop.store.device import DeviceSecretStore, KeyringDeviceStore
from vinr_desktop.store.instance_lock import InstanceLock
from vinr_desktop.store.it_policy_file import load_policy
from vinr_desktop.store.paths import StorePaths

if TYPE_CHECKING:
    from vinr_desktop.access.session import CurrentUser
    from vinr_desktop.store import keys
    from vinr_desktop.store.vault import Store

DEMO_MARKER = "demo.json"


# Hembesöksläge: the only actions besides the visit's own case (services/home_visits/).
VISIT_MODE_ALLOWED = frozenset({Action.CHANGE_OWN_PASSWORD})
VISIT_MODE_REFUSED = "Under hembesöket går bara det besökta ärendet att nå."


@dataclass(frozen=True)
class VisitMode:
    """A home visit is going on: the program reaches only `case_id`, for `user_id`."""

    user_id: str
    case_id: str
    visit_id: str
    expected_back_utc: str = ""  # shown in the mode; past it the visit is overdue
    failures: tuple[str, ...] = ()  # wrong passwords at leaving (the login's delay rules)


@dataclass(frozen=True)
class DemoInfo:
    """The demo store's public facts, shown on its login screen."""

    password: str
    usernames: tuple[tuple[str, str], ...]  # (username, role label)


class AppContext:
    """One store folder, at most one unlocked store and one logged-in user."""

    def __init__(
        self,
        folder: Path,
        *,
        device: DeviceSecretStore | None = None,
        now: Callable[[], datetime] = utc_now,
        kdf: keys.KdfParams | None = None,
        it_policy: ItPolicy | None = None,
    ) -> None:
        self.paths = StorePaths(Path(folder))
        self._it_policy = it_policy
        self.device: DeviceSecretStore = device if device is not None else KeyringDeviceStore()
        self.now = now
        # New key slots' parameters: given (tests), else chosen once (services/accounts/kdf.py).
        self.kdf = kdf
        self.instance_lock = InstanceLock(self.paths.lock)
        self.store: Store | None = None
        self.user: CurrentUser | None = None
        self.locked_user: CurrentUser | None = None
        self.password_change_required = False
        # Hembesöksläge: kept through lock and unlock; set and ended by the home visits.
        self.visit: VisitMode | None = None

    @property
    def it_policy(self) -> ItPolicy:
        """IT's preconfiguration (policy.json; domain/it_policy.py), read at its first use
        and kept for the context's life. Not read while the first window is built: finding the
        machine's configuration folder imports platformdirs (3 ms of a cold start); the
        warm-up reads it while the login window waits (services/warm_up.py)."""
        if self._it_policy is None:
            self._it_policy = load_policy()
        return self._it_policy

    @it_policy.setter
    def it_policy(self, policy: ItPolicy) -> None:
        self._it_policy = policy

    # -- facts without a key -------------------------------------------------------------

    def store_exists(self) -> bool:
        return self.paths.store_exists()

    def demo_info(self) -> DemoInfo | None:
        marker = self.paths.folder / DEMO_MARKER
        try:
            text = marker.read_text(encoding="utf-8")
        except OSError:
            return None
        try:
            data = json.loads(text)
            return DemoInfo(
                password=str(data["password"]),
                usernames=tuple((str(u), str(label)) for u, label in data["users"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @property
    def is_demo(self) -> bool:
        return self.demo_info() is not None

    def release(self) -> None:
        """At program exit: close the store if open and let another instance in."""
        if self.store is not None:
            self.store.close()
        self.store, self.user, self.locked_user = None, None, None
        self.instance_lock.release()

    # -- guards --------------------------------------------------------------------------

    def require_store(self) -> Store:
        if self.store is None or not self.store.is_open:
            raise AccessDenied("Registret är låst. Lås upp det först.")
        return self.store

    def require_user(self) -> CurrentUser:
        if self.user is None:
            raise AccessDenied("Ingen är inloggad.")
        return self.user

    def require(
        self, action: Action, resource: Resource = STORE, *, case_id: str | None = None
    ) -> tuple[Store, CurrentUser]:
        """The open store and the user, if the user may do `action` (on `case_id`, when the
        work is on one case); else AccessDenied. In hembesöksläge only the visit's case."""
        store, user = self.require_store(), self.require_user()
        visit = self.visit
        if visit is not None and visit.user_id == user.user_id:
            allowed = case_id == visit.case_id if case_id is not None else False
            if not allowed and action not in VISIT_MODE_ALLOWED:
                raise AccessDenied(VISIT_MODE_REFUSED)
        if self.password_change_required and action is not Action.CHANGE_OWN_PASSWORD:
            raise AccessDenied("Byt ditt engångslösenord innan du fortsätter.")
        if not can(user, action, resource):
            raise AccessDenied()
        return store, user

    def device_secret_for_new_slot(self) -> bytes | None:
        """The device secret if this store is bound and the secret is reachable here."""
        store = self.require_store()
        if not store.header.device_binding:
            return None
        return self.device.get(store.store_id)
