"""The last pages of an assessment: the professional judgement, the actions and the next
assessment, and signing.

The judgement is the handläggare's own: its radio buttons start empty (or as she saved them)
and are never filled from the answers. The count of risk answers sits beside it in a box that
says it is support only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.instruments import RISK_LABELS, Instrument, RiskLevel
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.domain.risk import SupportCount, proposed_next_date
from vinr_desktop.ui.common.forms import date_edit, date_of, text_edit
from vinr_desktop.ui.common.layouts import WrapLabel
from vinr_desktop.ui.common.widgets import heading, link_button, styled_label

END_STYLE = """
QRadioButton { padding: 2px 4px; }
QRadioButton:focus { background: #dbe7f3; border-radius: 3px; }
QFrame#SupportBox { background: #eef3f8; border: 1px solid #c3d3e4; border-radius: 4px; }
QFrame#MissingBox { background: #fff8e1; border: 1px solid #e0c068; border-radius: 4px; }
QFrame#ReadyBox { background: #e8f3ec; border: 1px solid #a9cdb5; border-radius: 4px; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentEndPages", text)


def sign_question(
    caption: str,
    level: RiskLevel | None,
    word_of: Callable[[RiskLevel], str] = RISK_LABELS.__getitem__,
) -> str:
    """The question before signing, saying the judgement once more (in the instrument's words,
    `word_of`: its Instrument.level_label)."""
    word = word_of(level).capitalize() if level is not None else tr("inte vald")
    return tr("{0}: {1}.\n\nEn signerad bedömning kan inte ändras. Signera?").format(caption, word)


def support_sentence(support: SupportCount) -> str:
    """The count, said as support and never as the verdict."""
    text = tr(
        "Stöd för bedömningen: {0} av {1} riskfaktorer besvarade ja — ersätter inte din bedömning"
    ).format(support.risk_answers, support.items)
    unanswered = support.items - support.answered
    if unanswered:
        text += tr(" ({0} inte besvarade)").format(unanswered)
    return text + "."


class JudgementPage(QWidget):
    """The professional judgement (låg / medel / hög) with its motivation, and the support."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        scale: tuple[RiskLevel, ...],
        judgement: RiskLevel | None,
        motivation: str,
        motivation_required: bool,
        editable: bool,
        word_of: Callable[[RiskLevel], str] = RISK_LABELS.__getitem__,
    ) -> None:
        super().__init__()
        self.setStyleSheet(END_STYLE)
        self._title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(heading(title, 2))
        intro = tr(
            "Din professionella bedömning, grundad på samtalet och allt du vet om "
            "situationen. Välj nivå och skriv varför."
        )
        if word_of != RISK_LABELS.__getitem__ and len(scale) == 2:  # e.g. nej / ja
            intro = tr(
                "Din professionella bedömning, grundad på samtalet och allt du vet om "
                "situationen. Välj {0} eller {1} och skriv varför."
            ).format(*(word_of(level) for level in scale))
        layout.addWidget(styled_label(intro, "muted"))
        self.group = QButtonGroup(self)
        self.buttons: dict[RiskLevel, QRadioButton] = {}
        row = QHBoxLayout()
        row.setSpacing(24)
        for level in scale:
            word = word_of(level)
            button = QRadioButton(word.capitalize())
            button.setToolTip(tr("Alt+{0}").format(word[:1].upper()))
            shortcut = QShortcut(QKeySequence(f"Alt+{word[:1].upper()}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda b=button: self._choose(b))
            button.setAccessibleName(tr("{0}: {1}").format(title, word))
            button.setEnabled(editable)
            self.group.addButton(button)
            self.buttons[level] = button
            row.addWidget(button)
        keys = ", ".join(f"Alt+{word_of(lvl)[:1].upper()}" for lvl in scale)
        row.addWidget(styled_label(tr("Välj med {0} eller piltangenterna").format(keys), "muted"))
        row.addStretch(1)
        layout.addLayout(row)
        if judgement is not None and judgement in self.buttons:
            self.buttons[judgement].setChecked(True)
        # The box is a frame around a plain label: a word-wrapped label with stylesheet padding
        # gets its height wrong and would cut off "ersätter inte din bedömning".
        self.support_box = QFrame()
        self.support_box.setObjectName("SupportBox")
        self.support = WrapLabel()
        self.support.setWordWrap(True)
        self.support.setTextFormat(Qt.TextFormat.PlainText)
        support_layout = QVBoxLayout(self.support_box)
        support_layout.setContentsMargins(10, 8, 10, 8)
        support_layout.addWidget(self.support)
        self.support_box.hide()
        layout.addWidget(self.support_box)
        caption = tr("Motivering *") if motivation_required else tr("Motivering")
        layout.addWidget(styled_label(caption))
        self.motivation = text_edit(150)
        self.motivation.setPlainText(motivation)
        self.motivation.setReadOnly(not editable)
        self.motivation.setAccessibleName(tr("Motivering"))
        layout.addWidget(self.motivation, 1)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.motivation.textChanged.connect(self.changed)

    @property
    def title(self) -> str:
        return self._title

    def _choose(self, button: QRadioButton) -> None:
        if button.isEnabled():
            button.setChecked(True)
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_support(self, support: SupportCount | None) -> None:
        self.support_box.setVisible(support is not None)
        if support is not None:
            self.support.setText(support_sentence(support))

    def judgement(self) -> RiskLevel | None:
        return next((lvl for lvl, b in self.buttons.items() if b.isChecked()), None)

    def motivation_text(self) -> str:
        return self.motivation.toPlainText().strip()

    def focus_first(self) -> None:
        chosen = self.group.checkedButton() or next(iter(self.buttons.values()), None)
        if chosen is not None:
            chosen.setFocus(Qt.FocusReason.TabFocusReason)


class ActionsPage(QWidget):
    """Actions decided (with a link to the person's säkerhetsplan) and the next assessment."""

    changed = Signal()
    plan_requested = Signal()

    def __init__(
        self,
        actions: str,
        actions_required: bool,
        next_on: date,
        today: date,
        instrument: Instrument,
        judgement: RiskLevel | None,
        plan_link: bool,
        editable: bool,
    ) -> None:
        super().__init__()
        self._title = tr("Åtgärder och nästa bedömning")
        self._instrument, self._today, self._editable = instrument, today, editable
        self._level = judgement
        # A date the handläggare chose herself is hers: a new judgement no longer moves it.
        self._chosen = next_on != proposed_next_date(today, instrument, judgement)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(heading(self._title, 2))
        caption = (
            tr("Åtgärder som beslutats *") if actions_required else tr("Åtgärder som beslutats")
        )
        layout.addWidget(styled_label(caption))
        self.actions_edit = text_edit(140)
        self.actions_edit.setPlainText(actions)
        self.actions_edit.setReadOnly(not editable)
        self.actions_edit.setAccessibleName(tr("Åtgärder som beslutats"))
        layout.addWidget(self.actions_edit, 1)
        self.plan_button: QPushButton | None = None
        if plan_link:
            self.plan_button = link_button(tr("Öppna personens säkerhetsplan…"))
            self.plan_button.setToolTip(
                tr("Det som gäller skydd och kontakter skrivs i säkerhetsplanen")
            )
            self.plan_button.clicked.connect(self.plan_requested)
            layout.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addWidget(styled_label(tr("Nästa bedömning senast")))
        row = QHBoxLayout()
        self.next_on = date_edit(next_on)
        if editable:
            self.next_on.setMinimumDate(date_edit(today).date().addDays(1))
        self.next_on.setEnabled(editable)
        self.next_on.setAccessibleName(tr("Nästa bedömning senast"))
        row.addWidget(self.next_on)
        self.next_hint = styled_label("", "muted")
        row.addWidget(self.next_hint, 1)
        layout.addLayout(row)
        self._show_hint()
        self.actions_edit.textChanged.connect(self.changed)
        self.next_on.dateChanged.connect(self._date_edited)

    def follow_judgement(self, level: RiskLevel | None) -> None:
        """A new judgement: propose the instrument's interval for that level (hög sooner),
        unless the handläggare has chosen the date herself."""
        if level == self._level:
            return
        self._level = level
        if self._editable and not self._chosen:
            self.next_on.blockSignals(True)
            proposed = self.proposed()
            self.next_on.setDate(QDate(proposed.year, proposed.month, proposed.day))
            self.next_on.blockSignals(False)
            self.changed.emit()
        self._show_hint()

    def proposed(self) -> date:
        return proposed_next_date(self._today, self._instrument, self._level)

    def _date_edited(self, _value: object) -> None:
        self._chosen = self.next_date() != self.proposed()
        self._show_hint()
        self.changed.emit()

    def _show_hint(self) -> None:
        days = by_count(
            self._instrument.reassessment_days_for(self._level), tr("1 dag"), tr("{0} dagar")
        )
        if self._chosen:
            text = tr("Eget datum. Instrumentets intervall: {0}.").format(days)
        elif self._level is not None and self._instrument.reassessment_by_level:
            text = tr("Föreslaget: {0} vid {1} risk enligt instrumentet. Går att ändra.").format(
                days, self._instrument.level_label(self._level)
            )
        else:
            text = tr("Föreslaget utifrån instrumentets intervall ({0}). Går att ändra.").format(
                days
            )
        self.next_hint.setText(text)

    @property
    def title(self) -> str:
        return self._title

    def actions_text(self) -> str:
        return self.actions_edit.toPlainText().strip()

    def next_date(self) -> date:
        return date_of(self.next_on)

    def focus_first(self) -> None:
        self.actions_edit.setFocus(Qt.FocusReason.TabFocusReason)


class SignPage(QWidget):
    """The date of the assessment, what is still missing, and Signera."""

    changed = Signal()
    sign_requested = Signal()

    def __init__(self, assessed_on: date, today: date, editable: bool, signed_text: str) -> None:
        super().__init__()
        self.setStyleSheet(END_STYLE)
        self._title = tr("Granska och signera") if editable else tr("Signering")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(heading(self._title, 2))
        row = QHBoxLayout()
        row.addWidget(styled_label(tr("Bedömningen gjordes"), wrap=False))
        self.assessed_on = date_edit(assessed_on, today)
        self.assessed_on.setEnabled(editable)
        self.assessed_on.setAccessibleName(tr("Bedömningen gjordes"))
        row.addWidget(self.assessed_on)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = styled_label("")
        layout.addWidget(self.summary)
        self.missing_box = QFrame()
        self.missing_box.setObjectName("MissingBox")
        box = QVBoxLayout(self.missing_box)
        box.setContentsMargins(12, 8, 12, 8)
        self.missing_label = styled_label("")
        box.addWidget(self.missing_label)
        self.missing_box.setVisible(False)
        layout.addWidget(self.missing_box)
        self.sign_button = QPushButton(tr("Signera bedömningen…"))
        self.sign_button.setProperty("primary", True)
        self.sign_button.setAutoDefault(True)
        self.sign_button.setVisible(editable)
        self.sign_button.clicked.connect(self.sign_requested)
        layout.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignLeft)
        if signed_text:
            layout.addWidget(styled_label(signed_text))
        elif editable:
            layout.addWidget(
                styled_label(
                    tr(
                        "En signerad bedömning kan inte ändras. En anteckning skrivs i journalen "
                        "och säkerhetsplanerna i ärendet markeras för översyn."
                    ),
                    "muted",
                )
            )
        layout.addStretch(1)
        self.assessed_on.dateChanged.connect(lambda _d: self.changed.emit())

    @property
    def title(self) -> str:
        return self._title

    def assessed_date(self) -> date:
        return date_of(self.assessed_on)

    def show_summary(
        self,
        judgement_caption: str,
        judgement: RiskLevel | None,
        next_on: date,
        word_of: Callable[[RiskLevel], str] = RISK_LABELS.__getitem__,
    ) -> None:
        word = word_of(judgement) if judgement is not None else tr("inte vald")
        self.summary.setText(
            tr("{0}: {1}\nNästa bedömning senast {2}").format(
                judgement_caption, word, next_on.isoformat()
            )
        )

    def show_missing(self, missing: list[str]) -> None:
        self.missing_box.setVisible(True)
        if missing:
            self.missing_box.setObjectName("MissingBox")
            self.missing_label.setText(
                tr("Det här saknas innan bedömningen kan signeras:\n")
                + "\n".join(f"• {m}" for m in missing)
            )
        else:
            self.missing_box.setObjectName("ReadyBox")
            self.missing_label.setText(tr("Allt som krävs är ifyllt. Bedömningen kan signeras."))
        self.missing_box.style().unpolish(self.missing_box)
        self.missing_box.style().polish(self.missing_box)

    def focus_first(self) -> None:
        target = self.sign_button if self.sign_button.isVisible() else self.assessed_on
        target.setFocus(Qt.FocusReason.TabFocusReason)
