"""Small dialogs of the Bedömningar tab: a new assessment (instrument and about whom), the
contact fact, and the "reviewed" comment (printing goes through ui/common/document_print.py).

Like the other case dialogs they check nothing themselves: OK sends what was chosen to the
service through the runner and shows the service's Swedish message inline if it says no.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QWidget,
)

from vinr_desktop.domain.instruments import RISK_LABELS, InstrumentKind, Subject
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.domain.risk import CONTACT_LABELS, ContactState
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import (
    ServiceDialog,
    date_edit,
    date_of,
    text_edit,
)
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.risk import InstrumentInfo, PersonChoice


def tr(text: str) -> str:
    return QCoreApplication.translate("RiskDialogs", text)


def preferred_instrument(infos: list[InstrumentInfo]) -> int:
    """The row to preselect: the first checklist about the victim (the usual assessment)."""
    for row, info in enumerate(infos):
        if info.kind is InstrumentKind.CHECKLIST and info.about is Subject.VICTIM:
            return row
    return 0


def interval_text(info: InstrumentInfo) -> str:
    """In words: "90 dagar", or per level "30 dagar vid hög, 60 dagar vid medel, … risk"."""
    if not info.reassessment_by_level:
        return by_count(info.reassessment_days, tr("1 dag"), tr("{0} dagar"))
    parts = [
        tr("{0} vid {1}").format(by_count(days, tr("1 dag"), tr("{0} dagar")), RISK_LABELS[level])
        for level, days in reversed(info.reassessment_by_level)
    ]
    return tr("{0} risk").format(", ".join(parts))


class NewAssessmentDialog(ServiceDialog):
    """Ny bedömning: choose the instrument and the person it is about; OK starts a draft and
    `succeeded` carries its id."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Ny bedömning"), tr("Börja bedömningen"), tr("Startar…"), runner, parent,
            changes=frozenset({"risk"}),
        )  # fmt: skip
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self.instrument = QComboBox()
        self.instrument.setAccessibleName(tr("Instrument"))
        self.person = QComboBox()
        self.person.setAccessibleName(tr("Bedömningen gäller"))
        self.description = styled_label("", "muted")
        self.form.addRow(tr("Instrument"), self.instrument)
        self.form.addRow(tr("Bedömningen gäller"), self.person)
        self.body.insertWidget(1, self.description)
        self.setMinimumWidth(620)
        self.ok_button.setEnabled(False)
        self._infos: list[InstrumentInfo] = []
        self.instrument.currentIndexChanged.connect(self._instrument_changed)
        instruments = services.instruments
        runner.run(
            instruments.list_instruments,
            parent=self,
            success=self._show_instruments,
            failure=self.error.show_message,
        )
        self.instrument.setFocus()

    def _show_instruments(self, infos: list[InstrumentInfo]) -> None:
        self._infos = infos
        self.instrument.blockSignals(True)
        for info in infos:
            self.instrument.addItem(
                tr("{0} (version {1})").format(info.name, info.version),
                info.instrument_id,
            )
        self.instrument.blockSignals(False)
        self.instrument.setCurrentIndex(preferred_instrument(infos))
        self._instrument_changed()

    def _instrument_changed(self) -> None:
        row = self.instrument.currentIndex()
        if not 0 <= row < len(self._infos):
            return
        info = self._infos[row]
        self.description.setText(
            tr("{0}\nGäller: {1}. Ny bedömning efter {2}.").format(
                info.description, info.about_label.lower(), interval_text(info)
            )
        )
        QTimer.singleShot(0, self, self.adjustSize)
        self.person.clear()
        self.ok_button.setEnabled(False)
        risk, case_id, instrument_id = self._services.risk, self._case_id, info.instrument_id
        self._runner.run(
            lambda: risk.persons_for(case_id, instrument_id),
            parent=self,
            success=lambda persons: self._show_persons(instrument_id, persons),
            failure=self.error.show_message,
        )

    def _show_persons(self, instrument_id: str, persons: list[PersonChoice]) -> None:
        if self.instrument.currentData() != instrument_id:
            return  # the user has already chosen another instrument
        self.person.clear()
        for person in persons:
            self.person.addItem(f"{person.name} ({person.role_label.lower()})", person.person_id)
        if not persons:
            self.error.show_message(
                tr("Ingen person i ärendet har en roll som instrumentet gäller.")
            )
        else:
            self.error.clear_message()
        self.ok_button.setEnabled(bool(persons))

    def call(self) -> Callable[[], Any]:
        risk, case_id = self._services.risk, self._case_id
        instrument_id = str(self.instrument.currentData() or "")
        person_id = str(self.person.currentData() or "")
        return lambda: risk.start(case_id, instrument_id, person_id)


class ContactDialog(ServiceDialog):
    """Whether a violent person has contact with the victim, and from when the fact is."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        current: ContactState | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Kontakt med våldsutövaren"), tr("Spara"), tr("Sparar…"), runner, parent,
            changes=frozenset({"risk", "journal", "cases"}),
        )  # fmt: skip
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self.setMinimumWidth(580)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.buttons: dict[ContactState, QRadioButton] = {}
        for state in ContactState:
            button = QRadioButton(CONTACT_LABELS[state])
            self.group.addButton(button)
            self.buttons[state] = button
            row.addWidget(button)
        row.addStretch(1)
        self.buttons[current or ContactState.YES].setChecked(True)
        self.on = date_edit(today, today)
        self.form.addRow(tr("Har våldsutövaren kontakt med den utsatta?"), row)
        self.form.addRow(tr("Uppgiften gäller från"), self.on)
        self.body.insertWidget(
            0,
            styled_label(
                tr(
                    "Med kontakt flaggas ärendet när ingen giltig riskbedömning finns. "
                    "Uppgiften skrivs i journalen."
                ),
                "muted",
            ),
        )
        self.buttons[current or ContactState.YES].setFocus()

    def state(self) -> ContactState:
        return next(s for s, b in self.buttons.items() if b.isChecked())

    def call(self) -> Callable[[], Any]:
        risk, case_id, state, on = (
            self._services.risk,
            self._case_id,
            self.state(),
            date_of(self.on),
        )
        return lambda: risk.set_contact(case_id, state, on)


class MarkReviewedDialog(ServiceDialog):
    """Markera som genomgången: the plan still holds after the new assessment (a comment)."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        plan_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Markera säkerhetsplanen som genomgången"), tr("Markera som genomgången"),
            tr("Sparar…"), runner, parent, changes=frozenset({"risk", "journal"}),
        )  # fmt: skip
        self._services, self._case_id, self._plan_id = services, case_id, plan_id
        add_case_banner(self, case_id)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.comment = text_edit(90)
        self.comment.setPlaceholderText(tr("Till exempel: gick igenom planen med klienten, gäller"))
        self.form.addRow(tr("Kommentar (skrivs i journalen)"), self.comment)
        self.body.insertWidget(
            0,
            styled_label(
                tr(
                    "Planen har gåtts igenom efter den nya bedömningen och gäller som den är. "
                    "Behöver något ändras: gör en ny version i stället."
                ),
                "muted",
            ),
        )
        self.comment.setFocus()

    def call(self) -> Callable[[], Any]:
        plans, case_id, plan_id = self._services.safety_plans, self._case_id, self._plan_id
        comment = self.comment.toPlainText()
        return lambda: plans.mark_reviewed(case_id, plan_id, comment)


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Resize to `width` x `height`, or smaller when the screen has less room."""
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    if screen is not None:
        width, height = min(width, screen.width() - 40), min(height, screen.height() - 40)
    dialog.resize(width, height)
