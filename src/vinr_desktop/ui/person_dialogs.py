"""Persons in a case: add one (new, or someone already in another case), change one, and link
the main person's children in one step.

Used by the case view. Every change goes through the runner with `changes={"cases"}`.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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

from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole
from vinr_desktop.services.case_views import CasePerson, PersonInput
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.persons import ChildCandidate, PersonMatch
from vinr_desktop.ui.case_banner import add_case_banner
from vinr_desktop.ui.operations import Busy, OperationRunner
from vinr_desktop.ui.person_form import PersonForm, align_labels
from vinr_desktop.ui.widgets import (
    ErrorLabel,
    VerticalScroll,
    form_layout,
    heading,
    primary_button,
    styled_label,
)

FIND_DELAY_MS = 300
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROTECTED_ROLE = Qt.ItemDataRole.UserRole + 2
ADDABLE_ROLES = (PersonRole.CHILD, PersonRole.PERPETRATOR, PersonRole.RELATIVE, PersonRole.OTHER)
CHILD_STRETCH = (3, 3, 5)
_BIRTH_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")


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
            item.setData(PROTECTED_ROLE, match.protected)
            if match.protected:
                item.setForeground(QColor("#b3261e"))
                item.setToolTip(tr("Skyddade personuppgifter"))
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
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.form.first_field().setFocus()

    def _update_mode(self) -> None:
        new = self.new_button.isChecked()
        self.form.setVisible(new)
        self.finder.setVisible(not new)
        (self.form.first_field() if new else self.finder.query).setFocus()

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

            def link() -> None:
                persons.link_existing(case_id, found, role)

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


def parse_child_identity(text: str) -> tuple[IdentityKind, str, date | None] | str:
    """A personnummer, or a birth date (ÅÅÅÅ-MM-DD or ÅÅÅÅMMDD) for a child without one.

    Returns (kind, number text, birth date), or a Swedish message when a date does not exist.
    """
    stripped = text.strip()
    found = _BIRTH_DATE.match(stripped)
    if found is None:
        return IdentityKind.PERSONNUMMER, stripped, None
    try:
        born = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return tr("Födelsedatumet {0} finns inte i kalendern.").format(stripped)
    return IdentityKind.NONE, "", born


class NewChildRow(QWidget):
    """First name, last name and personnummer or birth date of one child to add."""

    remove_requested = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.identity = QLineEdit()
        self.identity.setPlaceholderText(tr("ÅÅÅÅMMDD-NNNN"))
        self.identity.setToolTip(
            tr("Personnummer ÅÅÅÅMMDD-NNNN, eller födelsedatum ÅÅÅÅ-MM-DD om barnet saknar nummer.")
        )
        self.identity.setMaxLength(20)
        self.remove_button = QPushButton("✕")
        self.remove_button.setObjectName("RowRemove")
        self.remove_button.setToolTip(tr("Ta bort raden"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setProperty("compact", True)  # a symbol: little padding
        self.remove_button.setFixedWidth(36)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.first_name, CHILD_STRETCH[0])
        layout.addWidget(self.last_name, CHILD_STRETCH[1])
        layout.addWidget(self.identity, CHILD_STRETCH[2])
        layout.addWidget(self.remove_button)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def is_blank(self) -> bool:
        return not any(f.text().strip() for f in (self.first_name, self.last_name, self.identity))

    def value(self) -> PersonInput | str:
        parsed = parse_child_identity(self.identity.text())
        if isinstance(parsed, str):
            return parsed
        kind, number, born = parsed
        return PersonInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            identity_kind=kind,
            identity_text=number,
            birth_date=born,
        )


class ChildrenDialog(QDialog):
    """Koppla barn: the main person's known children and new ones, linked with one OK."""

    saved = Signal()

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Koppla barn"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(True)
        self._services = services
        self._runner = runner
        self._case_id = case_id
        self.known_boxes: dict[str, QCheckBox] = {}
        self.new_rows: list[NewChildRow] = []

        self.known_status = styled_label(tr("Hämtar huvudpersonens barn…"), "muted")
        self.known_box = QVBoxLayout()
        self.known_box.setSpacing(4)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(6)
        self.add_row_button = QPushButton(tr("Lägg till barn"))
        self.add_row_button.setAutoDefault(False)
        self.error = ErrorLabel()
        self.ok_button = primary_button(tr("Koppla barn"))
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)

        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(20, 16, 20, 12)
        box.setSpacing(10)
        box.addWidget(heading(tr("Koppla barn till ärendet"), 2))
        box.addWidget(
            styled_label(
                tr(
                    "Barn som huvudpersonen redan har i andra ärenden visas här. Bocka för dem "
                    "som hör till ärendet och lägg till nya barn nedanför."
                ),
                "muted",
            )
        )
        box.addWidget(self.known_status)
        box.addLayout(self.known_box)
        box.addWidget(heading(tr("Nya barn"), 3))
        box.addLayout(self._child_header())
        box.addLayout(self.rows_box)
        box.addWidget(
            styled_label(tr("Saknar barnet personnummer, skriv födelsedatum: ÅÅÅÅ-MM-DD."), "muted")
        )
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_row_button)
        add_row.addStretch(1)
        box.addLayout(add_row)
        box.addStretch(1)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.addWidget(scrolling(body), 1)
        layout.addLayout(button_row(self.error, self.cancel_button, self.ok_button))
        self.setMinimumWidth(600)
        fit_height(self, 520, 660)

        self.add_row_button.clicked.connect(self.add_row)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.setEnabled(False)
        persons = services.persons
        runner.run(
            lambda: persons.children_of_main_person(case_id),
            parent=self,
            success=self._show_known,
            failure=self._load_failed,
        )

    @staticmethod
    def _child_header() -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for text, stretch in zip(
            (tr("Förnamn"), tr("Efternamn"), tr("Personnummer eller födelsedatum")),
            CHILD_STRETCH,
            strict=True,
        ):
            row.addWidget(styled_label(text, "muted", wrap=False), stretch)
        row.addSpacing(36 + 6)  # over the remove buttons
        return row

    def _show_known(self, children: list[ChildCandidate]) -> None:
        self.ok_button.setEnabled(True)
        if not children:
            self.known_status.setText(tr("Inga barn till huvudpersonen är kända ännu."))
            self.add_row()
            return
        self.known_status.setText(tr("Kända barn till huvudpersonen:"))
        for child in children:
            text = child.name
            if child.birth_date:
                text += tr(", född {0}").format(child.birth_date)
            if child.linked:
                text += tr("  (redan kopplat)")
            box = QCheckBox(text)
            box.setChecked(child.linked)
            box.setEnabled(not child.linked)
            self.known_boxes[child.person_id] = box
            self.known_box.addWidget(box)
        first = next((b for b in self.known_boxes.values() if b.isEnabled()), None)
        if first is not None:
            first.setFocus()

    def _load_failed(self, message: str) -> None:
        self.known_status.setText("")
        self.error.show_message(message)

    def add_row(self) -> NewChildRow:
        row = NewChildRow()
        row.remove_requested.connect(self._remove_row)
        self.new_rows.append(row)
        self.rows_box.addWidget(row)
        row.first_name.setFocus()
        return row

    def _remove_row(self, row: QWidget) -> None:
        if row in self.new_rows:
            self.new_rows.remove(row)
            self.rows_box.removeWidget(row)
            row.deleteLater()

    def selected_ids(self) -> list[str]:
        return [
            person_id
            for person_id, box in self.known_boxes.items()
            if box.isEnabled() and box.isChecked()
        ]

    def submit(self) -> None:
        self.error.clear_message()
        new_children: list[PersonInput] = []
        for row in self.new_rows:
            if row.is_blank():
                continue
            value = row.value()
            if isinstance(value, str):
                self.error.show_message(value)
                row.identity.setFocus()
                return
            new_children.append(value)
        existing = self.selected_ids()
        persons, case_id = self._services.persons, self._case_id
        self._runner.run(
            lambda: persons.link_children(case_id, existing, new_children),
            parent=self,
            success=lambda _count: self._done(),
            failure=self.error.show_message,
            busy=Busy(self.ok_button, tr("Kopplar…"), (self.cancel_button,)),
            changes={"cases"},
        )

    def _done(self) -> None:
        self.saved.emit()
        self.accept()


def _today(services: CaseWorkServices) -> date:
    """Today where the user is, from the services' clock (no store access)."""
    return services.cases.ctx.now().astimezone().date()
