"""The case overview's line about insatser: the next care deadlines (a genomförandeplan reminder
due, a follow-up due or overdue, a missing vårdplan), red when something has passed, and a link
to the Insatser tab. It loads `care.overview.insatser` itself, after the case has opened."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from vinr_desktop.domain.care_deadlines import CareCheck, CheckCode, PlanStatus
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import heading, link_button, styled_label
from vinr_desktop.views.care import InsatsOverview

LINE_STYLE = """
QFrame#CareDeadlines { background: #ffffff; border: 1px solid #c8d0da; border-radius: 6px; }
QFrame#CareDeadlines[late="true"] { background: #fdecea; border-color: #e7b6b0; }
QLabel#CareDeadlinesText[late="true"] { color: #8c1d18; font-weight: 600; }
"""
MAX_LINES = 3


def tr(text: str) -> str:
    return QCoreApplication.translate("CareDeadlines", text)


def _line(item: InsatsOverview, check: CareCheck) -> str | None:
    """A short line for one check, or None when it says nothing worth a line."""
    label, due = item.decision.insats_label, check.due_on.isoformat() if check.due_on else ""
    if check.code is CheckCode.CARE_PLAN:
        return None if check.ok else tr("{0}: vårdplan saknas").format(label)
    if check.code is CheckCode.IMPLEMENTATION_PLAN:
        status = item.implementation_status
        if status is PlanStatus.REMINDER_DUE:
            return tr("{0}: påminn om genomförandeplan ({1})").format(label, due)
        if status is PlanStatus.REQUESTED:
            return tr("{0}: genomförandeplan begärd, påminn {1}").format(label, due)
        if status is PlanStatus.NOT_REQUESTED:
            return tr("{0}: genomförandeplan inte begärd").format(label)
        if status is PlanStatus.OWN_NOT_WRITTEN:
            return tr("{0}: skriv genomförandeplanen").format(label)
        return None
    if check.code is CheckCode.FOLLOW_UP:
        if not check.ok:
            return tr("{0}: uppföljning försenad (senast {1})").format(label, due)
        return tr("{0}: uppföljning senast {1}").format(label, due)
    return None if check.ok else check.text


def deadline_lines(insatser: tuple[InsatsOverview, ...]) -> list[tuple[str, bool]]:
    """(text, late) per line: what is late first, then the nearest dates."""
    late: list[str] = []
    dated: list[tuple[date, str]] = []
    for item in insatser:
        for check in item.checks:
            text = _line(item, check)
            if text is None:
                continue
            if not check.ok:
                late.append(text)
            else:
                dated.append((check.due_on or date.max, text))
    lines = [(t, True) for t in late] + [(t, False) for _d, t in sorted(dated)]
    if len(lines) > MAX_LINES:
        rest = len(lines) - MAX_LINES
        lines = [*lines[:MAX_LINES], (tr("… och {0} till under Insatser.").format(rest), False)]
    return lines


class CareDeadlineLine(QFrame):
    """The insatser's next deadlines and "Visa insatser"."""

    open_requested = Signal()

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CareDeadlines")
        self.setStyleSheet(LINE_STYLE)
        self._services, self._runner, self._case_id = services, runner, case_id
        self.late = False
        self.lines: list[QLabel] = []
        self.text = styled_label(tr("Insatser: hämtas…"))
        self.text.setObjectName("CareDeadlinesText")
        self.link = link_button(tr("Visa insatser"))
        self.link.clicked.connect(self.open_requested)
        self._box = QVBoxLayout()
        self._box.setSpacing(2)
        self._box.addWidget(heading(tr("Insatser"), 3))
        self._box.addWidget(self.text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addLayout(self._box, 1)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignTop)

    def refresh(self) -> None:
        overview, case_id = self._services.care.overview, self._case_id
        self._runner.run(
            lambda: overview.insatser(case_id),
            parent=self,
            success=self.show_insatser,
            failure=lambda _message: self.text.setText(tr("Insatserna kunde inte hämtas.")),
        )

    def show_insatser(self, insatser: tuple[InsatsOverview, ...]) -> None:
        lines = deadline_lines(insatser)
        if not lines:
            running = any(i.decision.is_insats for i in insatser)
            lines = [(tr("Inga frister för insatser.") if running else tr("Inga insatser."), False)]
        for label in self.lines:
            label.setParent(None)
            label.deleteLater()
        self.lines = []
        self.text.setText(lines[0][0])
        self._mark(self.text, lines[0][1])
        for text, late in lines[1:]:
            label = styled_label(text)
            label.setObjectName("CareDeadlinesText")
            self._mark(label, late)
            self._box.addWidget(label)
            self.lines.append(label)
        self.late = any(late for _t, late in lines)
        self._mark(self, self.late)

    def texts(self) -> list[str]:
        return [self.text.text()] + [label.text() for label in self.lines]

    @staticmethod
    def _mark(widget: QWidget, late: bool) -> None:
        widget.setProperty("late", late)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
