"""Audit events as a Qt table model: one row per event, fetched lazily page by page
(`PagedRowsModel`).

Used by the log review (loggkontroll), the handläggare's "Vem har sett mina ärenden?" and a
case's Åtkomst tab; each view hides the columns it does not need. Rows come from the log
review service already in words, with a case the reader may not open shown only as
"Skyddat ärende (ref. …)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from vinr_desktop.domain.plurals import by_count
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.rows_model import PagedRowsModel
from vinr_desktop.views.audit import AuditEventView, AuditPage
from vinr_desktop.views.time_text import datetime_text

COL_TIME = 0
COL_USER = 1
COL_EVENT = 2
COL_CASE = 3
COL_DETAIL = 4
COL_REASON = 5
COL_FLAG = 6
COL_REVIEWED = 7

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1  # the AuditEventView
SEQ_ROLE = Qt.ItemDataRole.UserRole + 2
NEEDS_REVIEW_ROLE = Qt.ItemDataRole.UserRole + 3  # flagged and not yet reviewed

# Soft tones: a flagged row must stand out in a long list without shouting.
NEEDS_REVIEW_ROW = QColor("#fdf0ee")
NEEDS_REVIEW_FLAG = QColor("#f6d5d1")
FLAG_TEXT = QColor("#8c1d18")
REVIEWED_TEXT = QColor("#1e6b3a")
MUTED_TEXT = QColor("#6b7785")

# Fetches one page: (offset, limit) → AuditPage. Runs on the database thread.
PageFetcher = Callable[[int, int], AuditPage]


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditModel", text)


def needs_review(event: AuditEventView) -> bool:
    return event.flag is not None and event.review is None


def reviewed_text(event: AuditEventView) -> str:
    """'✓ 2026-11-23 Chef Chefsdotter' for a reviewed event, '' otherwise."""
    if event.review is None:
        return ""
    day = datetime_text(event.review.reviewed_utc)[:10]
    return f"✓ {day} {event.review.reviewer}".rstrip()


def reviewed_tooltip(event: AuditEventView) -> str:
    review = event.review
    if review is None:
        return ""
    return tr("Granskad {0} av {1}.\nKommentar: {2}").format(
        datetime_text(review.reviewed_utc), review.reviewer, review.comment
    )


def user_text(event: AuditEventView) -> str:
    return event.user_name or tr("(okänd användare)")


def full_text(event: AuditEventView) -> str:
    """The whole event in a few lines, for the pane under the table (cells are cut short)."""
    first = [datetime_text(event.ts_utc), user_text(event), event.action_label]
    if event.case_label:
        first.append(event.case_label)
    lines = [" · ".join(first)]
    if event.detail:
        lines.append(tr("Detalj: {0}").format(event.detail))
    if event.reason:
        lines.append(tr("Skäl: {0}").format(event.reason))
    if event.flag is not None:
        review = event.review
        if review is None:
            lines.append(tr("Flaggad: {0} · inte granskad").format(event.flag_label))
        else:
            lines.append(
                tr("Flaggad: {0} · granskad {1} av {2}: {3}").format(
                    event.flag_label,
                    datetime_text(review.reviewed_utc),
                    review.reviewer,
                    review.comment,
                )
            )
    elif event.review is not None:
        lines.append(reviewed_tooltip(event).replace("\n", " "))
    return "\n".join(lines)


def count_text(total: int, flagged_unreviewed: int, *, with_flags: bool = True) -> str:
    """'123 händelser, 7 flaggade att granska'."""
    text = by_count(total, tr("1 händelse"), tr("{0} händelser"))
    if with_flags and flagged_unreviewed:
        text += by_count(
            flagged_unreviewed, tr(", 1 flaggad att granska"), tr(", {0} flaggade att granska")
        )
    elif with_flags and total:
        text += tr(", inga flaggade att granska")
    return text


class AuditEventModel(PagedRowsModel[AuditEventView, AuditPage]):
    """Events for the current source (filter), in the order the service gives them."""

    def __init__(
        self,
        runner: OperationRunner,
        parent_widget: QWidget,
        *,
        highlight_unreviewed: bool = True,
    ) -> None:
        super().__init__(
            {
                COL_TIME: tr("Tid"),
                COL_USER: tr("Användare"),
                COL_EVENT: tr("Händelse"),
                COL_CASE: tr("Ärende"),
                COL_DETAIL: tr("Detalj"),
                COL_REASON: tr("Skäl"),
                COL_FLAG: tr("Flagga"),
                COL_REVIEWED: tr("Granskad"),
            },
            lambda event: event.seq,
            runner,
            parent_widget,
        )
        self._highlight = highlight_unreviewed
        self._flagged_unreviewed = 0

    @property
    def flagged_unreviewed(self) -> int:
        return self._flagged_unreviewed

    def page_rows(self, page: AuditPage) -> Sequence[AuditEventView]:
        return page.events

    def page_total(self, page: AuditPage) -> int:
        return page.total

    def page_arrived(self, page: AuditPage) -> None:
        self._flagged_unreviewed = page.flagged_unreviewed

    def clear(self) -> None:
        self._flagged_unreviewed = 0
        super().clear()

    def cell(self, event: AuditEventView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_REVIEWED:
                return reviewed_tooltip(event) or None
            if column == COL_TIME:
                return datetime_text(event.ts_utc) + tr(" (loggpost {0})").format(event.seq)
            return self._text(event, column) or None
        if role == Qt.ItemDataRole.BackgroundRole and self._highlight and needs_review(event):
            return NEEDS_REVIEW_FLAG if column == COL_FLAG else NEEDS_REVIEW_ROW
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_FLAG and event.flag is not None:
                return FLAG_TEXT if needs_review(event) or not self._highlight else MUTED_TEXT
            if column == COL_REVIEWED:
                return REVIEWED_TEXT
            if column == COL_USER and not event.user_name:
                return MUTED_TEXT
        if role == EVENT_ROLE:
            return event
        if role == SEQ_ROLE:
            return event.seq
        if role == NEEDS_REVIEW_ROLE:
            return needs_review(event)
        return None

    @staticmethod
    def _text(event: AuditEventView, column: int) -> str:
        if column == COL_TIME:
            return datetime_text(event.ts_utc)
        if column == COL_USER:
            return user_text(event)
        if column == COL_EVENT:
            return event.action_label
        if column == COL_CASE:
            return event.case_label
        if column == COL_DETAIL:
            return event.detail
        if column == COL_REASON:
            return event.reason
        if column == COL_FLAG:
            return event.flag_label
        if column == COL_REVIEWED:
            return reviewed_text(event)
        return ""
