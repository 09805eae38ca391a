"""Who may see and change which case: the user's relation to a case, and the same rule as a
SQL filter for lists and search, so a case the user may not open never leaves the store.

The access-control issue adds shares (read/write, with an end date) and nödåtkomst here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from vinr_desktop.access.policy import Action, Relation, Resource, Role, can
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.services.context import AppContext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.store.case_schema import CaseRow
    from vinr_desktop.store.unlocked import Store

NOT_FOUND = "Ärendet finns inte eller så har du inte behörighet att öppna det."


def relation_for(user: CurrentUser, case: CaseRow) -> Relation:
    """How `user` relates to `case`."""
    if case.responsible_user_id == user.user_id:
        return Relation.OWN_CASE
    if case.protected:
        return Relation.PROTECTED_CASE
    return Relation.UNIT_CASE


def visible_cases_clause(user: CurrentUser) -> Any:
    """A WHERE clause over `cases` for the cases `user` may read (nothing for others)."""
    from sqlalchemy import false, not_, or_

    from vinr_desktop.store.case_schema import CaseRow

    clauses = []
    for relation in (Relation.OWN_CASE, Relation.UNIT_CASE):
        if not can(user, Action.READ_CASE, Resource(relation)):
            continue
        if relation is Relation.OWN_CASE:
            clauses.append(CaseRow.responsible_user_id == user.user_id)
        else:
            clauses.append(not_(CaseRow.protected))
    return or_(*clauses) if clauses else false()


@dataclass
class CaseWork:
    """One transaction on one case the user may do `action` on."""

    session: Session
    store: Store
    user: CurrentUser
    case: CaseRow
    relation: Relation
    now_text: str  # when this work happens (UTC, the context's clock)
    today: date  # the user's local date

    def record(self, action: str, object_id: str | None = None, reason: str | None = None) -> None:
        self.store.record(
            self.session,
            user_id=self.user.user_id,
            action=action,
            case_id=self.case.id,
            object_id=object_id,
            reason=reason,
        )

    @property
    def writable(self) -> bool:
        return can(self.user, Action.WRITE_CASE, Resource(self.relation))


@contextmanager
def case_work(
    ctx: AppContext, case_id: str, action: Action, *, allow_closed: bool = False
) -> Iterator[CaseWork]:
    """Open a transaction on `case_id` if the user may do `action` on it.

    A case the user may not read is reported exactly like one that does not exist, so the
    answer never tells that a protected case is there.
    """
    from vinr_desktop.store.case_schema import CaseRow

    store, user = ctx.require(Action.LIST_CASES)
    with store.session() as session:
        case = session.get(CaseRow, case_id)
        if case is None:
            raise AccessDenied(NOT_FOUND)
        relation = relation_for(user, case)
        if not can(user, Action.READ_CASE, Resource(relation)):
            raise AccessDenied(NOT_FOUND)
        if not can(user, action, Resource(relation)):
            raise AccessDenied("Du har bara läsbehörighet i det här ärendet.")
        now = ctx.now()
        work = CaseWork(
            session,
            store,
            user,
            case,
            relation,
            now.isoformat(timespec="seconds"),
            now.astimezone().date(),
        )
        if action is Action.WRITE_CASE and case.status == "closed" and not allow_closed:
            raise InvalidInput("Ärendet är avslutat och kan bara läsas. Återöppna det först.")
        yield work


def is_manager(user: CurrentUser) -> bool:
    return Role.MANAGER in user.roles
