"""Dialogs of the log review: marking events as reviewed (the report for the nämnd goes through
ui/common/document_print.py like every document).

Marking is one service call through the runner; the service requires the comment and writes
the marking to the log itself. The dialog shows which events are being marked in the same
words as the table (a protected case only by its reference code).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QWidget

from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.audit.model import user_text
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.audit import AuditEventView
from vinr_desktop.views.time_text import datetime_text

LISTED = 6  # events named in the dialog; the rest are counted

AUDIT_CHANGES = frozenset({"audit"})


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditDialogs", text)


def event_line(event: AuditEventView) -> str:
    """'2026-03-02 09:00 · Chef Chefsdotter · Nödåtkomst påbörjad · Skyddat ärende (ref. …)'."""
    parts = [datetime_text(event.ts_utc), user_text(event), event.action_label]
    if event.case_label:
        parts.append(event.case_label)
    return " · ".join(parts)


def selection_text(events: Sequence[AuditEventView]) -> str:
    lines = [f"• {event_line(e)}" for e in events[:LISTED]]
    rest = len(events) - LISTED
    if rest == 1:
        lines.append(tr("… och 1 till"))
    elif rest > 1:
        lines.append(tr("… och {0} till").format(rest))
    return "\n".join(lines)


class MarkReviewedDialog(ServiceDialog):
    """Markera som granskad: the chosen events and a required comment (both go to the log)."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        events: Sequence[AuditEventView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Markera som granskad"),
            tr("Markera som granskad"),
            tr("Sparar…"),
            runner,
            parent,
            changes=AUDIT_CHANGES,
        )
        self.setMinimumWidth(620)
        self._services = services
        self._seqs = tuple(e.seq for e in events)
        intro = by_count(
            len(events),
            tr("Du markerar 1 loggpost som granskad:"),
            tr("Du markerar {0} loggposter som granskade:"),
        )
        self.intro = styled_label(intro)
        self.listing = styled_label(selection_text(events), "muted")
        self.listing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = styled_label(
            tr(
                "Skriv vad du har kontrollerat och vad du kom fram till. Kommentaren, ditt namn "
                "och tiden sparas i loggen och kommer med i rapporten till nämnden."
            ),
            "muted",
        )
        self.comment = text_edit(90)
        self.comment.setMaximumHeight(160)
        self.comment.setPlaceholderText(
            tr("T.ex. Nödåtkomsten var befogad: kontrollerat med enhetschefen.")
        )
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.addRow(tr("Kommentar (krävs)"), self.comment)
        self.body.insertWidget(0, self.intro)
        self.body.insertWidget(1, self.listing)
        self.body.insertWidget(2, self.note)
        self.body.setSpacing(10)
        self.body.addStretch(0)
        self.comment.setFocus()
        self.adjustSize()

    @property
    def seqs(self) -> tuple[int, ...]:
        return self._seqs

    def call(self) -> Callable[[], Any]:
        audit, seqs, comment = self._services.audit, self._seqs, self.comment.toPlainText()
        return lambda: audit.mark_reviewed(seqs, comment)
