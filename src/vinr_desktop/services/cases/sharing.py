"""Sharing a case with colleagues, and nödåtkomst to a protected case.

Sharing: the responsible handläggare (or the manager, for a case that is not protected) gives a
colleague read or write access, until a date or until further notice, and can withdraw it.
Nödåtkomst: a manager who has no grant to a protected case may read it for a limited time after
stating a reason. Every step is an audit event; nödåtkomst is flagged for log review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from vinr_desktop.access.policy import ROLE_LABELS, Action, Relation, Role, parse_roles
from vinr_desktop.domain import sharing as rules
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.settings import EMERGENCY_ACCESS_MINUTES
from vinr_desktop.domain.sharing import SHARE_LABELS, ShareLevel, ShareState
from vinr_desktop.services.case_access import (
    CaseWork,
    active_emergency,
    case_work,
    may,
    relations_for,
    viewer_of,
)
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.access_schema import CaseShareRow, EmergencyAccessRow
from vinr_desktop.store.case_schema import CaseRow
from vinr_desktop.store.schema import SettingRow, UserRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.cases import EmergencyGrant

NOT_YOURS = "Bara ansvarig handläggare eller enhetschefen kan dela ärendet."


@dataclass(frozen=True)
class Colleague:
    """Someone the case can be shared with."""

    user_id: str
    full_name: str
    role_labels: str
    can_write: bool  # a handläggare; a manager reads only


@dataclass(frozen=True)
class ShareView:
    share_id: str
    user_id: str
    full_name: str
    level: ShareLevel
    valid_until: str | None  # inclusive; None: until further notice
    state: ShareState
    granted_by: str
    granted_utc: str

    @property
    def level_label(self) -> str:
        return SHARE_LABELS[self.level]


class SharingService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- sharing -------------------------------------------------------------------------

    def shares(self, case_id: str) -> list[ShareView]:
        """Everyone the case is or was shared with, current shares first."""
        grantee, granter = aliased(UserRow), aliased(UserRow)
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            rows = work.session.execute(
                select(CaseShareRow, grantee.full_name, granter.full_name)
                .join(grantee, grantee.id == CaseShareRow.user_id)
                .join(granter, granter.id == CaseShareRow.granted_by)
                .where(CaseShareRow.case_id == case_id)
                .order_by(CaseShareRow.granted_utc.desc())
            ).all()
            views = [
                ShareView(
                    share_id=row.id,
                    user_id=row.user_id,
                    full_name=name,
                    level=ShareLevel(row.level),
                    valid_until=row.valid_until,
                    state=rules.share_state(
                        row.valid_until, row.withdrawn_utc is not None, work.today
                    ),
                    granted_by=by,
                    granted_utc=row.granted_utc,
                )
                for row, name, by in rows
            ]
        order = list(ShareState)
        views.sort(key=lambda v: order.index(v.state))
        return views

    def colleagues(self, case_id: str) -> list[Colleague]:
        """Active colleagues who may be given access (not the responsible, not admins only)."""
        with case_work(self.ctx, case_id, Action.GRANT_CASE_ACCESS, refused=NOT_YOURS) as work:
            users = work.session.execute(
                select(UserRow).where(UserRow.active).order_by(UserRow.full_name)
            ).scalars()
            result = []
            for row in users:
                if row.id == work.case.responsible_user_id:
                    continue
                roles = parse_roles(row.roles.split(","))
                if not roles & {Role.CASEWORKER, Role.MANAGER}:
                    continue
                labels = ", ".join(ROLE_LABELS[r] for r in Role if r in roles)
                result.append(Colleague(row.id, row.full_name, labels, Role.CASEWORKER in roles))
            return result

    def share(self, case_id: str, user_id: str, level: ShareLevel, until: date | None) -> str:
        """Give a colleague access (replacing any share she has); returns the share's id."""
        with case_work(self.ctx, case_id, Action.GRANT_CASE_ACCESS, refused=NOT_YOURS) as work:
            last_day = rules.check_share_end(until, work.today)
            grantee = work.session.get(UserRow, user_id)
            if grantee is None or not grantee.active:
                raise InvalidInput("Användaren finns inte eller är inaktiverad.")
            if grantee.id == work.case.responsible_user_id:
                raise InvalidInput("Det är den ansvariga handläggaren, som redan har tillgång.")
            roles = parse_roles(grantee.roles.split(","))
            if not roles & {Role.CASEWORKER, Role.MANAGER}:
                raise InvalidInput("Ärenden kan bara delas med handläggare och enhetschefer.")
            if level is ShareLevel.WRITE and Role.CASEWORKER not in roles:
                raise InvalidInput("En enhetschef kan bara få läsbehörighet.")
            _withdraw_active(work, user_id)
            share = CaseShareRow(
                id=new_id(),
                case_id=case_id,
                user_id=user_id,
                level=level.value,
                valid_until=last_day.isoformat() if last_day else None,
                granted_by=work.user.user_id,
                granted_utc=work.now_text,
            )
            work.session.add(share)
            work.session.flush()
            work.record("case_shared", object_id=share.id)
            return share.id

    def unshare(self, case_id: str, share_id: str) -> None:
        """Withdraw a share now (it stays listed as withdrawn)."""
        with case_work(self.ctx, case_id, Action.GRANT_CASE_ACCESS, refused=NOT_YOURS) as work:
            share = work.session.get(CaseShareRow, share_id)
            if share is None or share.case_id != case_id:
                raise InvalidInput("Delningen finns inte.")
            if share.withdrawn_utc is not None:
                return
            share.withdrawn_utc = work.now_text
            share.withdrawn_by = work.user.user_id
            work.record("case_unshared", object_id=share.id)

    # -- nödåtkomst ----------------------------------------------------------------------

    def emergency_minutes(self) -> int:
        store, _user = self.ctx.require(Action.EMERGENCY_ACCESS)
        with store.session() as session:
            row = session.get(SettingRow, EMERGENCY_ACCESS_MINUTES.key)
            return EMERGENCY_ACCESS_MINUTES.parse(row.value if row is not None else None)

    def start_emergency(self, case_number: str, reason: str) -> EmergencyGrant:
        """Nödåtkomst to a protected case by its number, with a reason; audited and flagged.

        A number that matches no case is refused after the attempt is logged, so trying numbers
        leaves a trace for the reviewer.
        """
        store, user = self.ctx.require(Action.EMERGENCY_ACCESS)
        cleaned = rules.check_emergency_reason(reason)
        number = rules.normalise_case_number(case_number)
        if not number:
            raise InvalidInput("Skriv ärendenumret.")
        viewer = viewer_of(self.ctx, user)
        with store.session() as session:
            case = session.execute(
                select(CaseRow).where(CaseRow.number == number)
            ).scalar_one_or_none()
            if case is None:
                store.record(
                    session,
                    user_id=user.user_id,
                    action="emergency_access_refused",
                    reason=cleaned,
                )
                grant = None
            else:
                relations = relations_for(session, viewer, case)
                if relations != (Relation.PROTECTED_CASE,):
                    grant = None
                else:
                    setting = session.get(SettingRow, EMERGENCY_ACCESS_MINUTES.key)
                    minutes = EMERGENCY_ACCESS_MINUTES.parse(setting.value if setting else None)
                    now = self.ctx.now()
                    expires = rules.emergency_end(now, minutes).isoformat(timespec="seconds")
                    row = EmergencyAccessRow(
                        id=new_id(),
                        case_id=case.id,
                        user_id=user.user_id,
                        reason=cleaned,
                        started_utc=viewer.now_utc,
                        expires_utc=expires,
                    )
                    session.add(row)
                    session.flush()
                    store.record(
                        session,
                        user_id=user.user_id,
                        action="emergency_access_started",
                        case_id=case.id,
                        object_id=row.id,
                        reason=cleaned,
                    )
                    grant = EmergencyGrant(case.id, expires, cleaned)
        if case is None:
            raise InvalidInput(f"Det finns inget ärende med numret {number}. Försöket har loggats.")
        if grant is None:
            if may(user, Action.READ_CASE, relations):
                raise InvalidInput(
                    "Du har redan tillgång till ärendet. Öppna det från ärendelistan."
                )
            raise AccessDenied("Nödåtkomst gäller bara skyddade ärenden.")
        return grant

    def end_emergency(self, case_id: str) -> None:
        """End running nödåtkomst to the case now (before it runs out)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            if Relation.EMERGENCY not in work.relations:
                raise InvalidInput("Du har ingen pågående nödåtkomst till ärendet.")
            rows = work.session.execute(
                select(EmergencyAccessRow).where(
                    EmergencyAccessRow.case_id == case_id, active_emergency(work.viewer)
                )
            ).scalars()
            for row in rows:
                row.ended_utc = work.now_text
                work.record("emergency_access_ended", object_id=row.id)


def running_emergency(work: CaseWork) -> EmergencyGrant | None:
    """The user's running nödåtkomst to the case in `work`, latest expiry first."""
    row = work.session.execute(
        select(EmergencyAccessRow)
        .where(EmergencyAccessRow.case_id == work.case.id, active_emergency(work.viewer))
        .order_by(EmergencyAccessRow.expires_utc.desc())
        .limit(1)
    ).scalar_one_or_none()
    return EmergencyGrant(row.case_id, row.expires_utc, row.reason) if row else None


def _withdraw_active(work: CaseWork, user_id: str) -> None:
    """A new share replaces the colleague's current one (the old is kept, withdrawn)."""
    for row in work.session.execute(
        select(CaseShareRow).where(
            CaseShareRow.case_id == work.case.id,
            CaseShareRow.user_id == user_id,
            CaseShareRow.withdrawn_utc.is_(None),
        )
    ).scalars():
        row.withdrawn_utc = work.now_text
        row.withdrawn_by = work.user.user_id
