"""Persons in a case: add one (new, or someone already in another case) or change one; the
dialog proposes a protected housemate's level (ui/cases/protection_proposal.py). Linking the main
person's children in one step is ui/cases/children_dialog.py.

Used by the case view. Every change goes through the runner with `changes={"cases"}`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.persons import (
    ROLE_LABELS,
    ContactDetails,
    PersonRole,
    ProtectionLevel,
)
from vinr_desktop.services.cases.persons import PersonMatch
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.person_form import PersonForm, align_labels
from vinr_desktop.ui.cases.protection_proposal import ProtectionProposer
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.layouts import VerticalScroll
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    primary_button,
    styled_label,
)
from vinr_desktop.views.cases import CasePerson

FIND_DELAY_MS = 300
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROTECTED_ROLE = Qt.ItemDataRole.UserRole + 2
ADDABLE_ROLES = (PersonRole.CHILD, PersonRole.PERPETRATOR, PersonRole.RELATIVE, PersonRole.OTHER)


def tr(text: str) -> str:
    return QCoreApplication.translate("PersonDialogs", text)


def fit_height(dialog: QDialog, wanted: int, width: int) -> None:
    """At most `wanted` pixels high, and never taller than the screen allows."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry().height() if screen is not None else wanted + 60
    dialog.resize(width, min(wanted, available - 60))


def scrolling(body: QWidget) -> QScrollArea:
    return VerticalScroll(body)


def button_row(error: ErrorLabel, *buttons: QPushButton) -> QVBoxLayout:
    """The error line (when there is one) over the buttons at the right."""
    box = QVBoxLayout()
    box.setContentsMargins(20, 0, 20, 0)
    box.setSpacing(8)
    box.addWidget(error)
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        button.setMinimumWidth(110)
        row.addWidget(button)
    box.addLayout(row)
    return box


def match_text(match: PersonMatch) -> str:
    text = f"{match.name} — {match.identity_display}"
    return text + tr("  (skyddad)") if match.protected else text


class PersonFinder(QWidget):
    """Find a person who is already in a case the user may see, to use again."""

    def __init__(
        self, services: CaseWorkServices, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._serial = 0
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("Sök namn eller personnummer"))
        self.query.setClearButtonEnabled(True)
        self.matches = QListWidget()
        self.matches.setObjectName("PersonMatches")
        self.matches.setMinimumHeight(110)
        self.matches.setMaximumHeight(170)
        self.status = styled_label(
            tr("Skriv minst två tecken. Bara personer i ärenden du har tillgång till visas."),
            "muted",
        )
        self.protected_note = styled_label(
            tr("Personen har skyddade personuppgifter. Ärendet markeras som skyddat."), "error"
        )
        self.protected_note.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FIND_DELAY_MS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.query)
        layout.addWidget(self.matches)
        layout.addWidget(self.status)
        layout.addWidget(self.protected_note)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self.run_find)
        self._timer.timeout.connect(self.run_find)
        self.matches.currentItemChanged.connect(self._selection_changed)

    def run_find(self) -> None:
        self._timer.stop()
        text = self.query.text().strip()
        self._serial += 1
        serial = self._serial
        if len(text) < 2:
            self.matches.clear()
            return
        persons = self._services.persons
        self._runner.run(
            lambda: persons.find(text),
            parent=self,
            success=lambda found: self._show(serial, found),
            failure=self.status.setText,
        )

    def _show(self, serial: int, found: list[PersonMatch]) -> None:
        if serial != self._serial:
            return
        self.matches.clear()
        for match in found:
            item = QListWidgetItem(match_text(match))
            item.setData(PERSON_ID_ROLE, match.person_id)
            item.setData(PROTECTED_ROLE, match.protected and not match.follows)
            if match.protected:
                item.setForeground(QColor("#b3261e"))
                item.setToolTip(
                    tr("Bor med en person som har skyddade personuppgifter")
                    if match.follows
                    else tr("Skyddade personuppgifter")
                )
            self.matches.addItem(item)
        self.status.setText(
            tr("Ingen person hittades.")
            if not found
            else tr("Välj personen i listan. Saknas hen, välj Ny person ovan.")
        )

    def _selection_changed(self) -> None:
        item = self.matches.currentItem()
        self.protected_note.setVisible(item is not None and bool(item.data(PROTECTED_ROLE)))

    def selected_person_id(self) -> str | None:
        item = self.matches.currentItem()
        return str(item.data(PERSON_ID_ROLE)) if item is not None else None


class PersonDialog(QDialog):
    """Add a person to a case (new, or found in another case), or change one.

    The main person's role cannot change; other roles change with `set_role`.
    """

    saved = Signal()

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        person: CasePerson | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(True)
        self._services = services
        self._runner = runner
        self._case_id = case_id
        self._person = person
        editing = person is not None
        self.setWindowTitle(tr("Ändra person") if editing else tr("Lägg till person"))

        self.role = QComboBox()
        if person is not None and person.role is PersonRole.MAIN:
            self.role.addItem(tr(ROLE_LABELS[PersonRole.MAIN]), PersonRole.MAIN)
            self.role.setEnabled(False)
            self.role.setToolTip(tr("Huvudpersonen kan inte bytas i ett ärende."))
        else:
            for role in ADDABLE_ROLES:
                self.role.addItem(tr(ROLE_LABELS[role]), role)
            if person is not None:
                self.role.setCurrentIndex(self.role.findData(person.role))
        self.new_button = QRadioButton(tr("Ny person"))
        self.existing_button = QRadioButton(tr("Finns redan i ett ärende"))
        self.new_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.new_button)
        group.addButton(self.existing_button)
        self.form = PersonForm(today=today or _today(services))
        self.finder = PersonFinder(services, runner)
        self.finder.hide()
        self.proposer = ProtectionProposer(services.persons, runner, case_id)
        self.protected_note = styled_label(
            tr(
                "Personen har skyddade personuppgifter. Adress och kontaktuppgifter visas inte "
                "här; lämnar du fälten tomma behålls de som de är."
            ),
            "muted",
        )
        self.error = ErrorLabel()
        self.ok_button = primary_button(tr("Spara") if editing else tr("Lägg till"))
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)
        if person is not None:
            self.form.set_value(person)

        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(20, 16, 20, 12)
        box.setSpacing(10)
        box.addWidget(heading(self.windowTitle(), 2))
        role_form = form_layout()
        role_form.addRow(tr("Roll i ärendet"), self.role)
        box.addLayout(role_form)
        if not editing:
            choice = QHBoxLayout()
            choice.setSpacing(16)
            choice.addWidget(self.new_button)
            choice.addWidget(self.existing_button)
            choice.addStretch(1)
            box.addLayout(choice)
        box.addWidget(self.protected_note)
        box.addWidget(self.proposer)
        box.addWidget(self.form)
        box.addWidget(self.finder)
        box.addStretch(1)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.addWidget(scrolling(body), 1)
        layout.addLayout(button_row(self.error, self.cancel_button, self.ok_button))
        self.protected_note.setVisible(person is not None and person.contact is None)
        align_labels(role_form, self.form.form)
        self.setMinimumWidth(560)
        fit_height(self, 700, 620)

        self.new_button.toggled.connect(self._update_mode)
        for changed in (
            self.role.currentIndexChanged,
            self.new_button.toggled,
            self.form.street.editingFinished,
            self.form.postal_code.editingFinished,
            self.finder.matches.currentItemChanged,
        ):
            changed.connect(self._ask_protection)
        self.proposer.chosen.connect(self._protect)
        self._ask_protection()
        self.proposer.ask_now()
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.form.first_field().setFocus()

    def _update_mode(self) -> None:
        new = self.new_button.isChecked()
        self.form.setVisible(new)
        self.finder.setVisible(not new)
        (self.form.first_field() if new else self.finder.query).setFocus()

    def _ask_protection(self, *_changed: object) -> None:
        """Protection follows the address: ask whether to propose a level for this person."""
        person, role = self._person, self.selected_role()
        if person is not None and (
            person.protection_level is not ProtectionLevel.NONE or role is PersonRole.MAIN
        ):
            return
        if person is None and not self.new_button.isChecked():
            found = self.finder.selected_person_id()
            if found is None:
                self.proposer.hide()
                return
            self.proposer.ask(role, None, found)
            return
        typed = ContactDetails(self.form.street.text(), self.form.postal_code.text())
        self.proposer.ask(role, typed, person.person_id if person is not None else None)

    def _protect(self, level: ProtectionLevel) -> None:
        """The proposed level, accepted: in the form (a new person, a change) or given when
        the found person is linked (`submit`)."""
        self.form.protection.setCurrentIndex(self.form.protection.findData(level))

    def selected_role(self) -> PersonRole:
        return PersonRole(self.role.currentData())  # Qt keeps it as a plain str

    def submit(self) -> None:
        self.error.clear_message()
        persons, case_id, role = self._services.persons, self._case_id, self.selected_role()
        person = self._person
        if person is not None:
            values = self.form.value()
            change_role = person.role is not PersonRole.MAIN and role is not person.role
            person_id = person.person_id

            def save() -> None:
                persons.update(case_id, person_id, values)
                if change_role:
                    persons.set_role(case_id, person_id, role)

            work = save
        elif self.new_button.isChecked():
            values = self.form.value()

            def add() -> None:
                persons.add_to_case(case_id, values, role)

            work = add
        else:
            found = self.finder.selected_person_id()
            if found is None:
                self.error.show_message(tr("Välj personen i listan, eller välj Ny person."))
                return

            level = self.proposer.accepted_level()

            def link() -> None:
                persons.link_existing(case_id, found, role, level)

            work = link
        self._runner.run(
            work,
            parent=self,
            success=lambda _result: self._done(),
            failure=self.error.show_message,
            busy=Busy(self.ok_button, tr("Sparar…"), (self.cancel_button,)),
            changes={"cases"},
        )

    def _done(self) -> None:
        self.saved.emit()
        self.accept()

    def done(self, result: int) -> None:
        self.proposer.stop()
        super().done(result)


def _today(services: CaseWorkServices) -> date:
    """Today where the user is, from the services' clock (no store access)."""
    return services.cases.ctx.now().astimezone().date()
