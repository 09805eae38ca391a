"""Demo access history: shares, a finished nödåtkomst, reveals, openings by colleagues and one
earlier log review, so that the demo's Loggkontroll and "Vem har sett" have something to show.

Written the way the services would write it (the same rows and audit events), straight into
the store, as the case generator does; every event is a real link of the audit chain.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.access.policy import Relation, Role
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.access_schema import (
    AuditReviewItemRow,
    AuditReviewRow,
    CaseShareRow,
    EmergencyAccessRow,
)
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow
from vinr_desktop.store.schema import AuditRow, UserRow
from vinr_desktop.store.vault import new_id

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.demo.cases import DemoFacts
    from vinr_desktop.store.unlocked import Store

EMERGENCY_REASON = "Polisen ringde kvällstid om akut hot; ansvarig handläggare var inte nåbar."
REVIEW_COMMENT = "Genomgånget med respektive handläggare. Inga anmärkningar."


def fill_demo_access(ctx: AppContext, facts: DemoFacts, seed: int = 4) -> None:
    """Add the access history to a store that `fill_demo_cases` has filled."""
    store = ctx.require_store()
    rng = random.Random(seed)
    now = ctx.now()
    with store.session() as session:
        users = _users(session)
        first, second = users.get("handlaggare"), users.get("handlaggare2")
        manager = users.get("chef")
        if first is None or second is None:
            return
        own = list(
            session.execute(
                select(CaseRow).where(CaseRow.responsible_user_id == first).order_by(CaseRow.number)
            ).scalars()
        )
        plain = [c for c in own if not c.protected and c.status != "closed"]
        hidden = [c for c in own if c.protected]
        rng.shuffle(plain)

        def record(user: str, action: str, case: str | None = None, **kw: str) -> None:
            store.record(session, user_id=user, action=action, case_id=case, **kw)

        # The stand-in gets two cases: one to read for a month, one to work in.
        today = now.astimezone().date()
        shares = (
            (ShareLevel.READ, (today + timedelta(days=30)).isoformat()),
            (ShareLevel.WRITE, None),
        )
        for case, (level, until) in zip(plain, shares, strict=False):  # a small demo has fewer
            share = CaseShareRow(
                id=new_id(),
                case_id=case.id,
                user_id=second,
                level=level.value,
                valid_until=until,
                granted_by=first,
                granted_utc=(now - timedelta(days=3)).isoformat(timespec="seconds"),
            )
            session.add(share)
            session.flush()
            record(first, "case_shared", case.id, object_id=share.id)
            relation = Relation.SHARED_READ if level is ShareLevel.READ else Relation.SHARED_WRITE
            record(second, "case_opened", case.id, object_id=relation.value)
        # The responsible handläggare shows a protected address before a home visit.
        if hidden:
            case = hidden[0]
            person = session.execute(
                select(CasePersonRow.person_id).where(
                    CasePersonRow.case_id == case.id, CasePersonRow.role == "main"
                )
            ).scalar_one()
            record(first, "case_opened", case.id, object_id=Relation.OWN_CASE.value)
            record(first, "contact_revealed", case.id, object_id=person, reason="Hembesök")
        if manager is not None:
            for case in plain[2:5]:
                record(manager, "case_opened", case.id, object_id=Relation.UNIT_CASE.value)
            if len(hidden) > 1:
                # A nödåtkomst a week ago, long since run out.
                case = hidden[1]
                started = now - timedelta(days=7, hours=3)
                grant = EmergencyAccessRow(
                    id=new_id(),
                    case_id=case.id,
                    user_id=manager,
                    reason=EMERGENCY_REASON,
                    started_utc=started.isoformat(timespec="seconds"),
                    expires_utc=(started + timedelta(hours=1)).isoformat(timespec="seconds"),
                )
                session.add(grant)
                session.flush()
                record(
                    manager,
                    "emergency_access_started",
                    case.id,
                    object_id=grant.id,
                    reason=EMERGENCY_REASON,
                )
                record(manager, "case_opened", case.id, object_id=Relation.EMERGENCY.value)
        # Someone mistyped the stand-in's password once.
        store.record(session, user_id=second, action="login_failed")
    if manager is not None:
        _review_the_openings(store, manager, now.isoformat(timespec="seconds"))


def _review_the_openings(store: Store, manager: str, now_text: str) -> None:
    """The manager has already reviewed the stand-in's openings (an earlier loggkontroll)."""
    with store.session() as session:
        users = _users(session)
        seqs = list(
            session.execute(
                select(AuditRow.seq).where(
                    AuditRow.action == "case_opened",
                    AuditRow.user_id == users.get("handlaggare2"),
                )
            ).scalars()
        )
        if not seqs:
            return
        review = AuditReviewRow(
            id=new_id(), reviewer_id=manager, reviewed_utc=now_text, comment=REVIEW_COMMENT
        )
        session.add(review)
        session.flush()
        session.add_all(AuditReviewItemRow(review_id=review.id, seq=s) for s in seqs)
        store.record(session, user_id=manager, action="audit_reviewed", object_id=review.id)


def _users(session: Session) -> dict[str, str]:
    """Username → id of the active users with case work or review roles."""
    rows = session.execute(select(UserRow.username, UserRow.id, UserRow.roles)).all()
    wanted = {Role.CASEWORKER.value, Role.MANAGER.value}
    return {u: i for u, i, roles in rows if wanted & set(roles.split(","))}
