"""The Översikt tab of a case: persons, markers and (for a child) the first two steps.

A protected person's address and contact details arrive as `None` and are shown as
"Skyddad — visa"; revealing asks for a reason (audited by the service) and keeps the details in
this widget only, until the case reloads or closes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.cases import AGE_QUESTION
from vinr_desktop.domain.markers import GROUP_LABELS, MarkerGroup, marker
from vinr_desktop.domain.persons import (
    PROTECTED_TEXT,
    PROTECTION_LABELS,
    ROLE_LABELS,
    ContactDetails,
    PersonRole,
)
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.deadline_line import CareDeadlineLine
from vinr_desktop.ui.casefacts.section import CaseFactsSection
from vinr_desktop.ui.cases.children_dialog import ChildrenDialog
from vinr_desktop.ui.cases.marker_dialog import MarkerDialog
from vinr_desktop.ui.cases.person_dialogs import PersonDialog
from vinr_desktop.ui.cases.report_dialogs import ReportsBox
from vinr_desktop.ui.common.layouts import ResponsiveRow
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.reveal_dialog import reveal_contact
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, link_button, styled_label
from vinr_desktop.ui.risk.summary_line import RiskSummaryLine
from vinr_desktop.views.cases import CaseDetails, CasePerson

LOCAL_STYLE = """
QFrame#Section { background: #ffffff; border: 1px solid #c8d0da; border-radius: 6px; }
QFrame#PersonCard { background: #ffffff; border: none; border-top: 1px solid #e3e8ee; }
QLabel#Chip {
    background: #e6eef6; color: #1f2933; border: 1px solid #c3d3e4; border-radius: 9px;
    padding: 2px 9px;
}
QLabel#ProtectedChip {
    background: #fbe9e7; color: #b3261e; border: 1px solid #e7b6b0; border-radius: 9px;
    padding: 2px 9px; font-weight: 600;
}
QLabel#GroupLabel { color: #52606d; font-weight: 600; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseOverview", text)


def chip(text: str, name: str = "Chip") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def section(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("Section")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    layout.addWidget(heading(title, 2))
    return frame, layout


def contact_lines(contact: ContactDetails) -> str:
    lines = [contact.address_text(), contact.phone, contact.email]
    return "\n".join(line for line in lines if line) or tr("Inga kontaktuppgifter")


class PersonCard(QFrame):
    """One person of the case with their details and buttons."""

    reveal_requested = Signal(str)  # person id
    hide_requested = Signal(str)  # person id: hide the revealed details again
    edit_requested = Signal(str)
    remove_requested = Signal(str)
    open_case_requested = Signal(str)

    def __init__(
        self,
        person: CasePerson,
        revealed: ContactDetails | None,
        writable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PersonCard")
        self.person = person
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 4)
        layout.setSpacing(3)
        top = QHBoxLayout()
        top.setSpacing(10)
        name = styled_label(person.name, "h2", wrap=False)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(chip(ROLE_LABELS[person.role]))
        top.addWidget(name)
        if person.protected:
            top.addWidget(chip(PROTECTION_LABELS[person.protection_level], "ProtectedChip"))
        top.addStretch(1)
        self.edit_button = link_button(tr("Ändra…"))
        self.edit_button.setEnabled(writable)
        top.addWidget(self.edit_button)
        self.remove_button: QPushButton | None = None
        if person.role is not PersonRole.MAIN:
            self.remove_button = link_button(tr("Ta bort ur ärendet"))
            self.remove_button.setEnabled(writable)
            top.addWidget(self.remove_button)
            self.remove_button.clicked.connect(lambda: self.remove_requested.emit(person.person_id))
        layout.addLayout(top)

        identity = person.identity_display or tr("Saknar personnummer")
        if person.birth_date and person.birth_date not in identity:
            identity += tr(" · född {0}").format(person.birth_date)
        if person.interpreter_needed:
            language = person.language or tr("språk ej angivet")
            identity += tr(" · behöver tolk ({0})").format(language)
        elif person.language:
            identity += tr(" · språk: {0}").format(person.language)
        layout.addWidget(styled_label(identity, "muted"))

        contact = person.contact if person.contact is not None else revealed
        self.reveal_button: QPushButton | None = None
        self.hide_button: QPushButton | None = None
        if contact is not None:
            self.contact_label = styled_label(contact_lines(contact))
            self.contact_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if person.contact is None:  # shown after a reason: it can be hidden again
                self.hide_button = link_button(tr("Dölj"))
                self.hide_button.setToolTip(tr("Dölj adress och kontaktuppgifter igen"))
                self.hide_button.clicked.connect(lambda: self.hide_requested.emit(person.person_id))
                row = QHBoxLayout()
                row.setSpacing(12)
                row.addWidget(self.contact_label)
                row.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
                row.addStretch(1)
                layout.addLayout(row)
            else:
                layout.addWidget(self.contact_label)
        else:
            self.reveal_button = link_button(PROTECTED_TEXT)
            self.reveal_button.setToolTip(
                tr("Adress och kontaktuppgifter är skyddade. Att visa dem kräver ett skäl.")
            )
            self.reveal_button.clicked.connect(lambda: self.reveal_requested.emit(person.person_id))
            layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.case_links: list[QPushButton] = []
        if person.other_cases:
            row = QHBoxLayout()
            row.addWidget(styled_label(tr("Även i ärende"), "muted", wrap=False))
            for other in person.other_cases:
                link = link_button(f"{other.number} ({ROLE_LABELS[other.role].lower()})")
                link.clicked.connect(
                    lambda _=False, cid=other.case_id: self.open_case_requested.emit(cid)
                )
                self.case_links.append(link)
                row.addWidget(link)
            row.addStretch(1)
            layout.addLayout(row)
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(person.person_id))


class CaseOverview(QWidget):
    """Persons, markers and the child steps of one case."""

    open_case_requested = Signal(str)

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(LOCAL_STYLE)
        self._services, self._runner, self._case_id, self._today = services, runner, case_id, today
        self._details: CaseDetails | None = None
        self._revealed: dict[str, ContactDetails] = {}
        self.person_cards: list[PersonCard] = []
        self.confirm_box: QMessageBox | None = None

        self.error = ErrorLabel()
        self.persons_frame, persons = section(tr("Personer"))
        self.persons_box = QVBoxLayout()
        self.persons_box.setSpacing(0)
        persons.addLayout(self.persons_box)
        self.add_person_button = QPushButton(tr("Lägg till person…"))
        self.children_button = QPushButton(tr("Koppla barn…"))
        person_buttons = QHBoxLayout()
        person_buttons.addWidget(self.add_person_button)
        person_buttons.addWidget(self.children_button)
        person_buttons.addStretch(1)
        persons.addLayout(person_buttons)

        self.markers_frame, markers = section(tr("Markeringar"))
        self.markers_grid = QGridLayout()
        self.markers_grid.setHorizontalSpacing(10)
        self.markers_grid.setVerticalSpacing(6)
        markers.addLayout(self.markers_grid)
        self.markers_button = QPushButton(tr("Ändra markeringar…"))
        marker_row = QHBoxLayout()
        marker_row.addWidget(self.markers_button)
        marker_row.addStretch(1)
        markers.addLayout(marker_row)

        self.child_frame, child = section(tr("Barnärende"))
        self.age_label = styled_label(tr(AGE_QUESTION), "warning-box")
        child.addWidget(self.age_label)
        self.reports_box = ReportsBox(services, runner, case_id, today)
        child.addWidget(self.reports_box)
        for button in (
            self.add_person_button,
            self.children_button,
            self.markers_button,
        ):
            button.setAutoDefault(False)

        content = QWidget()
        content_box = QVBoxLayout(content)
        content_box.setContentsMargins(0, 8, 4, 8)
        columns = ResponsiveRow(spacing=14)  # one above the other in a narrow window
        content_box.addWidget(columns)
        left = QVBoxLayout()
        left.addWidget(self.error)
        left.addWidget(self.persons_frame)
        left.addStretch(1)
        right = QVBoxLayout()

        self.risk_line = RiskSummaryLine(services, runner, case_id)
        right.addWidget(self.risk_line)

        self.care_line = CareDeadlineLine(services, runner, case_id)
        right.addWidget(self.care_line)
        self.facts_section = CaseFactsSection(services, runner, case_id, today)
        right.addWidget(self.facts_section)
        right.addWidget(self.child_frame)
        right.addWidget(self.markers_frame)
        right.addStretch(1)
        columns.add(left, 3)
        columns.add(right, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.add_person_button.clicked.connect(self.add_person)
        self.children_button.clicked.connect(self.link_children)
        self.markers_button.clicked.connect(self.edit_markers)

    # -- showing ---------------------------------------------------------------------------

    def forget_revealed(self) -> None:
        """Drop revealed contact details (reload, lock, close)."""
        self._revealed.clear()

    def show_details(self, details: CaseDetails) -> None:
        self._details = details
        self.forget_revealed()
        self._show_persons(details)
        self._show_markers(details)
        self._show_child(details)
        self.risk_line.refresh()
        self.care_line.refresh()
        self.facts_section.refresh()
        for button in (
            self.add_person_button,
            self.children_button,
            self.markers_button,
        ):
            button.setEnabled(details.writable)

    def _show_persons(self, details: CaseDetails) -> None:
        for card in self.person_cards:
            card.setParent(None)
            card.deleteLater()
        self.person_cards = []
        order = list(PersonRole)
        for person in sorted(details.persons, key=lambda p: order.index(p.role)):
            card = PersonCard(person, self._revealed.get(person.person_id), details.writable)
            card.reveal_requested.connect(self.reveal)
            card.hide_requested.connect(self.hide_revealed)
            card.edit_requested.connect(self.edit_person)
            card.remove_requested.connect(self.remove_person)
            card.open_case_requested.connect(self.open_case_requested)
            self.persons_box.addWidget(card)
            self.person_cards.append(card)

    def _show_markers(self, details: CaseDetails) -> None:
        while self.markers_grid.count():
            item = self.markers_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        row = 0
        for group in MarkerGroup:
            codes = [code for code in details.markers if marker(code).group is group]
            if not codes:
                continue
            label = QLabel(GROUP_LABELS[group])
            label.setObjectName("GroupLabel")
            self.markers_grid.addWidget(label, row, 0, 1, 1)
            flow = QWidget()
            flow_layout = QHBoxLayout(flow)
            flow_layout.setContentsMargins(0, 0, 0, 0)
            flow_layout.setSpacing(5)
            line = QHBoxLayout()
            line_box = QVBoxLayout()
            line_box.setContentsMargins(0, 0, 0, 0)
            for i, code in enumerate(sorted(codes, key=lambda c: marker(c).label)):
                if i and i % 3 == 0:
                    line.addStretch(1)
                    line_box.addLayout(line)
                    line = QHBoxLayout()
                line.addWidget(chip(marker(code).label))
            line.addStretch(1)
            line_box.addLayout(line)
            flow_layout.addLayout(line_box)
            self.markers_grid.addWidget(flow, row + 1, 0, 1, 1)
            row += 2
        if row == 0:
            self.markers_grid.addWidget(styled_label(tr("Inga markeringar ännu."), "muted"), 0, 0)

    def marker_texts(self) -> list[str]:
        """The chips shown (for tests and accessibility)."""
        return [chip_.text() for chip_ in self.markers_frame.findChildren(QLabel, "Chip")]

    def _show_child(self, details: CaseDetails) -> None:
        self.child_frame.setVisible(details.is_child_case)
        if not details.is_child_case:
            return
        self.age_label.setVisible(details.age_unknown)
        self.reports_box.show_reports(details.reports, details.writable)

    def card_for(self, person_id: str) -> PersonCard | None:
        return next((c for c in self.person_cards if c.person.person_id == person_id), None)

    # -- actions ---------------------------------------------------------------------------

    def reveal(self, person_id: str) -> None:
        dialog = reveal_contact(self._services, self._runner, self._case_id, person_id, self)
        dialog.succeeded.connect(lambda contact: self._revealed_contact(person_id, contact))
        dialog.open()

    def hide_revealed(self, person_id: str) -> None:
        """Hide a revealed person's details again (showing them needs a new reason)."""
        if self._details is None or self._revealed.pop(person_id, None) is None:
            return
        self._show_persons(self._details)
        card = self.card_for(person_id)
        if card is not None and card.reveal_button is not None:
            card.reveal_button.setFocus()

    def _revealed_contact(self, person_id: str, contact: ContactDetails) -> None:
        if self._details is None:
            return
        self._revealed[person_id] = contact
        self._show_persons(self._details)

    def add_person(self) -> None:
        dialog = PersonDialog(self._services, self._runner, self._case_id, None, self)
        dialog.open()

    def edit_person(self, person_id: str) -> None:
        card = self.card_for(person_id)
        if card is None:
            return
        dialog = PersonDialog(self._services, self._runner, self._case_id, card.person, self)
        dialog.open()

    def link_children(self) -> None:
        dialog = ChildrenDialog(self._services, self._runner, self._case_id, self)
        dialog.open()

    def remove_person(self, person_id: str) -> None:
        card = self.card_for(person_id)
        if card is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Ta bort ur ärendet"),
            tr("Ta bort personen ur ärendet? Personen finns kvar i andra ärenden."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Ta bort"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        persons, case_id = self._services.persons, self._case_id
        box.accepted.connect(
            lambda: self._runner.run(
                lambda: persons.unlink(case_id, person_id),
                parent=self,
                failure=self.error.show_message,
                changes={"cases", "journal"},
            )
        )
        self.confirm_box = box
        box.open()

    def edit_markers(self) -> None:
        current = self._details.markers if self._details is not None else frozenset()
        dialog = MarkerDialog(self._services, self._runner, self._case_id, current, self)
        dialog.open()

    def record_protection(self) -> None:
        """The skyddsbedömning of the first report still waiting for its steps."""
        self.reports_box.record_protection()

    def record_preliminary(self) -> None:
        self.reports_box.record_preliminary()
