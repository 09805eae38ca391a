"""Nödåtkomst in the UI: the dialog a manager starts it from, and the red banner of a case
opened by it.

The dialog asks for the case number and a reason and says plainly what follows: the access is
logged, flagged and reviewed, lasts the unit's set number of minutes and gives read access only.
The banner shows until when the access runs and the reason, offers to end it at once, and says
when it has run out (checked against the program's clock every few seconds and once exactly at
the end), so the case view can put the case away.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.forms import ServiceDialog, reason_log_hint, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import centered, heading, styled_label
from vinr_desktop.views.cases import EmergencyGrant
from vinr_desktop.views.time_text import clock_text

BANNER_STYLE = """
QFrame#EmergencyBanner { background: #b3261e; }
QFrame#EmergencyBanner QLabel { color: #ffffff; font-weight: 600; }
QPushButton#EmergencyEnd {
    background: #ffffff; color: #b3261e; border: 1px solid #ffffff; border-radius: 4px;
    font-weight: 700;
}
QPushButton#EmergencyEnd:hover { background: #fdecea; }
QPushButton#EmergencyEnd:disabled { background: #f3c9c5; color: #7a1a14; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("Emergency", text)


def warning_text(minutes: int | None) -> str:
    """What the manager must know before she opens a protected case by nödåtkomst."""
    text = tr("Nödåtkomst till ett skyddat ärende loggas, flaggas och granskas.")
    if minutes is None:
        return text + " " + tr("Åtkomsten är tidsbegränsad och ger bara läsbehörighet.")
    return (
        text
        + " "
        + tr("Åtkomsten gäller i {0} och ger bara läsbehörighet.").format(
            by_count(minutes, tr("1 minut"), tr("{0} minuter"))
        )
    )


class EmergencyDialog(ServiceDialog):
    """Nödåtkomst: case number and reason; on success `succeeded` carries the grant."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Nödåtkomst till skyddat ärende"),
            tr("Öppna med nödåtkomst"),
            tr("Öppnar…"),
            runner,
            parent,
        )
        self.setMinimumWidth(560)
        self._sharing = services.sharing
        self.warning = styled_label(warning_text(None), "warning-box")
        self.intro = styled_label(
            tr(
                "Använd nödåtkomst bara när ett skyddat ärende måste läsas nu och ingen som har "
                "tillgång till det kan dela det med dig."
            ),
            "muted",
        )
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("t.ex. VINR-2026-0012"))
        self.number.setMaxLength(40)
        self.reason = text_edit(90)
        self.reason.setPlaceholderText(tr("Varför ärendet måste läsas nu"))
        self.reason_hint = styled_label(reason_log_hint(), "muted")
        self.form.addRow(tr("Ä&rendenummer"), self.number)
        self.form.addRow(tr("S&käl"), self.reason)
        self.form.addRow("", self.reason_hint)
        self.body.insertWidget(0, self.warning)
        self.body.insertWidget(1, self.intro)
        self.number.setFocus()
        sharing = self._sharing
        runner.run(
            sharing.emergency_minutes,
            parent=self,
            success=lambda minutes: self.warning.setText(warning_text(int(minutes))),
            failure=self.error.show_message,
        )

    def call(self) -> Callable[[], Any]:
        sharing, number, reason = self._sharing, self.number.text(), self.reason.toPlainText()
        return lambda: sharing.start_emergency(number, reason)


class EmergencyBanner(QFrame):
    """The red strip across a case opened by nödåtkomst; says when the access has run out."""

    CHECK_MS: ClassVar[int] = 15_000  # how often the clock is compared with the end

    end_requested = Signal()
    expired = Signal()

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmergencyBanner")
        self.setStyleSheet(BANNER_STYLE)
        self._clock = clock
        self._expires: datetime | None = None
        self.label = styled_label("")
        self.end_button = QPushButton(tr("Avsluta nödåtkomst"))
        self.end_button.setObjectName("EmergencyEnd")
        self.end_button.setAutoDefault(False)
        self.end_button.setToolTip(tr("Avsluta åtkomsten nu och lämna ärendet"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(16)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self.check)
        self._at_end = QTimer(self)
        self._at_end.setSingleShot(True)
        self._at_end.timeout.connect(self.check)
        self.end_button.clicked.connect(self.end_requested)
        self.hide()

    @property
    def running(self) -> bool:
        return self._expires is not None

    def set_grant(self, grant: EmergencyGrant | None) -> None:
        """Show the grant (or hide, for None) and watch its end."""
        if grant is None:
            self._expires = None
            self._ticker.stop()
            self._at_end.stop()
            self.hide()
            return
        self._expires = datetime.fromisoformat(grant.expires_utc)
        self.label.setText(
            tr(
                "NÖDÅTKOMST – gäller till {0}. Skäl: {1} Åtkomsten granskas vid loggkontroll."
            ).format(clock_text(grant.expires_utc), _sentence(grant.reason))
        )
        self.show()
        self._ticker.start(self.CHECK_MS)
        self.check()

    def check(self) -> None:
        """Compare the clock with the end; at or past it, stop and say so."""
        if self._expires is None:
            return
        left = (self._expires - self._clock()).total_seconds()
        if left <= 0:
            self._expires = None
            self._ticker.stop()
            self._at_end.stop()
            self.expired.emit()
            return
        # Once exactly at the end (again after each check, in case the clock was moved).
        self._at_end.start(int(min(left, 24 * 3600) * 1000) + 1)


class EmergencyEnded(QWidget):
    """What replaces a case when its nödåtkomst has run out: a plain message, the way back."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = heading(tr("Nödåtkomsten har upphört."), 2)
        self.text = styled_label(
            tr(
                "Ärendet visas inte längre. Behöver du läsa det igen, starta en ny nödåtkomst "
                "med ett skäl."
            ),
            "muted",
        )
        self.back_button = QPushButton(tr("← Tillbaka till ärendelistan"))
        self.back_button.setAutoDefault(False)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setSpacing(12)
        box_layout.addWidget(self.message)
        box_layout.addWidget(self.text)
        box_layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(centered(box, 560))
        self.back_button.clicked.connect(self.back_requested)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."
