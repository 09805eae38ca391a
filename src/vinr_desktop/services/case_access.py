"""Who may see and change which case: the user's relation to a case, and the same rule as a
SQL filter for lists and search, so a case the user may not open never leaves the store.

Relations, from the closest: the responsible handläggare; a colleague the case is shared with
(read or write, until a date); the unit's manager for a case that is not protected; a manager
with running nödåtkomst to a protected case. Everyone else is told the case does not exist.

During a home visit (hembesöksläge, `AppContext.visit`) the user reaches only the visited case:
`case_work` refuses every other one and `visible_cases_clause` lists no other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, false, not_, or_, select

from vinr_desktop.access.policy import Action, Relation, Resource, can
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.access_schema import CaseShareRow, EmergencyAccessRow
from vinr_desktop.store.case_schema import CaseRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.store.unlocked import Store

NOT_FOUND = "Ärendet finns inte eller så har du inte behörighet att öppna det."
READ_ONLY = "Du har bara läsbehörighet i det här ärendet."


@dataclass(frozen=True)
class Viewer:
    """The user asking, and the moment they ask (shares and nödåtkomst run out)."""

    user: CurrentUser
    now_utc: str  # ISO UTC, seconds: compared with stored expiry moments
    today: date  # the user's local date: compared with a share's last day
    only_case: str | None = None  # hembesöksläge: no other case is visible

    @property
    def user_id(self) -> str:
        return self.user.user_id


def viewer_of(ctx: AppContext, user: CurrentUser) -> Viewer:
    now = ctx.now()
    visit = ctx.visit if ctx.visit is not None and ctx.visit.user_id == user.user_id else None
    return Viewer(
        user,
        now.isoformat(timespec="seconds"),
        now.astimezone().date(),
        visit.case_id if visit is not None else None,
    )


def relations_for(session: Session, viewer: Viewer, case: CaseRow) -> tuple[Relation, ...]:
    """Every way the user relates to `case` right now, the closest first.

    More than one can hold: a manager with a read share of a unit case is both a sharer and
    the unit's manager, and may do what either allows.
    """
    if case.responsible_user_id == viewer.user_id:
        return (Relation.OWN_CASE,)
    found: list[Relation] = []
    levels = set(
        session.execute(
            select(CaseShareRow.level).where(CaseShareRow.case_id == case.id, _active_share(viewer))
        ).scalars()
    )
    if ShareLevel.WRITE.value in levels:
        found.append(Relation.SHARED_WRITE)
    elif levels:
        found.append(Relation.SHARED_READ)
    if not case.protected:
        found.append(Relation.UNIT_CASE)
        return tuple(found)
    emergency = session.execute(
        select(EmergencyAccessRow.id)
        .where(EmergencyAccessRow.case_id == case.id, active_emergency(viewer))
        .limit(1)
    ).first()
    if emergency is not None:
        found.append(Relation.EMERGENCY)
    return tuple(found) or (Relation.PROTECTED_CASE,)


def may(user: CurrentUser, action: Action, relations: tuple[Relation, ...]) -> bool:
    """True if any of the relations lets the user do `action`."""
    return any(can(user, action, Resource(r)) for r in relations)


def _active_share(viewer: Viewer) -> Any:
    return (
        (CaseShareRow.user_id == viewer.user_id)
        & CaseShareRow.withdrawn_utc.is_(None)
        & or_(
            CaseShareRow.valid_until.is_(None),
            CaseShareRow.valid_until >= viewer.today.isoformat(),
        )
    )


def active_emergency(viewer: Viewer) -> Any:
    """The condition for the user's nödåtkomst rows that are running now."""
    return (
        (EmergencyAccessRow.user_id == viewer.user_id)
        & EmergencyAccessRow.ended_utc.is_(None)
        & (EmergencyAccessRow.expires_utc > viewer.now_utc)
    )


def active_shares(viewer: Viewer) -> Any:
    """A query: (case id, level) of every share the user holds right now."""
    return select(CaseShareRow.case_id, CaseShareRow.level).where(_active_share(viewer))


def shared_case_ids(viewer: Viewer) -> Any:
    """A subquery: the cases shared with the user right now."""
    return select(CaseShareRow.case_id).where(_active_share(viewer))


def emergency_case_ids(viewer: Viewer) -> Any:
    """A subquery: the cases the user has running nödåtkomst to."""
    return select(EmergencyAccessRow.case_id).where(active_emergency(viewer))


def visible_cases_clause(viewer: Viewer) -> Any:
    """A WHERE clause over `cases` for the cases the user may read (nothing for others).

    Built from the policy: a relation the user's roles may not read adds nothing.
    """
    user = viewer.user

    def may_read(relation: Relation) -> bool:
        return can(user, Action.READ_CASE, Resource(relation))

    clauses = []
    if may_read(Relation.OWN_CASE):
        clauses.append(CaseRow.responsible_user_id == viewer.user_id)
    if may_read(Relation.SHARED_READ) or may_read(Relation.SHARED_WRITE):
        clauses.append(CaseRow.id.in_(shared_case_ids(viewer)))
    if may_read(Relation.UNIT_CASE):
        clauses.append(not_(CaseRow.protected))
    if may_read(Relation.EMERGENCY):
        clauses.append(CaseRow.id.in_(emergency_case_ids(viewer)))
    if not clauses:
        return false()
    if viewer.only_case is not None:  # hembesöksläge: only the visited case
        return and_(CaseRow.id == viewer.only_case, or_(*clauses))
    return or_(*clauses)


@dataclass
class CaseWork:
    """One transaction on one case the user may do `action` on."""

    session: Session
    store: Store
    user: CurrentUser
    case: CaseRow
    relations: tuple[Relation, ...]  # every way the user reaches the case, closest first
    now_text: str  # when this work happens (UTC, the context's clock)
    today: date  # the user's local date
    only_case: str | None = None  # hembesöksläge (Viewer.only_case)

    @property
    def viewer(self) -> Viewer:
        return Viewer(self.user, self.now_text, self.today, self.only_case)

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
    def relation(self) -> Relation:
        """The closest relation that lets the user read the case (how she reaches it)."""
        return next(r for r in self.relations if can(self.user, Action.READ_CASE, Resource(r)))

    def may(self, action: Action) -> bool:
        return may(self.user, action, self.relations)


@contextmanager
def case_work(
    ctx: AppContext,
    case_id: str,
    action: Action,
    *,
    allow_closed: bool = False,
    refused: str = READ_ONLY,
) -> Iterator[CaseWork]:
    """Open a transaction on `case_id` if the user may do `action` on it.

    A case the user may not read is reported exactly like one that does not exist, so the
    answer never tells that a protected case is there. A case the user may read but not do
    `action` on gives `refused`.
    """
    store, user = ctx.require(Action.LIST_CASES, case_id=case_id)
    with store.session() as session:
        case = session.get(CaseRow, case_id)
        if case is None:
            raise AccessDenied(NOT_FOUND)
        viewer = viewer_of(ctx, user)
        relations = relations_for(session, viewer, case)
        if not may(user, Action.READ_CASE, relations):
            raise AccessDenied(NOT_FOUND)
        if not may(user, action, relations):
            raise AccessDenied(refused)
        work = CaseWork(
            session, store, user, case, relations, viewer.now_utc, viewer.today, viewer.only_case
        )
        if action is Action.WRITE_CASE and case.status == "closed" and not allow_closed:
            raise InvalidInput("Ärendet är avslutat och kan bara läsas. Återöppna det först.")
        yield work
