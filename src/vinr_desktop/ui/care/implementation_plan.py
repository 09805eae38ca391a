"""Genomförandeplan: record that it was requested from the provider (date, how), and register it
when it arrives, as a document (a note of what was received) or typed in (activities with goal,
who, when, how; the client's participation; the date adopted; the follow-up). For "egen insats"
the handläggare writes it here herself: nothing is requested.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.widgets import (
    CARE_CHANGES,
    OptionalDate,
    parse_day,
    plain_date_edit,
    pydate,
    qdate,
)
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.layouts import VerticalScroll
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import form_layout, styled_label
from vinr_desktop.views.care import (
    Activity,
    DecisionView,
    ImplementationPlanInput,
    ImplementationPlanView,
    ReceivedAs,
)

ACTIVITY_COLUMNS = ("Aktivitet", "Mål", "Vem", "När", "Hur")
REQUEST_WAYS = ("Brev", "E-post", "Telefon", "Vid möte")


def tr(text: str) -> str:
    return QCoreApplication.translate("ImplementationPlan", text)


class RequestDialog(ServiceDialog):
    """Genomförandeplan begärd (or a reminder sent): the date and how; shows the reminder date."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        reminder_days: int,
        today: date,
        *,
        again: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Påminnelse om genomförandeplan") if again else tr("Begär genomförandeplan"),
            tr("Registrera"),
            tr("Registrerar…"),
            runner,
            parent,
            changes=CARE_CHANGES,
        )
        self._services, self._case_id, self._decision = services, case_id, decision
        add_case_banner(self, case_id)
        self._reminder_days = reminder_days
        self.requested_on = plain_date_edit(today)
        self.requested_on.setMaximumDate(qdate(today))
        self.how = QComboBox()
        self.how.setEditable(True)
        self.how.addItems([tr(w) for w in REQUEST_WAYS])
        self.how.setCurrentText("")
        if (line := self.how.lineEdit()) is not None:
            line.setPlaceholderText(tr("Brev, e-post, vid mötet …"))
        self.reminder = styled_label("", "muted")
        self.form.addRow(tr("Utförare"), styled_label(decision.provider_name))
        self.form.addRow(tr("Begärd den"), self.requested_on)
        self.form.addRow(tr("Hur"), self.how)
        self.form.addRow("", self.reminder)
        self.requested_on.dateChanged.connect(self._show_reminder)
        self._show_reminder()

    def _show_reminder(self) -> None:
        due = pydate(self.requested_on.date()) + timedelta(days=self._reminder_days)
        self.reminder.setText(
            tr("Påminnelse {0} om planen inte har kommit ({1}).").format(
                due.isoformat(), by_count(self._reminder_days, tr("1 dag"), tr("{0} dagar"))
            )
        )

    def call(self) -> Callable[[], Any]:
        plans = self._services.care.implementation_plans
        case_id, decision_id = self._case_id, self._decision.decision_id
        on, how = pydate(self.requested_on.date()), self.how.currentText()
        return lambda: plans.record_request(case_id, decision_id, on, how)


class ReceivedDialog(ServiceDialog):
    """Genomförandeplan mottagen (or, for egen insats, written here)."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        current: ImplementationPlanView | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        own = decision.provider_own
        super().__init__(
            tr("Genomförandeplan (egen insats)") if own else tr("Genomförandeplan mottagen"),
            tr("Spara"),
            tr("Sparar…"),
            runner,
            parent,
            changes=CARE_CHANGES,
        )
        self._services, self._case_id, self._decision = services, case_id, decision
        self._own = own
        self.received_on = plain_date_edit(today)
        self.received_on.setMaximumDate(qdate(today))
        self.as_document = QRadioButton(tr("Som dokument (förvaras i akten)"))
        self.as_typed = QRadioButton(tr("Innehållet skrivs in här"))
        self.document_note = text_edit(60)
        self.document_note.setPlaceholderText(
            tr("T.ex. Genomförandeplan daterad 2026-03-10, 3 sidor")
        )
        self.activities = QTableWidget(0, len(ACTIVITY_COLUMNS))
        self.activities.setHorizontalHeaderLabels([tr(c) for c in ACTIVITY_COLUMNS])
        self.activities.verticalHeader().hide()
        self.activities.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activities.setMinimumHeight(150)
        header = self.activities.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_activity = QPushButton(tr("+ Aktivitet"))
        self.remove_activity = QPushButton(tr("Ta bort rad"))
        for button in (self.add_activity, self.remove_activity):
            button.setAutoDefault(False)
        self.participation = text_edit(56)
        self.participation.setPlaceholderText(
            tr("Hur klienten har varit med och tagit fram planen")
        )
        self.adopted_on = OptionalDate(None, today, tr("Inte fastställd"))
        self.follow_up = text_edit(56)
        self.follow_up.setPlaceholderText(tr("Hur utföraren följer upp planen"))

        for edit in (self.document_note, self.participation, self.follow_up):
            edit.setMaximumHeight(90)
        self.setMinimumWidth(720)
        self.fields = form_layout()  # in a scroll area: the dialog's own form stays empty
        if not own:
            received_as = QHBoxLayout()
            received_as.addWidget(self.as_document)
            received_as.addWidget(self.as_typed)
            received_as.addStretch(1)
            self.fields.addRow(tr("Mottagen den"), self.received_on)
            self.fields.addRow(tr("Registreras"), received_as)
            self.fields.addRow(tr("Vad som kom in"), self.document_note)
        else:
            self.fields.addRow(tr("Skriven den"), self.received_on)
        activity_buttons = QHBoxLayout()
        activity_buttons.addWidget(self.add_activity)
        activity_buttons.addWidget(self.remove_activity)
        activity_buttons.addStretch(1)
        activity_box = QVBoxLayout()
        activity_box.addWidget(self.activities)
        activity_box.addLayout(activity_buttons)
        self.activity_box = QWidget()
        self.activity_box.setLayout(activity_box)
        activity_box.setContentsMargins(0, 0, 0, 0)
        self.fields.addRow(tr("Aktiviteter"), self.activity_box)
        self.fields.addRow(tr("Klientens delaktighet"), self.participation)
        self.fields.addRow(tr("Fastställd"), self.adopted_on)
        self.fields.addRow(tr("Uppföljning"), self.follow_up)
        # The form can be long: put it in a scroll area inside the dialog's own layout.
        holder = QWidget()
        holder_box = QVBoxLayout(holder)
        holder_box.setContentsMargins(0, 0, 8, 0)
        holder_box.addLayout(self.fields)
        holder_box.addStretch(1)
        scroll = VerticalScroll(holder)
        self.body.insertWidget(0, scroll, 1)
        add_case_banner(self, case_id)
        screen = self.screen().availableGeometry() if self.screen() else None
        self._tall = min(700, screen.height() - 60) if screen else 640

        if current is not None and current.received_on:
            self._load(current)
        else:
            self.as_typed.setChecked(True) if own else self.as_document.setChecked(True)
            self._add_row(Activity(""))
        self.as_document.toggled.connect(self._mode_changed)
        self.add_activity.clicked.connect(self._add_and_edit)
        self.remove_activity.clicked.connect(self._remove_row)
        self._mode_changed()

    def _load(self, plan: ImplementationPlanView) -> None:
        if (received := parse_day(plan.received_on)) is not None:
            self.received_on.setDate(qdate(received))
        typed = plan.received_as is ReceivedAs.TYPED or self._own
        (self.as_typed if typed else self.as_document).setChecked(True)
        self.document_note.setPlainText(plan.document_note)
        for activity in plan.activities or (Activity(""),):
            self._add_row(activity)
        self.participation.setPlainText(plan.participation)
        self.adopted_on.set_value(parse_day(plan.adopted_on))
        self.follow_up.setPlainText(plan.follow_up)

    def _add_row(self, activity: Activity) -> None:
        row = self.activities.rowCount()
        self.activities.insertRow(row)
        for column, text in enumerate(
            (activity.activity, activity.goal, activity.who, activity.when, activity.how)
        ):
            self.activities.setItem(row, column, QTableWidgetItem(text))

    def _add_and_edit(self) -> None:
        self._add_row(Activity(""))
        row = self.activities.rowCount() - 1
        self.activities.setCurrentCell(row, 0)
        self.activities.setFocus()
        if (cell := self.activities.item(row, 0)) is not None:
            self.activities.editItem(cell)

    def _remove_row(self) -> None:
        row = self.activities.currentRow()
        if row >= 0:
            self.activities.removeRow(row)

    def _mode_changed(self) -> None:
        typed = self._own or self.as_typed.isChecked()
        if not self._own:  # egen insats has no "what was received" row
            self.fields.setRowVisible(self.document_note, not typed)
        for widget in (self.activity_box, self.participation, self.follow_up):
            self.fields.setRowVisible(widget, typed)
        self.fields.setRowVisible(self.adopted_on, typed)
        self.resize(760, self._tall if typed else 320)

    def _cell(self, row: int, column: int) -> str:
        item = self.activities.item(row, column)
        return item.text() if item is not None else ""

    def value(self) -> ImplementationPlanInput:
        typed = self._own or self.as_typed.isChecked()
        activities = tuple(
            Activity(*(self._cell(r, c) for c in range(len(ACTIVITY_COLUMNS))))
            for r in range(self.activities.rowCount())
        )
        return ImplementationPlanInput(
            received_on=pydate(self.received_on.date()),
            received_as=ReceivedAs.TYPED if typed else ReceivedAs.DOCUMENT,
            document_note="" if typed else self.document_note.toPlainText(),
            activities=activities if typed else (),
            participation=self.participation.toPlainText() if typed else "",
            adopted_on=self.adopted_on.value() if typed else None,
            follow_up=self.follow_up.toPlainText() if typed else "",
        )

    def call(self) -> Callable[[], Any]:
        plans = self._services.care.implementation_plans
        case_id, decision_id, value = self._case_id, self._decision.decision_id, self.value()
        return lambda: plans.record_received(case_id, decision_id, value)
