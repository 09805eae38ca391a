"""The case overview's "Utredning och samverkan" section: the investigation (started, due,
extended, ended), the assigned handläggare, the child heard and samverkan meetings, with a
button for each record. It loads `facts.facts` itself after the case has opened."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.domain.case_facts import SEX_LABELS
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
    """What the auditors ask about the case, and the buttons to record it."""

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
        self.assigned = styled_label("", "muted")
        self.heard = styled_label("", "muted")
        self.meetings = styled_label("", "muted")
        self.sexes = styled_label("", "muted")
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
        box.addWidget(self.investigation)
        row = QHBoxLayout()
        for button in (self.start_button, self.extend_button, self.end_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        grid = QGridLayout()
        for n, (label, button) in enumerate(
            (
                (self.assigned, self.assign_button),
                (self.heard, self.heard_button),
                (self.meetings, self.meeting_button),
                (self.sexes, self.sex_button),
            )
        ):
            button.setAutoDefault(False)
            grid.addWidget(label, n, 0)
            grid.addWidget(button, n, 1)
        grid.setColumnStretch(0, 1)
        box.addLayout(grid)
        self.start_button.clicked.connect(self.start)
        self.extend_button.clicked.connect(self.extend)
        self.end_button.clicked.connect(self.end)
        self.heard_button.clicked.connect(self.child_heard)
        self.meeting_button.clicked.connect(self.meeting)
        self.assign_button.clicked.connect(self.assign)
        self.sex_button.clicked.connect(self.sex)

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
        if running is not None:
            text = tr("Pågår sedan {0} ({1}).").format(running.started_on, running.method_label)
            if running.due_on:
                text += " " + tr("Klar senast {0}.").format(running.due_on)
            if running.extended_to:
                text += " " + tr("Förlängd: {0}").format(running.extension_reason)
        elif facts.investigations:
            last = facts.investigations[0]
            text = tr("Avslutad {0}: {1}.").format(last.ended_on, last.outcome_label)
        else:
            text = tr("Ingen utredning registrerad.")
        self.investigation.setText(text)
        if facts.assignments:
            last_assignment = facts.assignments[-1]
            self.assigned.setText(
                tr("Tilldelad {0} {1}").format(
                    last_assignment.user_name, last_assignment.assigned_on
                )
            )
        else:
            self.assigned.setText(tr("Tilldelningsdatum inte registrerat."))
        if facts.child_heard:
            first = facts.child_heard[0]
            self.heard.setText(tr("Barnet: {0} ({1})").format(first.text, first.on))
        else:
            self.heard.setText(tr("Barnets röst inte registrerad."))
        if facts.meetings:
            meeting = facts.meetings[0]
            self.meetings.setText(tr("{0} {1}").format(meeting.kind_label, meeting.held_on))
        else:
            self.meetings.setText(tr("Inga samverkansmöten."))
        labels = {s.value: label.lower() for s, label in SEX_LABELS.items()}
        self.sexes.setText(
            tr("Kön: {0}").format(
                ", ".join(f"{name} – {labels.get(sex, sex)}" for _p, name, sex in facts.persons)
            )
        )
        writable = facts.writable
        self.start_button.setVisible(writable and running is None)
        self.extend_button.setVisible(writable and running is not None and facts.is_child_case)
        self.end_button.setVisible(writable and running is not None)
        self.heard_button.setVisible(writable and bool(facts.children))
        self.heard.setVisible(bool(facts.children) or bool(facts.child_heard))
        self.meeting_button.setVisible(writable)
        self.assign_button.setVisible(bool(facts.colleagues))
        self.sex_button.setVisible(writable and bool(facts.persons))

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
        self._opened(
            AssignDialog(self._services, self._runner, self._case_id, self._today, colleagues, self)
        )

    def sex(self) -> None:
        persons = self.facts.persons if self.facts else ()
        self._opened(SexDialog(self._services, self._runner, self._case_id, persons, self))
