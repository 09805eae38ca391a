"""The case overview's "Utredning och samverkan" section: the investigation (started, due,
extended, ended), the assigned handläggare, the child heard and samverkan meetings, with a
button for each record. It loads `facts.facts` itself after the case has opened."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.case_facts import SEX_LABELS, child_investigation_due
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.casefacts.dialogs import (
    AssignDialog,
    ChildHeardDialog,
    EndInvestigationDialog,
    ExtendInvestigationDialog,
    MeetingDialog,
    SexDialog,
    StartInvestigationDialog,
)
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import heading, styled_label
from vinr_desktop.views.case_facts import CaseFactsView


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseFacts", text)


class CaseFactsSection(QFrame):
    """What the auditors ask about the case, and the buttons to record it: one row per fact
    (a label, what is recorded, the button), kön as a small table of the case's persons."""

    case_left = Signal()  # the user handed the case over and may no longer open it

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Section")
        self._services, self._runner, self._case_id, self._today = services, runner, case_id, today
        self.facts: CaseFactsView | None = None
        self.investigation = styled_label(tr("Hämtas…"))
        self.due = styled_label("")
        self.assigned = styled_label("")
        self.heard = styled_label("")
        self.meetings = styled_label("")
        self.sexes = QWidget()  # one row per person: name, kön
        self._sex_grid = QGridLayout(self.sexes)
        self._sex_grid.setContentsMargins(0, 0, 0, 0)
        self._sex_grid.setHorizontalSpacing(12)
        self._sex_grid.setVerticalSpacing(2)
        self._sex_grid.setColumnStretch(1, 1)
        self.start_button = QPushButton(tr("Utredning inleds…"))
        self.extend_button = QPushButton(tr("Förläng…"))
        self.end_button = QPushButton(tr("Avsluta utredning…"))
        self.heard_button = QPushButton(tr("Barnet kom till tals…"))
        self.meeting_button = QPushButton(tr("Samverkan/SIP…"))
        self.assign_button = QPushButton(tr("Tilldela…"))
        self.sex_button = QPushButton(tr("Kön…"))
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 8, 14, 10)  # as the risk and insats lines above
        box.addWidget(heading(tr("Utredning och samverkan"), 3))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        investigation_buttons = QHBoxLayout()
        investigation_buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.start_button, self.extend_button, self.end_button):
            investigation_buttons.addWidget(button)
        investigation_buttons.addStretch(1)
        self.due_label = self._label(tr("Klar senast"))
        self.heard_label = self._label(tr("Barnet hört"))
        rows: tuple[tuple[QLabel, QWidget, QPushButton | None], ...] = (
            (self._label(tr("Utredning")), self.investigation, None),
            (self.due_label, self.due, None),
            (self._label(tr("Handläggare")), self.assigned, self.assign_button),
            (self.heard_label, self.heard, self.heard_button),
            (self._label(tr("Samverkan")), self.meetings, self.meeting_button),
            (self._label(tr("Kön")), self.sexes, self.sex_button),
        )
        row = 0
        for label, value, action in rows:
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            if action is None:  # no button: the text may use the button's column too
                grid.addWidget(value, row, 1, 1, 2, Qt.AlignmentFlag.AlignTop)
            else:
                grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(action, row, 2, Qt.AlignmentFlag.AlignTop)
            row += 1
            if value is self.due:  # the investigation's buttons under its two rows
                grid.addLayout(investigation_buttons, row, 1, 1, 2)
                row += 1
        box.addLayout(grid)
        for button in (
            self.start_button,
            self.extend_button,
            self.end_button,
            self.heard_button,
            self.meeting_button,
            self.assign_button,
            self.sex_button,
        ):
            button.setAutoDefault(False)
        self.start_button.clicked.connect(self.start)
        self.extend_button.clicked.connect(self.extend)
        self.end_button.clicked.connect(self.end)
        self.heard_button.clicked.connect(self.child_heard)
        self.meeting_button.clicked.connect(self.meeting)
        self.assign_button.clicked.connect(self.assign)
        self.sex_button.clicked.connect(self.sex)

    @staticmethod
    def _label(text: str) -> QLabel:
        return styled_label(text, "muted", wrap=False)

    def refresh(self) -> None:
        service, case_id = self._services.facts, self._case_id
        self._runner.run(
            lambda: service.facts(case_id),
            parent=self,
            success=self.show_facts,
            failure=lambda _m: self.investigation.setText(tr("Uppgifterna kunde inte hämtas.")),
        )

    def show_facts(self, facts: CaseFactsView) -> None:
        self.facts = facts
        running = facts.running
        due = ""
        if running is not None:
            text = tr("Pågår sedan {0} · {1}").format(running.started_on, running.method_label)
            if running.due_on and running.extended_to:
                first = child_investigation_due(date.fromisoformat(running.started_on))
                due = tr("{0}, förlängd från {1}. Skäl: {2}").format(
                    running.due_on, first.isoformat(), running.extension_reason
                )
            elif running.due_on:
                due = running.due_on
        elif facts.investigations:
            last = facts.investigations[0]
            text = tr("{0} – {1} · {2} · {3}").format(
                last.started_on, last.ended_on, last.method_label, last.outcome_label
            )
        else:
            text = tr("Ingen utredning registrerad.")
        self.investigation.setText(text)
        late = running is not None and bool(running.due_on) and running.due_on < str(self._today)
        if late:
            due += " " + tr("– tiden har gått ut")
        self.due.setProperty("role", "error" if late else "")
        self.due.style().unpolish(self.due)
        self.due.style().polish(self.due)
        self.due.setText(due)
        self.due.setVisible(bool(due))
        self.due_label.setVisible(bool(due))
        self.assigned.setText(_assignment_text(facts))
        if facts.child_heard:
            self.heard.setText(
                "\n".join(
                    tr("{0} · {1}: {2}").format(h.on, h.person_name, h.text)
                    for h in facts.child_heard[:3]
                )
            )
        else:
            self.heard.setText(tr("Inte registrerat."))
        if facts.meetings:
            meeting = facts.meetings[0]
            text = tr("{0} {1}. Deltagare: {2}").format(
                meeting.kind_label, meeting.held_on, meeting.participants
            )
            if len(facts.meetings) > 1:
                text += " " + tr("({0} möten)").format(len(facts.meetings))
            self.meetings.setText(text)
        else:
            self.meetings.setText(tr("Inga samverkansmöten."))
        self._show_sexes(facts.persons)
        writable = facts.writable
        self.start_button.setVisible(writable and running is None)
        self.extend_button.setVisible(writable and running is not None and facts.is_child_case)
        self.end_button.setVisible(writable and running is not None)
        children = bool(facts.children) or bool(facts.child_heard)
        self.heard_button.setVisible(writable and bool(facts.children))
        self.heard.setVisible(children)
        self.heard_label.setVisible(children)
        self.meeting_button.setVisible(writable)
        self.assign_button.setVisible(bool(facts.colleagues))
        self.sex_button.setVisible(writable and bool(facts.persons))

    def _show_sexes(self, persons: tuple[tuple[str, str, str], ...]) -> None:
        while self._sex_grid.count():
            item = self._sex_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        labels = {s.value: label for s, label in SEX_LABELS.items()}
        for n, (_pid, name, sex) in enumerate(persons):
            self._sex_grid.addWidget(styled_label(name, wrap=False), n, 0)
            self._sex_grid.addWidget(styled_label(labels.get(sex, sex)), n, 1)

    def sex_rows(self) -> list[tuple[str, str]]:
        """The kön table as shown: (name, kön) per person."""
        rows = []
        for n in range(self._sex_grid.rowCount()):
            cells = [self._sex_grid.itemAtPosition(n, c) for c in (0, 1)]
            texts = [
                w.text()
                for w in (cell.widget() if cell is not None else None for cell in cells)
                if isinstance(w, QLabel)
            ]
            if len(texts) == 2:
                rows.append((texts[0], texts[1]))
        return rows

    def _opened(self, dialog: QWidget) -> None:
        dialog.succeeded.connect(lambda _r: self.refresh())  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def start(self) -> None:
        child = self.facts.from_report if self.facts else False
        self._opened(
            StartInvestigationDialog(
                self._services, self._runner, self._case_id, self._today, child, self
            )
        )

    def extend(self) -> None:
        running = self.facts.running if self.facts else None
        due = date.fromisoformat(running.due_on) if running and running.due_on else self._today
        self._opened(
            ExtendInvestigationDialog(self._services, self._runner, self._case_id, due, self)
        )

    def end(self) -> None:
        self._opened(
            EndInvestigationDialog(self._services, self._runner, self._case_id, self._today, self)
        )

    def child_heard(self) -> None:
        children = self.facts.children if self.facts else ()
        self._opened(
            ChildHeardDialog(
                self._services, self._runner, self._case_id, self._today, children, self
            )
        )

    def meeting(self) -> None:
        self._opened(MeetingDialog(self._services, self._runner, self._case_id, self._today, self))

    def assign(self) -> None:
        colleagues = self.facts.colleagues if self.facts else ()
        responsible = self.facts.responsible_id if self.facts else ""
        dialog = AssignDialog(
            self._services,
            self._runner,
            self._case_id,
            self._today,
            colleagues,
            self,
            responsible_id=responsible,
        )
        dialog.succeeded.connect(lambda _r: self._after_assignment())
        dialog.open()

    def _after_assignment(self) -> None:
        """Handed over to a colleague, the case may be closed to the user now: then leave it
        instead of showing a refusal in its place."""
        service, case_id = self._services.facts, self._case_id
        self._runner.run(
            lambda: service.facts(case_id),
            parent=self,
            success=self.show_facts,
            failure=lambda _m: self.case_left.emit(),
        )

    def sex(self) -> None:
        persons = self.facts.persons if self.facts else ()
        self._opened(SexDialog(self._services, self._runner, self._case_id, persons, self))


def _assignment_text(facts: CaseFactsView) -> str:
    """The handläggare the case is assigned to and since when; a reassignment names the one
    before."""
    if not facts.assignments:
        return tr("Tilldelningsdatum inte registrerat.")
    last = facts.assignments[-1]
    text = tr("{0} från {1}").format(last.user_name, last.assigned_on)
    if len(facts.assignments) > 1:
        before = facts.assignments[-2]
        text += " " + tr("(överlämnat från {0}, tilldelad {1})").format(
            before.user_name, before.assigned_on
        )
    return text
