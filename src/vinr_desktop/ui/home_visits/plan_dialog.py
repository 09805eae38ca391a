"""Planera hembesök: when, where ("enligt överenskommelse" for a protected person), why, the
client's consent or the reason for an unannounced visit, who goes along, the short risk check
(questions from resources/home_visits/risk_check.json) and the expected time back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from vinr_desktop.domain.home_visits import (
    AGREED_ADDRESS,
    ANSWER_LABELS,
    Answer,
    Consent,
    RiskQuestion,
    VisitPlanInput,
)
from vinr_desktop.services.home_visits.visits import HomeVisitService
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import form_layout, styled_label
from vinr_desktop.ui.home_visits.times import datetime_edit, local_now, moment_of


def tr(text: str) -> str:
    return QCoreApplication.translate("HomeVisits", text)


class PlanVisitDialog(ServiceDialog):
    """The plan of one visit; OK saves it (audited) and the case's Hembesök tab shows it."""

    def __init__(
        self,
        visits: HomeVisitService,
        runner: OperationRunner,
        case_id: str,
        questions: tuple[RiskQuestion, ...],
        *,
        address_hidden: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Planera hembesök"),
            tr("Spara planen"),
            tr("Sparar…"),
            runner,
            parent,
            changes=frozenset({"home_visits"}),
        )
        self.setMinimumWidth(640)
        self._visits, self._case_id, self._questions = visits, case_id, questions
        start = local_now(visits.ctx.now()) + timedelta(hours=1)
        self.starts = datetime_edit(start)
        self.back = datetime_edit(start + timedelta(hours=2))
        self.address = QLineEdit()
        if address_hidden:
            self.address.setText(AGREED_ADDRESS)
            self.address.setEnabled(False)
            self.address.setToolTip(
                tr("Personen har skyddade personuppgifter: adressen skrivs aldrig i planen.")
            )
        self.purpose = QLineEdit()
        self.consent_given = QRadioButton(tr("Klienten har samtyckt till besöket"))
        self.unannounced = QRadioButton(tr("Oanmält besök"))
        self.consent_given.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.consent_given)
        group.addButton(self.unannounced)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Skäl till att besöket inte är anmält"))
        self.reason.setEnabled(False)
        self.unannounced.toggled.connect(self.reason.setEnabled)
        self.companions = QLineEdit()
        self.companions.setPlaceholderText(tr("Kollega, väktare från bevakningsföretag …"))
        self.answers: dict[str, QComboBox] = {}
        self.risk_note = text_edit(60)

        self.form.addRow(tr("Tid"), self.starts)
        self.form.addRow(tr("Adress"), self.address)
        self.form.addRow(tr("Syfte"), self.purpose)
        self.form.addRow(tr("Samtycke"), self.consent_given)
        self.form.addRow("", self.unannounced)
        self.form.addRow("", self.reason)
        self.form.addRow(tr("Följer med"), self.companions)
        # The risk check in a grid of its own: each question on the whole width, its answer
        # on the right, so a long question wraps instead of being cut.
        risk = QGridLayout()
        risk.setHorizontalSpacing(14)
        risk.setVerticalSpacing(6)
        risk.setColumnStretch(0, 1)
        risk.addWidget(styled_label(tr("Riskkontroll före besöket"), "h3"), 0, 0, 1, 2)
        for row, question in enumerate(questions, start=1):
            box = QComboBox()
            box.addItem(tr("Välj …"), "")
            for answer in Answer:
                box.addItem(ANSWER_LABELS[answer], answer.value)
            box.setMinimumWidth(120)
            self.answers[question.id] = box
            risk.addWidget(styled_label(question.text), row, 0)
            risk.addWidget(box, row, 1)
        self.body.insertLayout(1, risk)
        after = form_layout()
        after.addRow(tr("Om riskerna"), self.risk_note)
        after.addRow(tr("Tillbaka senast"), self.back)
        self.body.insertLayout(2, after)
        self.purpose.setFocus()

    def answer(self, question_id: str, answer: Answer) -> None:
        box = self.answers[question_id]
        box.setCurrentIndex(box.findData(answer.value))

    def call(self) -> Callable[[], str]:
        answers = {
            qid: Answer(box.currentData()) for qid, box in self.answers.items() if box.currentData()
        }
        plan = VisitPlanInput(
            starts_at=moment_of(self.starts),
            expected_back_at=moment_of(self.back),
            address="" if not self.address.isEnabled() else self.address.text(),
            purpose=self.purpose.text(),
            consent=Consent.UNANNOUNCED if self.unannounced.isChecked() else Consent.GIVEN,
            unannounced_reason=self.reason.text(),
            companions=self.companions.text(),
            risk_answers=answers,
            risk_note=self.risk_note.toPlainText(),
        )
        visits, case_id = self._visits, self._case_id
        return lambda: visits.plan(case_id, plan)
