"""The Säkerhetsplaner card of the Bedömningar tab: each person who can have a plan, the
current version (or none), the user's draft, "Ska ses över", and a button to the plan."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from vinr_desktop.ui.common.widgets import heading, styled_label
from vinr_desktop.views.risk import PersonChoice, SafetyPlanSummary

CARD_STYLE = """
QLabel#ReviewChip {
    background: #fff4d6; color: #6b4e00; border: 1px solid #e0c068; border-radius: 9px;
    padding: 1px 8px; font-weight: 600;
}
QFrame#PlanRow { border: none; border-top: 1px solid #e3e8ee; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("RiskTab", text)


class SafetyPlansCard(QFrame):
    open_requested = Signal(str)  # a person's id

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.setStyleSheet(CARD_STYLE)
        self.box = QVBoxLayout()
        self.box.setSpacing(0)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.addWidget(heading(tr("Säkerhetsplaner"), 3))
        layout.addLayout(self.box)
        layout.addStretch(1)

    def show_plans(self, persons: list[PersonChoice], plans: list[SafetyPlanSummary]) -> None:
        """One row per person: the current version, a draft, "Ska ses över"."""
        while self.box.count():
            item = self.box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.buttons = {}
        if not persons:
            self.box.addWidget(styled_label(tr("Ingen person i ärendet kan ha en plan."), "muted"))
        for person in persons:
            versions = [p for p in plans if p.person_id == person.person_id]
            current = next((p for p in versions if p.current), None)
            draft = next((p for p in versions if p.is_draft and p.own), None)
            row = QFrame()
            row.setObjectName("PlanRow")
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 8, 0, 8)
            text = QVBoxLayout()
            text.addWidget(styled_label(f"{person.name} ({person.role_label.lower()})"))
            if current is not None:
                state = tr("Version {0}, signerad {1}").format(current.version, current.signed_on)
            else:
                state = tr("Ingen signerad plan")
            if draft is not None:
                state += tr(" · utkast till version {0}").format(draft.version)
            text.addWidget(styled_label(state, "muted"))
            if current is not None and current.needs_review:
                chip = QLabel(tr("Ska ses över"))
                chip.setObjectName("ReviewChip")
                text.addWidget(chip, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addLayout(text, 1)
            button = QPushButton(tr("Säkerhetsplan…"))
            button.setAccessibleName(tr("Säkerhetsplan för {0}").format(person.name))
            button.setAutoDefault(True)
            button.clicked.connect(
                lambda _=False, pid=person.person_id: self.open_requested.emit(pid)
            )
            layout.addWidget(button)
            self.buttons[person.person_id] = button
            self.box.addWidget(row)
