"""A unit of fictional colleagues on one real store, for access tests.

Anna (handläggare) is responsible for the cases; Bo is a second handläggare, Chef the unit's
manager, Adm the administrator. They are real user rows in the store; `act_as` makes one of them
the logged-in user of the same unlocked store without a key derivation per switch (a login is
0.25 s of Argon2id, and the access table switches users hundreds of times). Logging in itself is
tested elsewhere; here only what each of them may do matters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from tests.casework import adult, protected_adult, register
from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.access.policy import parse_roles
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.views.cases import CaseRef

MEMBERS: dict[str, tuple[str, str]] = {
    "anna": ("Anna Ansvarigsson-Fiktiv", "caseworker"),
    "bo": ("Bo Kollegasson-Fiktiv", "caseworker"),
    "chef": ("Chef Chefsdotter-Fiktiv", "manager"),
    "adm": ("Adm Adminsson-Fiktiv", "admin"),
}


@dataclass
class Team:
    env: Env
    services: CaseWorkServices
    users: dict[str, CurrentUser] = field(default_factory=dict)
    _serial: Iterator[int] = field(default_factory=lambda: iter(range(300, 999)))
    kept: dict[str, CaseRef] = field(default_factory=dict)  # cases a test module reuses

    def act_as(self, name: str) -> CurrentUser:
        self.env.ctx.user = self.users[name]
        return self.users[name]

    def case(self, *, protected: bool = False, by: str = "anna") -> CaseRef:
        """A new case with Anna (or `by`) responsible."""
        before = self.env.ctx.user
        self.act_as(by)
        try:
            serial = next(self._serial)
            if protected:
                person = protected_adult(last=f"Hemligsson{serial}-Fiktiv")
            else:
                person = adult("Testa", f"Testsson{serial}-Fiktiv", serial=serial)
            return register(self.services, person)
        finally:
            self.env.ctx.user = before

    def share(
        self, ref: CaseRef, to: str, level: ShareLevel, until: date | None = None, by: str = "anna"
    ) -> str:
        before = self.env.ctx.user
        self.act_as(by)
        try:
            return self.services.sharing.share(ref.case_id, self.users[to].user_id, level, until)
        finally:
            self.env.ctx.user = before


def make_team(env: Env) -> Team:
    """Log in the store's first user once and add the colleagues as user rows."""
    from vinr_desktop.store.schema import UserRow
    from vinr_desktop.store.vault import new_id

    env.auth.login("ada", ADMIN_PASSWORD)
    store = env.ctx.require_store()
    team = Team(env, CaseWorkServices.for_context(env.ctx))
    team.users["ada"] = env.ctx.require_user()
    with store.session() as session:
        for username, (full_name, roles) in MEMBERS.items():
            user_id = new_id()
            session.add(
                UserRow(
                    id=user_id,
                    username=username,
                    full_name=full_name,
                    roles=roles,
                    active=True,
                    must_change_password=False,
                    created_utc="2026-01-01T00:00:00+00:00",
                )
            )
            team.users[username] = CurrentUser(user_id, username, full_name, parse_roles([roles]))
    return team
