"""Nytt ärende: how the case arrived, who reported, the main person and the first markers.

Who reported is one list from resources/reporter_kinds.json (a private person, the police, a
school, health care, a kvinnojour, another authority …); the field beside it is labelled by
the chosen kind and shown only when the kind asks for a text.

The whole form scrolls, so the dialog fits a small laptop screen; the error line and the
buttons stay visible under it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.cases import (
    INTAKE_LABELS,
    IntakeKind,
    ReporterChoice,
    ReporterKind,
    ReporterText,
    reporter_choice,
)
from vinr_desktop.domain.markers import GROUP_LABELS, MARKERS, MarkerGroup
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.person_dialogs import PersonFinder, button_row
from vinr_desktop.ui.cases.person_form import PersonForm, align_labels, from_qdate, to_qdate
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    primary_button,
    styled_label,
)
from vinr_desktop.views.cases import CaseRef, NewCase


def tr(text: str) -> str:
    return QCoreApplication.translate("NewCaseDialog", text)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _two_lines(label: str) -> str:
    """A long marker label breaks before its parenthesis, so two columns fit the smallest window."""
    return label.replace(" (", "\n(", 1) if len(label) > 30 else label


class NewCaseDialog(QDialog):
    """Register a case. On success the dialog closes and `registered` names the new case."""

    registered = Signal(str)  # case id

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Nytt ärende"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(True)
        self._services = services
        self._runner = runner
        self._today = today or date.today()

        self.intake_kind = QComboBox()
        for kind in IntakeKind:
            self.intake_kind.addItem(tr(INTAKE_LABELS[kind]), kind)
        self.intake_date = QDateEdit()
        self.intake_date.setCalendarPopup(True)
        self.intake_date.setDisplayFormat("yyyy-MM-dd")
        self.intake_date.setMaximumDate(to_qdate(self._today))
        self.intake_date.setMinimumDate(to_qdate(date(self._today.year - 10, 1, 1)))
        self.intake_date.setDate(to_qdate(self._today))
        self._reporters: tuple[ReporterChoice, ...] = services.cases.reporter_kinds()
        self.reporter = QComboBox()
        self.reporter.setPlaceholderText(tr("Välj vem som anmälde…"))
        for reporter in self._reporters:
            self.reporter.addItem(tr(reporter.label), reporter.code)
        self.reporter.setCurrentIndex(self.reporter.findData(ReporterKind.NONE.value))
        self.reporter.setAccessibleName(tr("Anmälare"))
        self.reporter_text_label = QLabel()
        self.reporter_text = QLineEdit()
        self.reporter_text.setMaxLength(200)
        self.reporter_text_label.setBuddy(self.reporter_text)

        self.new_person_button = QRadioButton(tr("Ny person"))
        self.existing_person_button = QRadioButton(tr("Finns redan i ett ärende"))
        self.new_person_button.setChecked(True)
        person_group = QButtonGroup(self)
        person_group.addButton(self.new_person_button)
        person_group.addButton(self.existing_person_button)
        self.person_form = PersonForm(today=self._today)
        self.finder = PersonFinder(services, runner)
        self.finder.hide()

        self.marker_boxes: dict[str, QCheckBox] = {}
        self.error = ErrorLabel()
        self.ok_button = primary_button(tr("Registrera ärende"))
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)
        self.scroll_area = QScrollArea()

        self._build()
        self.intake_kind.currentIndexChanged.connect(self._intake_kind_changed)
        self.reporter.currentIndexChanged.connect(self._update_reporter)
        self.new_person_button.toggled.connect(self._update_person_mode)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self._update_reporter()
        self._fit_screen()
        self.intake_kind.setFocus()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(20, 16, 20, 16)
        box.setSpacing(10)

        box.addWidget(heading(tr("Aktualisering"), 2))
        self.intake_form = form_layout()
        self.intake_form.addRow(tr("Hur ärendet kom in"), self.intake_kind)
        date_row = QHBoxLayout()
        date_row.addWidget(self.intake_date)
        date_row.addStretch(1)
        self.intake_form.addRow(tr("Datum"), date_row)
        self.intake_form.addRow(tr("Anmälare"), self.reporter)
        self.intake_form.addRow(self.reporter_text_label, self.reporter_text)
        box.addLayout(self.intake_form)

        box.addWidget(_separator())
        box.addWidget(heading(tr("Huvudperson"), 2))
        choice = QHBoxLayout()
        choice.setSpacing(16)
        choice.addWidget(self.new_person_button)
        choice.addWidget(self.existing_person_button)
        choice.addStretch(1)
        box.addLayout(choice)
        box.addWidget(self.person_form)
        box.addWidget(self.finder)

        box.addWidget(_separator())
        box.addWidget(heading(tr("Markeringar"), 2))
        box.addWidget(
            styled_label(
                tr("Markera allt som gäller. Markeringar kan läggas till och tas bort senare."),
                "muted",
            )
        )
        box.addLayout(self._marker_grid())
        box.addStretch(1)

        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        align_labels(self.intake_form, self.person_form.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.setSpacing(10)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(_separator())
        layout.addLayout(button_row(self.error, self.cancel_button, self.ok_button))

    def _marker_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        row = 0
        for group in MarkerGroup:
            title = QLabel(tr(GROUP_LABELS[group]))
            title.setProperty("role", "group-title")
            grid.addWidget(title, row, 0, 1, 2)
            row += 1
            codes = [m for m in MARKERS if m.group is group]
            half = (len(codes) + 1) // 2
            for i, item in enumerate(codes):
                box = QCheckBox(_two_lines(capitalised(tr(item.label))))
                self.marker_boxes[item.code] = box
                grid.addWidget(box, row + (i % half), i // half)
            row += half
            grid.setRowMinimumHeight(row, 8)
            row += 1
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        height = 720 if available is None else min(720, available.height() - 60)
        self.setMinimumWidth(600)
        self.setMinimumHeight(min(420, height))
        self.resize(720, height)

    # -- behaviour -----------------------------------------------------------------------

    def _intake_kind_changed(self) -> None:
        # A report always has a reporter: ask for it rather than keep "Ingen anmälare".
        if (
            self.current_intake_kind() is IntakeKind.REPORT
            and self.reporter_kind() == ReporterKind.NONE
        ):
            self.reporter.setCurrentIndex(-1)

    def current_intake_kind(self) -> IntakeKind:
        return IntakeKind(self.intake_kind.currentData())  # Qt keeps it as a plain str

    def reporter_kind(self) -> str:
        """The chosen kind's code ("" while none is chosen)."""
        return str(self.reporter.currentData() or "")

    def _update_reporter(self) -> None:
        choice = reporter_choice(self._reporters, self.reporter_kind())
        asks = choice is not None and choice.text is not ReporterText.NONE
        self.intake_form.setRowVisible(self.reporter_text, asks)
        if choice is None or not asks:
            return
        required = choice.text is ReporterText.REQUIRED
        label = tr(choice.text_label) or tr("Vem")
        self.reporter_text_label.setText(f"{label} *" if required else label)
        self.reporter_text.setAccessibleName(label)
        self.reporter_text.setPlaceholderText(tr(choice.placeholder))

    def _update_person_mode(self) -> None:
        new = self.new_person_button.isChecked()
        self.person_form.setVisible(new)
        self.finder.setVisible(not new)
        (self.person_form.first_field() if new else self.finder.query).setFocus()

    def selected_markers(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.marker_boxes.items() if box.isChecked())

    def new_case(self) -> NewCase | None:
        """What the form says, or None (with a message) when the existing person is missing."""
        kind = self.reporter_kind()
        choice = reporter_choice(self._reporters, kind)
        asks = choice is not None and choice.text is not ReporterText.NONE
        reporter = self.reporter_text.text() if asks else ""
        person = self.person_form.value() if self.new_person_button.isChecked() else None
        person_id = None if person is not None else self.finder.selected_person_id()
        if person is None and person_id is None:
            self.error.show_message(tr("Välj huvudpersonen i listan, eller välj Ny person."))
            return None
        return NewCase(
            intake_kind=self.current_intake_kind(),
            intake_date=from_qdate(self.intake_date.date()),
            reporter_kind=kind,
            reporter_text=reporter,
            main_person=person,
            main_person_id=person_id,
            markers=self.selected_markers(),
        )

    def submit(self) -> None:
        self.error.clear_message()
        new = self.new_case()
        if new is None:
            return
        cases = self._services.cases
        self._runner.run(
            lambda: cases.register(new),
            parent=self,
            success=self._registered,
            failure=self.error.show_message,
            busy=Busy(self.ok_button, tr("Registrerar…"), (self.cancel_button,)),
            changes={"cases"},
        )

    def _registered(self, ref: CaseRef) -> None:
        self.accept()
        self.registered.emit(ref.case_id)


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setObjectName("Separator")
    return line
