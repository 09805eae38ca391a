"""Small dialogs of a case: close, reopen, reveal a protected person's details, the two child
steps (skyddsbedömning, förhandsbedömning) and correcting a signed journal entry.

Each dialog checks nothing itself: OK sends what was typed to the service through the runner
and shows the service's Swedish message inline if it says no.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.cases import PRELIMINARY_LABELS, PreliminaryOutcome
from vinr_desktop.domain.journal import EntryDraft
from vinr_desktop.domain.persons import ContactDetails
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, form_layout, primary_button, styled_label
from vinr_desktop.views.cases import JournalEntryView


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseDialogs", text)


def reason_log_hint() -> str:
    """Under every reason that is written to the audit log (reveal, nödåtkomst)."""
    return tr("Skälet visas vid loggkontroll. Skriv inte namn eller adress i skälet.")


def date_edit(value: date, maximum: date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if maximum is not None:
        edit.setMaximumDate(QDate(maximum.year, maximum.month, maximum.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def text_edit(height: int = 110) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class ServiceDialog(QDialog):
    """A form, an error line and OK/Avbryt; OK runs one service call and closes on success."""

    succeeded = Signal(object)  # the service call's result

    def __init__(
        self,
        title: str,
        ok_text: str,
        busy_text: str,
        runner: OperationRunner,
        parent: QWidget | None,
        *,
        changes: frozenset[str] = frozenset({"cases"}),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self._runner = runner
        self._changes = changes
        self._busy_text = busy_text
        self.form = form_layout()
        self.error = ErrorLabel()
        self.ok_button = primary_button(ok_text)
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self.body.addLayout(buttons)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def call(self) -> Callable[[], Any]:
        """The service call to make with what the form holds (built on the UI thread)."""
        raise NotImplementedError

    def submit(self) -> None:
        self.error.clear_message()
        fn = self.call()
        self._runner.run(
            fn,
            parent=self,
            success=self._succeeded,
            failure=self.error.show_message,
            busy=Busy(self.ok_button, self._busy_text, (self.cancel_button,)),
            changes=self._changes,
        )

    def _succeeded(self, result: object) -> None:
        self.succeeded.emit(result)
        self.accept()


class CloseCaseDialog(ServiceDialog):
    """Avsluta ärende: a reason from the list, its detail if it asks for one, and a text."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Avsluta ärende"), tr("Avsluta ärendet"), tr("Avslutar…"), runner, parent
        )
        from vinr_desktop.services.cases.cases import closing_reasons

        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self._reasons = closing_reasons()
        self.reason = QComboBox()
        self.reason.addItem(tr("Välj avslutsorsak…"), "")
        for reason in self._reasons:
            self.reason.addItem(reason.label, reason.code)
        self.detail = QLineEdit()
        self.detail_label = QLabel()
        self.text = text_edit()
        self.text.setPlaceholderText(tr("Motivering: vad har gjorts och varför avslutas ärendet"))
        self.form.addRow(tr("Avslutsorsak"), self.reason)
        self.form.addRow(self.detail_label, self.detail)
        self.form.addRow(tr("Motivering"), self.text)
        self.body.insertWidget(
            1,
            styled_label(
                tr("Ett avslutat ärende kan bara läsas. Det kan återöppnas med ett skäl."), "muted"
            ),
        )
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self._reason_changed()

    def _reason_changed(self) -> None:
        code = self.reason.currentData()
        reason = next((r for r in self._reasons if r.code == code), None)
        label = reason.detail_label if reason is not None else ""
        self.detail_label.setText(label)
        self.form.setRowVisible(self.detail, bool(label))

    def call(self) -> Callable[[], Any]:
        cases, case_id = self._services.cases, self._case_id
        code = str(self.reason.currentData() or "")
        detail = self.detail.text() if self.detail.isVisibleTo(self) else ""
        text = self.text.toPlainText()
        return lambda: cases.close(case_id, code, detail, text)


class ReopenDialog(ServiceDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Återöppna ärende"), tr("Återöppna"), tr("Återöppnar…"), runner, parent)
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self.reason = text_edit(80)
        self.reason_hint = styled_label(tr("Skälet skrivs i ärendets journal."), "muted")
        self.form.addRow(tr("Skäl till att ärendet återöppnas"), self.reason)
        self.form.addRow("", self.reason_hint)

    def call(self) -> Callable[[], Any]:
        cases, case_id, reason = self._services.cases, self._case_id, self.reason.toPlainText()
        return lambda: cases.reopen(case_id, reason)


class RevealDialog(ServiceDialog):
    """Why the user needs a protected person's address: the reason goes to the audit log."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        person_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Visa skyddade uppgifter"),
            tr("Visa"),
            tr("Hämtar…"),
            runner,
            parent,
            changes=frozenset(),
        )
        self._services, self._case_id, self._person_id = services, case_id, person_id
        add_case_banner(self, case_id)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.reason = QLineEdit()
        self.reason_hint = styled_label(reason_log_hint(), "muted")
        self.form.addRow(tr("Ange skäl till att du visar adress och kontaktuppgifter"), self.reason)
        self.form.addRow(self.reason_hint)
        self.body.insertWidget(  # first what happens, then the question
            0,
            styled_label(
                tr(
                    "Personen har skyddade personuppgifter. Skälet och att du visade uppgifterna "
                    "skrivs i loggen. Uppgifterna visas bara här och döljs igen när du lämnar "
                    "ärendet."
                ),
                "muted",
            ),
        )

    def call(self) -> Callable[[], ContactDetails]:
        persons, case_id, person_id = self._services.persons, self._case_id, self._person_id
        reason = self.reason.text()
        return lambda: persons.reveal_contact(case_id, person_id, reason)


class ProtectionAssessmentDialog(ServiceDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Registrera skyddsbedömning"), tr("Registrera"), tr("Sparar…"), runner, parent
        )
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self.on = date_edit(today, today)
        self.needed = QCheckBox(tr("Barnet har ett omedelbart skyddsbehov"))
        self.note = text_edit(80)
        self.form.addRow(tr("Datum"), self.on)
        self.form.addRow("", self.needed)
        self.form.addRow(tr("Kommentar"), self.note)

    def call(self) -> Callable[[], Any]:
        cases, case_id = self._services.cases, self._case_id
        on, needed, note = date_of(self.on), self.needed.isChecked(), self.note.toPlainText()
        return lambda: cases.record_protection_assessment(case_id, on, needed, note)


class PreliminaryAssessmentDialog(ServiceDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Registrera förhandsbedömning"), tr("Registrera"), tr("Sparar…"), runner, parent
        )
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self.on = date_edit(today, today)
        self.outcome = QComboBox()
        for outcome, label in PRELIMINARY_LABELS.items():
            self.outcome.addItem(label, outcome.value)
        self.note = text_edit(90)
        self.form.addRow(tr("Beslutsdatum"), self.on)
        self.form.addRow(tr("Beslut"), self.outcome)
        self.form.addRow(tr("Motivering"), self.note)

    def call(self) -> Callable[[], Any]:
        cases, case_id = self._services.cases, self._case_id
        on, note = date_of(self.on), self.note.toPlainText()
        outcome = PreliminaryOutcome(self.outcome.currentData())
        return lambda: cases.record_preliminary_assessment(case_id, on, outcome, note)


class CorrectionDialog(ServiceDialog):
    """Rätta: the original read-only, the new text (prefilled with the old one) and a reason."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        original: JournalEntryView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Rätta anteckning"),
            tr("Signera rättelsen"),
            tr("Signerar…"),
            runner,
            parent,
            changes=frozenset({"journal"}),
        )
        self.setMinimumWidth(620)
        self._services, self._case_id, self._original = services, case_id, original
        add_case_banner(self, case_id)
        self._today = today
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.original_text = text_edit(100)
        self.original_text.setPlainText(original.text)
        self.original_text.setReadOnly(True)
        self.new_text = text_edit(140)
        self.new_text.setPlainText(original.text)
        self.reason = QLineEdit()
        self.form.addRow(
            tr("Ursprunglig anteckning ({0})").format(original.event_date), self.original_text
        )
        self.form.addRow(tr("Rättad text"), self.new_text)
        self.form.addRow(tr("Skäl till rättelsen"), self.reason)
        self.body.insertWidget(
            1,
            styled_label(
                tr(
                    "Rättelsen blir en ny signerad anteckning. Den ursprungliga texten finns kvar, "
                    "överstruken."
                ),
                "muted",
            ),
        )

    def call(self) -> Callable[[], Any]:
        journal, case_id, original = self._services.journal, self._case_id, self._original
        event_date = date.fromisoformat(original.event_date)
        draft = EntryDraft(
            event_date=min(event_date, self._today),
            kind=original.kind,
            source=original.source,
            source_detail=original.source_detail,
            text=self.new_text.toPlainText(),
        )
        reason = self.reason.text()
        return lambda: journal.correct(case_id, original.entry_id, reason, draft)
