"""Log review (loggkontroll): the audit log read back in words, flagged events first.

A manager reviews the whole log: filtered by user, case, kind of event and period; marks events
as reviewed with a comment (itself an audit event); builds the report for the nämnd (printed and
saved through the document pipeline). The chain is verified every time the review is opened. A
handläggare sees who else has opened her own cases, and anyone who may read a case sees every
access to it ("Vem har sett det här ärendet?").

A case the reader may not open appears as "Skyddat ärende" with a reference code; nothing else
about it (number, persons, what was changed) is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, exists, func, not_, or_, select

from vinr_desktop.access.policy import Action, Relation
from vinr_desktop.domain import audit_events as events
from vinr_desktop.domain.audit_events import EventGroup, Flag
from vinr_desktop.domain.cases import STATUS_LABELS, CaseStatus, check_reason
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.markers import MARKER_BY_CODE
from vinr_desktop.domain.sharing import SHARE_LABELS, ShareLevel, normalise_case_number
from vinr_desktop.services.audit.words import (
    closing_reason_words,
    hidden_case_label,
    program_reason_words,
)
from vinr_desktop.services.case_access import (
    NOT_FOUND,
    Viewer,
    case_work,
    viewer_of,
    visible_cases_clause,
)
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.access_schema import AuditReviewItemRow, AuditReviewRow, CaseShareRow
from vinr_desktop.store.case_schema import CaseRow
from vinr_desktop.store.schema import AuditRow, StoreMeta, UserRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.audit import (
    AuditEventView,
    AuditFilter,
    AuditPage,
    AuditReport,
    CaseChoice,
    ChainStatus,
    FlagCount,
    ReviewMark,
    UserChoice,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.store.unlocked import Store

PAGE_SIZE = 200
REPORT_LIMIT = 500  # flagged events listed in one report (the newest); counts cover all
# What a handläggare is shown about her own cases: who looked, revealed, printed or shared.
OWN_CASES_GROUPS = frozenset(
    {
        EventGroup.ACCESS,
        EventGroup.PROTECTED,
        EventGroup.EMERGENCY,
        EventGroup.EXPORT,
        EventGroup.SHARING,
    }
)

RELATION_WORDS: dict[str, str] = {
    Relation.OWN_CASE.value: "som ansvarig handläggare",
    Relation.SHARED_READ.value: "delat ärende (läsa)",
    Relation.SHARED_WRITE.value: "delat ärende (läsa och skriva)",
    Relation.UNIT_CASE.value: "som enhetschef",
    Relation.EMERGENCY.value: "med nödåtkomst",
}


class AuditReviewService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- the manager's log review --------------------------------------------------------

    def open_review(self) -> ChainStatus:
        """Start a log review: the opening is audited, then the whole chain is verified."""
        store, user = self.ctx.require(Action.REVIEW_AUDIT_LOG)
        with store.session() as session:
            store.record(session, user_id=user.user_id, action="audit_log_opened")
        return self._verify(store)

    def verify(self) -> ChainStatus:
        store, _user = self.ctx.require(Action.REVIEW_AUDIT_LOG)
        return self._verify(store)

    def events(self, wanted: AuditFilter, offset: int = 0, limit: int = PAGE_SIZE) -> AuditPage:
        """One page of the log: flagged events not yet reviewed first, then newest first."""
        store, user = self.ctx.require(Action.REVIEW_AUDIT_LOG)
        viewer = viewer_of(self.ctx, user)
        with store.session() as session:
            return _page(session, store, viewer, _conditions(wanted), offset, limit)

    def users(self) -> list[UserChoice]:
        """Everyone who can appear in the log, for the user filter (deactivated ones too)."""
        store, _user = self.ctx.require(Action.REVIEW_AUDIT_LOG)
        with store.session() as session:
            rows = session.execute(
                select(UserRow.id, UserRow.full_name).order_by(UserRow.full_name)
            )
            return [UserChoice(i, n) for i, n in rows]

    def find_case(self, number: str) -> CaseChoice:
        """A case to filter on, by its number: only a case the reviewer may open is found."""
        store, user = self.ctx.require(Action.REVIEW_AUDIT_LOG)
        viewer = viewer_of(self.ctx, user)
        with store.session() as session:
            row = session.execute(
                select(CaseRow.id, CaseRow.number).where(
                    CaseRow.number == normalise_case_number(number), visible_cases_clause(viewer)
                )
            ).first()
        if row is None:
            raise AccessDenied(NOT_FOUND)
        return CaseChoice(row[0], row[1])

    def mark_reviewed(self, seqs: Iterable[int], comment: str) -> str:
        """Mark events as reviewed with a comment; the marking is itself an audit event."""
        store, user = self.ctx.require(Action.REVIEW_AUDIT_LOG)
        wanted = sorted(set(seqs))
        if not wanted:
            raise InvalidInput("Välj de loggposter som du har granskat.")
        cleaned = check_reason(comment, "Kommentaren")
        with store.session() as session:
            found = session.execute(
                select(func.count()).select_from(AuditRow).where(AuditRow.seq.in_(wanted))
            ).scalar_one()
            if found != len(wanted):
                raise InvalidInput("Några av loggposterna finns inte.")
            review = AuditReviewRow(
                id=new_id(),
                reviewer_id=user.user_id,
                reviewed_utc=self.ctx.now().isoformat(timespec="seconds"),
                comment=cleaned,
            )
            session.add(review)
            session.flush()
            session.add_all(AuditReviewItemRow(review_id=review.id, seq=s) for s in wanted)
            store.record(
                session, user_id=user.user_id, action="audit_reviewed", object_id=review.id
            )
            return review.id

    def report(self, wanted: AuditFilter) -> AuditReport:
        """The review as a report for the nämnd: its view model, which the document pipeline
        seals and renders (DocumentService.audit_report)."""
        store, user = self.ctx.require(Action.REVIEW_AUDIT_LOG)
        return self._report(store, viewer_of(self.ctx, user), wanted, new_id())

    # -- a handläggare's own cases, and one case -----------------------------------------

    def my_cases_log(
        self, wanted: AuditFilter, offset: int = 0, limit: int = PAGE_SIZE
    ) -> AuditPage:
        """Who else has opened, revealed, printed or shared the user's own cases."""
        store, user = self.ctx.require(Action.VIEW_OWN_CASES_LOG)
        viewer = viewer_of(self.ctx, user)
        groups = wanted.groups & OWN_CASES_GROUPS if wanted.groups else OWN_CASES_GROUPS
        narrowed = AuditFilter(
            case_id=wanted.case_id,
            groups=groups,
            date_from=wanted.date_from,
            date_to=wanted.date_to,
            flagged_only=wanted.flagged_only,
        )
        conditions = [
            *_conditions(narrowed),
            CaseRow.responsible_user_id == user.user_id,
            or_(AuditRow.user_id.is_(None), AuditRow.user_id != user.user_id),
        ]
        with store.session() as session:
            return _page(session, store, viewer, conditions, offset, limit, flagged_first=False)

    def case_log(self, case_id: str, limit: int = 1000) -> AuditPage:
        """Vem har sett det här ärendet? Every event on the case, newest first."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return _page(
                work.session,
                work.store,
                work.viewer,
                [AuditRow.case_id == case_id],
                0,
                limit,
                flagged_first=False,
            )

    # -- helpers -------------------------------------------------------------------------

    def _verify(self, store: Store) -> ChainStatus:
        chain = store.verify_audit()
        return ChainStatus(
            chain.ok,
            chain.count,
            tuple(chain.problems),
            self.ctx.now().isoformat(timespec="seconds"),
        )

    def _report(
        self, store: Store, viewer: Viewer, wanted: AuditFilter, document_id: str
    ) -> AuditReport:
        chain = self._verify(store)
        flagged_filter = AuditFilter(
            user_id=wanted.user_id,
            case_id=wanted.case_id,
            groups=wanted.groups,
            date_from=wanted.date_from,
            date_to=wanted.date_to,
            flagged_only=True,
            unreviewed_only=wanted.unreviewed_only,
        )
        with store.session() as session:
            meta = {r.key: r.value for r in session.execute(select(StoreMeta)).scalars()}
            total = _page(session, store, viewer, _conditions(wanted), 0, 0).total
            page = _page(
                session,
                store,
                viewer,
                _conditions(flagged_filter),
                0,
                REPORT_LIMIT,
                flagged_first=False,
            )
            filter_text = _filter_words(session, store, viewer, wanted)
            counts = _flag_counts(session, _conditions(flagged_filter))
        flagged = tuple(sorted(page.events, key=lambda e: e.seq))
        return AuditReport(
            document_id=document_id,
            municipality=meta.get("municipality", ""),
            unit=meta.get("unit", ""),
            reviewer=viewer.user.full_name,
            created_utc=self.ctx.now().isoformat(timespec="seconds"),
            period_from=wanted.date_from,
            period_to=wanted.date_to,
            filter_text=filter_text,
            chain=chain,
            total_events=total,
            flag_counts=counts,
            flagged=flagged,
            flagged_truncated=page.total > len(page.events),
        )


# -- the query ----------------------------------------------------------------------------


def _flagged_expr() -> Any:
    return or_(
        AuditRow.action.in_(sorted(events.ALWAYS_FLAGGED)),
        and_(
            AuditRow.action.in_(sorted(events.READ_EVENTS)),
            CaseRow.responsible_user_id != AuditRow.user_id,
        ),
    )


def _reviewed_expr() -> Any:
    return exists().where(AuditReviewItemRow.seq == AuditRow.seq)


def _flag_counts(session: Session, conditions: list[Any]) -> tuple[FlagCount, ...]:
    """How many flagged events of each kind the selection holds, and how many are reviewed."""
    totals: dict[Flag, list[int]] = {}
    rows = session.execute(
        select(AuditRow.action, case((_reviewed_expr(), 1), else_=0))
        .outerjoin(CaseRow, CaseRow.id == AuditRow.case_id)
        .where(*conditions)
    )
    for action, reviewed in rows:
        flag = events.flag_for(action, outside_own_case=True)
        if flag is not None:
            counted = totals.setdefault(flag, [0, 0])
            counted[0] += 1
            counted[1] += int(reviewed)
    return tuple(
        FlagCount(events.FLAG_LABELS[flag], *totals[flag]) for flag in Flag if flag in totals
    )


def _utc_text(day: date) -> str:
    """The start of the user's local `day`, as stored UTC text."""
    start = datetime.combine(day, time.min).astimezone()
    return start.astimezone(UTC).isoformat(timespec="seconds")


def _conditions(wanted: AuditFilter) -> list[Any]:
    where: list[Any] = []
    if wanted.user_id is not None:
        where.append(AuditRow.user_id == wanted.user_id)
    if wanted.case_id is not None:
        where.append(AuditRow.case_id == wanted.case_id)
    if wanted.groups:
        where.append(AuditRow.action.in_(sorted(events.codes_in(wanted.groups))))
    if wanted.date_from is not None:
        where.append(AuditRow.ts_utc >= _utc_text(wanted.date_from))
    if wanted.date_to is not None:
        where.append(AuditRow.ts_utc < _utc_text(wanted.date_to + timedelta(days=1)))
    if wanted.flagged_only:
        where.append(_flagged_expr())
    if wanted.unreviewed_only:
        where.append(not_(_reviewed_expr()))
    return where


def _page(
    session: Session,
    store: Store,
    viewer: Viewer,
    conditions: list[Any],
    offset: int,
    limit: int,
    *,
    flagged_first: bool = True,
) -> AuditPage:
    flagged, reviewed = _flagged_expr(), _reviewed_expr()
    # Both counts in one pass over the selection.
    total, open_flags = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((and_(flagged, not_(reviewed)), 1), else_=0)), 0),
        )
        .select_from(AuditRow)
        .outerjoin(CaseRow, CaseRow.id == AuditRow.case_id)
        .where(*conditions)
    ).one()
    if limit <= 0:
        return AuditPage((), total, open_flags)
    query = (
        select(
            AuditRow,
            CaseRow.number,
            case((visible_cases_clause(viewer), 1), else_=0),
            case((flagged, 1), else_=0),
        )
        .outerjoin(CaseRow, CaseRow.id == AuditRow.case_id)
        .where(*conditions)
    )
    if flagged_first:
        query = query.order_by(case((and_(flagged, not_(reviewed)), 0), else_=1))
    rows = session.execute(query.order_by(AuditRow.seq.desc()).offset(offset).limit(limit)).all()
    words = _Words(session, [r[0] for r in rows])
    views = []
    for row, number, visible, is_flagged in rows:
        if row.case_id is None:
            label = ""
        elif number is None:  # gallrad: its events keep its id (the gallringslogg's code)
            label = f"Gallrat ärende (ref. {store.case_reference(row.case_id)})"
        elif visible:
            label = number or ""
        else:
            label = hidden_case_label(store, row.case_id)
        kind = events.event_kind(row.action)
        flag = None
        if is_flagged:
            flag = events.flag_for(row.action, outside_own_case=True)
        views.append(
            AuditEventView(
                seq=row.seq,
                ts_utc=row.ts_utc,
                user_name=words.user(row.user_id),
                action=row.action,
                action_label=kind.label,
                group=kind.group,
                case_id=row.case_id,
                case_label=label,
                detail=words.detail(row, visible=bool(visible) or row.case_id is None),
                reason="" if row.action in events.PROGRAM_REASONS else row.reason or "",
                flag=flag,
                review=words.review(row.seq),
            )
        )
    return AuditPage(tuple(views), total, open_flags)


class _Words:
    """Names and details for one page of events, loaded in a few queries."""

    def __init__(self, session: Session, rows: list[Any]) -> None:
        self.names = {i: n for i, n in session.execute(select(UserRow.id, UserRow.full_name))}
        seqs = [r.seq for r in rows]
        self.reviews: dict[int, ReviewMark] = {}
        if seqs:
            for seq, reviewer, when, comment in session.execute(
                select(
                    AuditReviewItemRow.seq,
                    AuditReviewRow.reviewer_id,
                    AuditReviewRow.reviewed_utc,
                    AuditReviewRow.comment,
                )
                .join(AuditReviewRow, AuditReviewRow.id == AuditReviewItemRow.review_id)
                .where(AuditReviewItemRow.seq.in_(seqs))
                .order_by(AuditReviewRow.reviewed_utc)
            ):
                self.reviews[seq] = ReviewMark(self.names.get(reviewer, ""), when, comment)
        share_ids = [r.object_id for r in rows if r.action in ("case_shared", "case_unshared")]
        self.shares: dict[str, CaseShareRow] = {}
        if share_ids:
            self.shares = {
                s.id: s
                for s in session.execute(
                    select(CaseShareRow).where(CaseShareRow.id.in_(share_ids))
                ).scalars()
            }

    def user(self, user_id: str | None) -> str:
        return self.names.get(user_id, "") if user_id else ""

    def review(self, seq: int) -> ReviewMark | None:
        return self.reviews.get(seq)

    def detail(self, row: Any, *, visible: bool) -> str:
        """What the event was about, in words; nothing about a case the reader may not open
        except who was given access to it."""
        action, obj = row.action, row.object_id
        if action in events.PROGRAM_REASONS:
            return program_reason_words(action, row.reason or "") if visible else ""
        if action in ("case_shared", "case_unshared") and obj in self.shares:
            share = self.shares[obj]
            text = f"{self.names.get(share.user_id, '')}: {SHARE_LABELS[ShareLevel(share.level)]}"
            if share.valid_until:
                text += f" t.o.m. {share.valid_until}"
            return text
        if action == "case_opened" and obj in RELATION_WORDS:
            return RELATION_WORDS[obj]
        if action in ("user_added", "user_removed", "one_time_password_issued"):
            return self.names.get(obj, "") if obj else ""
        if action == "audit_reviewed" or not visible or not obj:
            return ""
        if action in ("marker_added", "marker_removed"):
            marker = MARKER_BY_CODE.get(obj)
            return marker.label if marker is not None else ""
        if action == "case_status_changed" and obj in {s.value for s in CaseStatus}:
            return STATUS_LABELS[CaseStatus(obj)]
        if action in ("journal_signed", "journal_corrected"):
            return f"Anteckning {obj}"
        if action == "case_closed":
            return closing_reason_words(obj)
        return ""


def _filter_words(session: Session, store: Store, viewer: Viewer, wanted: AuditFilter) -> str:
    """The filter in a sentence, for the report."""
    parts = []
    if wanted.user_id is not None:
        user = session.get(UserRow, wanted.user_id)
        parts.append(f"användare: {user.full_name if user else '–'}")
    if wanted.case_id is not None:
        case = session.get(CaseRow, wanted.case_id)
        visible = (
            case is not None
            and session.execute(
                select(CaseRow.id).where(CaseRow.id == case.id, visible_cases_clause(viewer))
            ).first()
            is not None
        )
        label = case.number if case is not None and visible else "skyddat ärende"
        if case is not None and not visible:
            label += f" (ref. {store.case_reference(case.id)})"
        parts.append(f"ärende: {label}")
    if wanted.groups:
        labels = [events.GROUP_LABELS[g].lower() for g in EventGroup if g in wanted.groups]
        parts.append("händelser: " + ", ".join(labels))
    if wanted.flagged_only:
        parts.append("bara flaggade")
    if wanted.unreviewed_only:
        parts.append("bara ej granskade")
    return "Alla händelser" if not parts else "; ".join(parts).capitalize()
