"""Koppla barn: link the main person's known children and new ones to a case with one OK.

When the main person is protected, the dialog proposes her level for the children (protection
follows a protected parent to her children); every change goes through the runner with
`changes={"cases"}`.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.persons import (
    PROTECTION_LABELS,
    PersonRole,
    ProtectionLevel,
    ProtectionProposal,
)
from vinr_desktop.services.cases.persons import ChildCandidate
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.person_dialogs import button_row, fit_height, scrolling
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, primary_button, styled_label
from vinr_desktop.views.cases import PersonInput

CHILD_STRETCH = (3, 3, 5)
_BIRTH_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")


def tr(text: str) -> str:
    return QCoreApplication.translate("PersonDialogs", text)


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
            tr(
                "Personnummer ÅÅÅÅMMDD-NNNN, eller födelsedatum ÅÅÅÅ-MM-DD om barnet saknar "
                "personnummer."
            )
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
        self.protect_box = QCheckBox()
        self.protect_box.hide()
        self.protection: ProtectionLevel | None = None
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
        box.addWidget(self.protect_box)
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
            lambda: (
                persons.children_of_main_person(case_id),
                persons.protection_proposal(case_id, PersonRole.CHILD),
            ),
            parent=self,
            success=lambda loaded: self._loaded(*loaded),
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

    def _loaded(self, children: list[ChildCandidate], proposal: ProtectionProposal | None) -> None:
        if proposal is not None:  # protection follows the protected main person to her children
            self.protection = proposal.level
            label = PROTECTION_LABELS[proposal.level].lower()
            self.protect_box.setText(
                tr("Ge barnen samma skydd som huvudpersonen: {0}").format(label)
            )
            self.protect_box.setChecked(True)
            self.protect_box.show()
        self._show_known(children)

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
        level = self.protection if self.protect_box.isChecked() else None
        self._runner.run(
            lambda: persons.link_children(case_id, existing, new_children, level),
            parent=self,
            success=lambda _count: self._done(),
            failure=self.error.show_message,
            busy=Busy(self.ok_button, tr("Kopplar…"), (self.cancel_button,)),
            changes={"cases"},
        )

    def _done(self) -> None:
        self.saved.emit()
        self.accept()
