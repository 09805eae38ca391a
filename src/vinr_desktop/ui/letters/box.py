"""The decision's letters to the client in the Insatser tab: kommunicering before it, the
beslutsmeddelande sent, and the appeal as it stands; with the buttons that record each step.

Built from plain views each time the panel is rebuilt; the buttons call `LetterActions`. The
section has the care panel's look (object name "CareSection", styled by the tab).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout

from vinr_desktop.domain.appeals import ReviewOutcome
from vinr_desktop.ui.common.widgets import heading, link_button, styled_label
from vinr_desktop.ui.letters.actions import LetterActions
from vinr_desktop.views.care import DecisionView
from vinr_desktop.views.letters import CommunicationView, DecisionLetters


def tr(text: str) -> str:
    return QCoreApplication.translate("LettersBox", text)


def _button(text: str, enabled: bool, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setEnabled(enabled)
    if tip:
        button.setToolTip(tip)
    return button


def communication_text(item: CommunicationView) -> str:
    text = tr("Kommunicerat {0} ({1}), svar senast {2}").format(
        item.communicated_on, item.how_label.lower(), item.answer_by
    )
    if item.answered_on:
        return text + tr(" – svarade {0}").format(item.answered_on)
    return text + tr(" – inget svar ännu")


def sent_text(state: DecisionLetters) -> str:
    sent = state.sent
    if sent is None:
        return tr("Beslutsmeddelande: inte skickat")
    text = tr("Beslutsmeddelande: {0} {1}").format(sent.how_label.lower(), sent.sent_on)
    if sent.received_on:
        text += tr(", klienten fick det {0}").format(sent.received_on)
    if state.appeal_last_day:
        text += tr(" · sista dag att överklaga {0}").format(state.appeal_last_day)
    return text


class LettersBox(QFrame):
    """Till klienten: kommunicering, beslutsmeddelande, överklagande of one decision."""

    def __init__(
        self,
        decision: DecisionView,
        state: DecisionLetters,
        writable: bool,
        actions: LetterActions,
    ) -> None:
        super().__init__()
        self.setObjectName("CareSection")
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 12)
        box.setSpacing(6)
        box.addWidget(heading(tr("Till klienten"), 3))
        self.buttons: dict[str, QPushButton] = {}
        self._communications(box, decision, state, writable, actions)
        if state.signed:
            self._signed(box, decision, state, writable, actions)
        else:
            self._row(box, self.buttons.get("communicate"))

    def _row(self, box: QVBoxLayout, *buttons: QPushButton | None) -> None:
        row = QHBoxLayout()
        row.setSpacing(6)
        for button in buttons:
            if button is not None:
                row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)

    def _communications(
        self,
        box: QVBoxLayout,
        decision: DecisionView,
        state: DecisionLetters,
        writable: bool,
        actions: LetterActions,
    ) -> None:
        for item in state.communications:
            line = QHBoxLayout()
            line.addWidget(styled_label(communication_text(item)), 1)
            letter = link_button(tr("Brev…"))
            letter.setToolTip(tr("Skriv ut kommuniceringsbrevet"))
            letter.clicked.connect(
                lambda _=False, cid=item.communication_id: actions.print_communication(cid)
            )
            line.addWidget(letter)
            if not item.answered_on and writable:
                answer = link_button(tr("Svar…"))
                answer.clicked.connect(lambda _=False, i=item: actions.answer(decision, i))
                line.addWidget(answer)
                self.buttons.setdefault("answer", answer)
            box.addLayout(line)
        if not state.communications and state.adverse:
            box.addWidget(styled_label(tr("Ingen kommunicering registrerad."), "muted"))
        if state.signing_warning:
            box.addWidget(styled_label(state.signing_warning, "error"))
        if state.signed_reason:
            box.addWidget(
                styled_label(
                    tr("Signerat utan fullständig kommunicering. Skäl: {0}").format(
                        state.signed_reason
                    ),
                    "muted",
                )
            )
        if not state.signed:
            communicate = _button(
                tr("Kommunicering…"),
                writable,
                tr("Registrera vilket underlag klienten fått ta del av före beslutet"),
            )
            communicate.clicked.connect(lambda: actions.communicate(decision))
            self.buttons["communicate"] = communicate

    def _signed(
        self,
        box: QVBoxLayout,
        decision: DecisionView,
        state: DecisionLetters,
        writable: bool,
        actions: LetterActions,
    ) -> None:
        unsent = state.sent is None
        box.addWidget(styled_label(sent_text(state), "error" if unsent and state.adverse else ""))
        if state.appeal is not None:
            box.addWidget(styled_label(state.appeal.text))
        write = _button(
            tr("Skriv beslutsmeddelande…"),
            True,
            tr("Beslutet till klienten, med hur hon överklagar"),
        )
        write.clicked.connect(lambda: actions.write_letter(decision))
        sent = _button(tr("Registrera skickat…"), writable and unsent)
        sent.clicked.connect(lambda: actions.record_sent(decision, state))
        appeal = state.appeal
        self.buttons.update(letter=write, sent=sent)
        buttons = [write, sent]
        if appeal is None:
            button = _button(tr("Registrera överklagande…"), writable)
            button.clicked.connect(lambda: actions.appeal(decision, state))
            self.buttons["appeal"] = button
            buttons.append(button)
        elif not appeal.review_label:
            button = _button(tr("Omprövning…"), writable, tr("Nämndens omprövning av beslutet"))
            button.clicked.connect(lambda: actions.review(decision))
            self.buttons["review"] = button
            buttons.append(button)
        elif not appeal.court_label and appeal.review != ReviewOutcome.CHANGED.value:
            button = _button(tr("Domstolens avgörande…"), writable)
            button.clicked.connect(lambda: actions.court(decision))
            self.buttons["court"] = button
            buttons.append(button)
        self._row(box, *buttons)
