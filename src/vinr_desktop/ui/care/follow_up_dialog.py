"""Uppföljning: an insats followed up WITH the client, goal by goal.

The client's participation comes first and is ticked by default; each goal of the current
vårdplan is reached / partly / not, with a comment; the client's own view is the structured
question set from resources (an answer and free text each); the decision is continue / change
/ end; the next follow-up is proposed from the date held and the interval setting and can be
changed. "Spara utkast" keeps it as a draft; signing makes it read-only and journals it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.care_deadlines import (
    FollowUpProposal,
    ProposalBasis,
    follow_up_proposal,
)
from vinr_desktop.domain.follow_ups import (
    FOLLOW_UP_DECISION_LABELS,
    GOAL_OUTCOME_LABELS,
    ClientAnswer,
    FollowUpDecision,
    FollowUpDraft,
    GoalOutcome,
    GoalResult,
)
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.care.follow_ups import FollowUpService
from vinr_desktop.ui.care.widgets import (
    CARE_CHANGES,
    CARE_STYLE,
    care_section,
    parse_day,
    plain_date_edit,
    pydate,
    qdate,
)
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.dialogs import ask
from vinr_desktop.ui.common.forms import text_edit
from vinr_desktop.ui.common.layouts import VerticalScroll
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    primary_button,
    styled_label,
)
from vinr_desktop.views.care import DecisionView, FollowUpForm, FollowUpView

LOCAL_STYLE = """
QCheckBox#ClientTookPart { font-size: 11pt; font-weight: 700; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("FollowUpDialog", text)


class FollowUpDialog(QDialog):
    """A new follow-up of one insats (its form comes from `FollowUpService.form`)."""

    signed = Signal(object)  # the FollowUpDecision

    def __init__(
        self,
        follow_ups: FollowUpService,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        form: FollowUpForm,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(CARE_STYLE + LOCAL_STYLE)
        self.setWindowTitle(tr("Uppföljning"))
        self._service, self._runner, self._case_id = follow_ups, runner, case_id
        self._decision, self._form, self._today = decision, form, today
        self._follow_up_id: str | None = None
        self._next_touched = False
        self.confirm_box: QMessageBox | None = None

        self.held_on = plain_date_edit(today)
        self.held_on.setMaximumDate(qdate(today))
        self.client_took_part = QCheckBox(tr("Klienten deltog"))
        self.client_took_part.setObjectName("ClientTookPart")
        self.client_took_part.setChecked(True)
        self.provider_took_part = QCheckBox(tr("Utföraren deltog"))
        self.others = QLineEdit()
        self.others.setMaxLength(500)
        self.others.setPlaceholderText(tr("Andra som deltog, t.ex. tolk, skolan"))
        self.client_hint = styled_label(
            tr("Följ upp med klienten, inte bara med utföraren."), "muted"
        )

        self.goal_rows: list[tuple[str, QComboBox, QLineEdit]] = []
        goals_frame, goals_box = care_section(
            tr("Målen i vårdplanen (version {0})").format(form.plan_version)
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        for row, goal in enumerate(form.goals):
            text = styled_label(f"{goal.position}. {goal.text}")
            text.setToolTip(tr("Så syns det: {0}").format(goal.indicator))
            outcome = QComboBox()
            outcome.addItem(tr("Bedöm…"), "")
            for value, label in GOAL_OUTCOME_LABELS.items():
                outcome.addItem(label, value.value)
            comment = QLineEdit()
            comment.setPlaceholderText(tr("Kommentar"))
            grid.addWidget(text, row * 2, 0)
            grid.addWidget(outcome, row * 2, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(comment, row * 2, 2, Qt.AlignmentFlag.AlignTop)
            indicator = styled_label(tr("Så syns det: {0}").format(goal.indicator), "muted")
            grid.addWidget(indicator, row * 2 + 1, 0, 1, 3)
            self.goal_rows.append((goal.goal_id, outcome, comment))
        goals_box.addLayout(grid)

        self.answer_rows: list[tuple[str, QComboBox, QLineEdit]] = []
        client_frame, client_box = care_section(tr("Klientens egen bild"))
        client_box.addWidget(
            styled_label(tr("Klientens svar visas inte i dokument till utföraren."), "muted")
        )
        client_form = form_layout()
        for question in form.questions:
            option = QComboBox()
            option.addItem(tr("Inte besvarad"), "")
            for item in question.options:
                option.addItem(item.label, item.code)
            answer = QLineEdit()
            answer.setPlaceholderText(tr("Med klientens egna ord"))
            hint_width = answer.fontMetrics().horizontalAdvance(answer.placeholderText())
            answer.setMinimumWidth(hint_width + 30)  # the hint is never cut
            row_box = QVBoxLayout()
            row_box.setSpacing(2)
            row_box.addWidget(option)
            row_box.addWidget(answer)
            client_form.addRow(styled_label(question.text), row_box)
            self.answer_rows.append((question.code, option, answer))
        client_box.addLayout(client_form)

        self.decision = QComboBox()
        self.decision.addItem(tr("Välj…"), "")
        for choice, choice_label in FOLLOW_UP_DECISION_LABELS.items():
            self.decision.addItem(choice_label, choice.value)
        self.decision_text = text_edit(60)
        self.decision_text.setPlaceholderText(tr("Motivering"))
        self.next_on = plain_date_edit(form.proposed_next_on)
        self.next_hint = styled_label("", "muted")
        decision_frame, decision_box = care_section(tr("Ställningstagande och nästa uppföljning"))
        decision_form = form_layout()
        decision_form.addRow(tr("Ställningstagande"), self.decision)
        decision_form.addRow(tr("Motivering"), self.decision_text)
        decision_form.addRow(tr("Nästa uppföljning"), self.next_on)
        decision_form.addRow("", self.next_hint)
        decision_box.addLayout(decision_form)

        self.error = ErrorLabel()
        self.save_button = QPushButton(tr("Spara utkast"))
        self.close_button = QPushButton(tr("Avbryt"))
        self.sign_button = primary_button(tr("Signera…"))
        self.sign_button.setToolTip(tr("Signera uppföljningen (Ctrl+Enter)"))
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)

        who_frame, who_box = care_section(tr("Datum och deltagare"))
        who_form = form_layout()
        who_form.addRow(tr("Datum"), self.held_on)
        who_form.addRow("", self.client_took_part)
        who_form.addRow("", self.client_hint)
        who_form.addRow("", self.provider_took_part)
        who_form.addRow(tr("Andra"), self.others)
        who_box.addLayout(who_form)
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 8, 0)
        box.setSpacing(10)
        for frame in (who_frame, goals_frame, client_frame, decision_frame):
            box.addWidget(frame)
        box.addStretch(1)
        scroll = VerticalScroll(content)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.addWidget(heading(tr("Uppföljning"), 2))
        layout.addWidget(
            styled_label(
                f"{decision.insats_label} · {decision.provider_name} · {decision.period_text}",
                "muted",
            )
        )
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(
            min(860, screen.width() - 40) if screen else 860,
            min(800, screen.height() - 60) if screen else 700,
        )

        self.held_on.dateChanged.connect(self._propose_next)
        self.next_on.dateChanged.connect(self._next_edited)
        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.save_button.clicked.connect(self.save_draft)
        self.sign_button.clicked.connect(self.ask_sign)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.ask_sign)
        self._show_next_hint()
        self.held_on.setFocus()

    # -- the next date -------------------------------------------------------------------------

    def proposal(self) -> FollowUpProposal:
        """The earliest of the decision's review date, its end and the interval (domain)."""
        return follow_up_proposal(
            pydate(self.held_on.date()),
            self._form.interval_months,
            review_on=self._form.review_on,
            period_to=self._form.period_to,
        )

    def proposed_next(self) -> date:
        return self.proposal().on

    def _propose_next(self) -> None:
        if not self._next_touched:
            self.next_on.blockSignals(True)
            self.next_on.setDate(qdate(self.proposed_next()))
            self.next_on.blockSignals(False)
        self._show_next_hint()

    def _next_edited(self) -> None:
        self._next_touched = pydate(self.next_on.date()) != self.proposed_next()
        self._show_next_hint()

    def _show_next_hint(self) -> None:
        proposal = self.proposal()
        if proposal.basis is ProposalBasis.REVIEW:
            why = tr("då ska beslutet omprövas")
        elif proposal.basis is ProposalBasis.PERIOD_END:
            why = tr("insatsens sista dag enligt beslutet")
        else:
            why = tr("{0} efter uppföljningen").format(
                by_count(self._form.interval_months, tr("1 månad"), tr("{0} månader"))
            )
        self.next_hint.setText(tr("Föreslaget: {0} ({1}).").format(proposal.on.isoformat(), why))

    def _decision_changed(self) -> None:
        code = self.decision.currentData()
        ends = code == FollowUpDecision.END.value
        self.next_on.setEnabled(not ends)
        if ends:
            self.next_hint.setText(tr("Insatsen avslutas: ingen ny uppföljning."))
        else:
            self._show_next_hint()

    # -- content -------------------------------------------------------------------------------

    def load_draft(self, view: FollowUpView) -> None:
        """Continue a saved draft."""
        self._follow_up_id = view.follow_up_id
        if (held := parse_day(view.held_on)) is not None:
            self.held_on.setDate(qdate(held))
        self.client_took_part.setChecked(view.client_took_part)
        self.provider_took_part.setChecked(view.provider_took_part)
        self.others.setText(view.others)
        results = {g.goal_id: g for g in view.goals}
        for goal_id, outcome, comment in self.goal_rows:
            if (result := results.get(goal_id)) is not None:
                value = result.outcome.value if result.outcome else ""
                outcome.setCurrentIndex(max(0, outcome.findData(value)))
                comment.setText(result.comment)
        answers = {a.question: a for a in view.answers}
        for code, option, text in self.answer_rows:
            if (answer := answers.get(code)) is not None:
                option.setCurrentIndex(max(0, option.findData(answer.option)))
                text.setText(answer.text)
        if view.decision is not None:
            self.decision.setCurrentIndex(max(0, self.decision.findData(view.decision.value)))
        self.decision_text.setPlainText(view.decision_text)
        if (next_on := parse_day(view.next_on)) is not None:
            self.next_on.setDate(qdate(next_on))

    def draft(self) -> FollowUpDraft:
        code = str(self.decision.currentData() or "")
        decision = FollowUpDecision(code) if code else None
        return FollowUpDraft(
            held_on=pydate(self.held_on.date()),
            client_took_part=self.client_took_part.isChecked(),
            provider_took_part=self.provider_took_part.isChecked(),
            others=self.others.text(),
            goals=tuple(
                GoalResult(
                    goal_id,
                    GoalOutcome(str(outcome.currentData())) if outcome.currentData() else None,
                    comment.text(),
                )
                for goal_id, outcome, comment in self.goal_rows
            ),
            answers=tuple(
                ClientAnswer(code_, str(option.currentData() or ""), text.text())
                for code_, option, text in self.answer_rows
            ),
            decision=decision,
            decision_text=self.decision_text.toPlainText(),
            next_on=None if decision is FollowUpDecision.END else pydate(self.next_on.date()),
        )

    # -- actions -------------------------------------------------------------------------------

    def save_draft(self) -> None:
        self.error.clear_message()
        service, case_id, decision_id = self._service, self._case_id, self._decision.decision_id
        current, draft = self._follow_up_id, self.draft()
        self._runner.run(
            lambda: service.save_draft(case_id, decision_id, current, draft),
            parent=self,
            success=self._saved,
            failure=self.error.show_message,
            busy=Busy(self.save_button, tr("Sparar…"), (self.sign_button,)),
            changes=CARE_CHANGES,
        )

    def _saved(self, follow_up_id: str) -> None:
        self._follow_up_id = follow_up_id
        self.accept()

    def ask_sign(self) -> None:
        self.error.clear_message()
        text = tr("En signerad uppföljning kan inte ändras och skrivs i journalen. Signera?")
        if not self.client_took_part.isChecked():
            text = tr("Klienten är inte markerad som deltagare.") + "\n\n" + text
        self.confirm_box = ask(
            self,
            tr("Signera uppföljningen"),
            text,
            tr("Signera"),
            self.sign_now,
        )

    def sign_now(self) -> None:
        service, case_id, decision_id = self._service, self._case_id, self._decision.decision_id
        current, draft = self._follow_up_id, self.draft()
        self._runner.run(
            lambda: service.sign(case_id, decision_id, current, draft),
            parent=self,
            success=lambda _id: self._signed(draft.decision),
            failure=self.error.show_message,
            busy=Busy(self.sign_button, tr("Signerar…"), (self.save_button,)),
            changes=CARE_CHANGES,
        )

    def _signed(self, decision: FollowUpDecision | None) -> None:
        self.signed.emit(decision)
        self.accept()
