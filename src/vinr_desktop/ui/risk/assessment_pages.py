"""The pages of an assessment: one section of items, an external result's fields, and the
free-text pages (the victim's own estimate, protective factors).

Every answer is reachable from the keyboard: Tab goes from an item's answers to its comment and
on to the next item, the arrow keys move between the answers, and a digit (1–4) or the answer's
first letter (J, N, V, E) chooses it. The end pages (judgement, actions, signing) are in
ui/risk/assessment_end_pages.py.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.instruments import (
    NOT_ANSWERED,
    RISK_LABELS,
    ExternalField,
    FieldKind,
    Item,
    RiskLevel,
    Section,
)
from vinr_desktop.domain.risk import Answer
from vinr_desktop.ui.common.forms import text_edit
from vinr_desktop.ui.common.widgets import form_layout, heading, styled_label

LONG_OPTION = 18  # answers longer than this are stacked, one per line

PAGE_STYLE = """
QFrame#AssessmentItem { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; }
QFrame#AssessmentItem[answered="true"] { border-left: 4px solid #2f5d8a; }
QLabel#ItemText { font-weight: 600; font-size: 10.5pt; }
QLabel#KeyHint { color: #52606d; font-size: 9pt; }
QRadioButton { padding: 2px 4px; }
QRadioButton:focus { background: #dbe7f3; border-radius: 3px; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentPages", text)


def option_keys(item: Item) -> dict[str, str]:
    """Key → option code: '1'…'9' by position, and each answer's first letter when no other
    answer of the item starts with it (J, N, V, E for the usual answers)."""
    keys = {str(n): o.code for n, o in enumerate(item.options[:9], 1)}
    firsts = [o.label[:1].lower() for o in item.options]
    for option, first in zip(item.options, firsts, strict=True):
        if first.isalpha() and firsts.count(first) == 1:
            keys[first] = option.code
    return keys


def key_hint(item: Item) -> str:
    letters = [o.label[:1].upper() for o in item.options]
    unique = len(set(letters)) == len(letters) and all(c.isalpha() for c in letters)
    keys = f"1–{len(item.options)}" + (" eller " + "/".join(letters) if unique else "")
    return tr("Svara med {0}, kommentar med Tab").format(keys)


class ItemWidget(QFrame):
    """One item: its text, guidance, the answers as radio buttons and a comment."""

    changed = Signal()

    def __init__(self, number: int, item: Item, answer: Answer, editable: bool) -> None:
        super().__init__()
        self.setObjectName("AssessmentItem")
        self.item = item
        self._keys = option_keys(item)
        text = styled_label(f"{number}. {item.text}" + (" *" if item.mandatory else ""))
        text.setObjectName("ItemText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(text)
        if item.guidance:
            layout.addWidget(styled_label(item.guidance, "muted"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        stacked = any(len(o.label) > LONG_OPTION for o in item.options)
        row: QHBoxLayout | QVBoxLayout = QVBoxLayout() if stacked else QHBoxLayout()
        row.setSpacing(4 if stacked else 18)
        for n, option in enumerate(item.options, 1):
            button = QRadioButton(f"{n}  {option.label}")
            button.setAccessibleName(f"{item.text}: {option.label}")
            button.setEnabled(editable)
            button.installEventFilter(self)
            self.group.addButton(button)
            self.buttons[option.code] = button
            row.addWidget(button)
        if not stacked:
            row.addStretch(1)
        layout.addLayout(row)
        self.comment = QLineEdit(answer.comment)
        self.comment.setPlaceholderText(tr("Kommentar"))
        self.comment.setAccessibleName(tr("Kommentar till: {0}").format(item.text))
        self.comment.setMaxLength(4000)
        self.comment.setReadOnly(not editable)
        self.comment.setToolTip(key_hint(item))
        layout.addWidget(self.comment)
        chosen = self.buttons.get(answer.option) or self.buttons.get(NOT_ANSWERED)
        if chosen is not None and answer.option != NOT_ANSWERED:
            chosen.setChecked(True)
        self._mark()
        self.group.buttonToggled.connect(lambda *_: self._changed())
        self.comment.textEdited.connect(lambda _t: self.changed.emit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            code = self._keys.get(event.text().lower())
            button = self.buttons.get(code) if code else None
            if button is not None and button.isEnabled():
                button.setChecked(True)
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return False

    def _changed(self) -> None:
        self._mark()
        self.changed.emit()

    def _mark(self) -> None:
        self.setProperty("answered", self.is_answered())
        self.style().unpolish(self)
        self.style().polish(self)

    def option(self) -> str:
        return next((c for c, b in self.buttons.items() if b.isChecked()), NOT_ANSWERED)

    def answer(self) -> Answer:
        return Answer(self.option(), self.comment.text().strip())

    def is_answered(self) -> bool:
        return self.option() != NOT_ANSWERED

    def focus_first(self) -> None:
        button = self.group.checkedButton() or next(iter(self.buttons.values()))
        button.setFocus(Qt.FocusReason.TabFocusReason)


class SectionPage(QWidget):
    """One section of a checklist: its guidance and its items."""

    changed = Signal()

    def __init__(
        self, section: Section, first_number: int, answers: dict[str, Answer], editable: bool
    ) -> None:
        super().__init__()
        self.setStyleSheet(PAGE_STYLE)
        self.section = section
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(heading(section.title, 2))
        if section.guidance:
            layout.addWidget(styled_label(section.guidance, "muted"))
        if editable and section.items:
            hint = QLabel(
                tr(
                    "Svara med siffran före svaret (1, 2, 3 …) eller svarets första bokstav. "
                    "Tab går till kommentaren och vidare; Ctrl+Enter till nästa avsnitt."
                )
            )
            hint.setObjectName("KeyHint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.items: list[ItemWidget] = []
        for n, item in enumerate(section.items, first_number):
            widget = ItemWidget(n, item, answers.get(item.item_id, Answer()), editable)
            widget.changed.connect(self.changed)
            layout.addWidget(widget)
            self.items.append(widget)
        layout.addStretch(1)

    @property
    def title(self) -> str:
        return self.section.title

    def answers(self) -> dict[str, Answer]:
        return {w.item.item_id: w.answer() for w in self.items}

    def progress(self) -> tuple[int, int]:
        return sum(w.is_answered() for w in self.items), len(self.items)

    def focus_first(self) -> None:
        if self.items:
            self.items[0].focus_first()


class ExternalPage(QWidget):
    """The result of an instrument used elsewhere: its fields as a simple form."""

    changed = Signal()

    def __init__(
        self, title: str, fields: tuple[ExternalField, ...], values: dict[str, str], editable: bool
    ) -> None:
        super().__init__()
        self._title = title
        self.widgets: dict[str, QComboBox | QLineEdit | QPlainTextEdit] = {}
        form = form_layout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for spec in fields:
            value = values.get(spec.field_id, "")
            widget: QComboBox | QLineEdit | QPlainTextEdit
            if spec.kind is FieldKind.CHOICE:
                combo = QComboBox()
                combo.addItem(tr("Välj…"), "")
                for choice in spec.choices:
                    combo.addItem(choice, choice)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.setEnabled(editable)
                combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
                widget = combo
            elif spec.kind is FieldKind.LONGTEXT:
                edit = text_edit(110)
                edit.setPlainText(value)
                edit.setReadOnly(not editable)
                edit.textChanged.connect(self.changed)
                widget = edit
            else:
                line = QLineEdit(value)
                line.setReadOnly(not editable)
                if spec.kind is FieldKind.DATE:
                    line.setPlaceholderText(tr("ÅÅÅÅ-MM-DD"))
                    line.setMaxLength(10)
                line.textEdited.connect(lambda _t: self.changed.emit())
                widget = line
            widget.setAccessibleName(spec.label)
            self.widgets[spec.field_id] = widget
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            if spec.guidance:
                column.addWidget(styled_label(spec.guidance, "muted"))
            form.addRow(spec.label + (" *" if spec.mandatory else ""), cell)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 12)
        layout.addWidget(heading(title, 2))
        layout.addWidget(
            styled_label(
                tr("Skriv resultatet med egna ord. Instrumentets frågor registreras inte här."),
                "muted",
            )
        )
        layout.addLayout(form)
        layout.addStretch(1)

    @property
    def title(self) -> str:
        return self._title

    def values(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for field_id, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                found[field_id] = str(widget.currentData() or "")
            elif isinstance(widget, QPlainTextEdit):
                found[field_id] = widget.toPlainText().strip()
            else:
                found[field_id] = widget.text().strip()
        return found

    def focus_first(self) -> None:
        if self.widgets:
            next(iter(self.widgets.values())).setFocus(Qt.FocusReason.TabFocusReason)


class TextPage(QWidget):
    """A page of free text (protective factors), optionally with a level (the victim's own
    estimate, "låg / medel / hög" in her words)."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        intro: str,
        label: str,
        text: str,
        editable: bool,
        *,
        levels: tuple[RiskLevel, ...] = (),
        level: RiskLevel | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(heading(title, 2))
        layout.addWidget(styled_label(intro, "muted"))
        self.text = text_edit(140)
        self.text.setPlainText(text)
        self.text.setReadOnly(not editable)
        self.text.setAccessibleName(label)
        layout.addWidget(styled_label(label))
        layout.addWidget(self.text, 1)
        self.level_buttons: dict[RiskLevel | None, QRadioButton] = {}
        if levels:
            layout.addWidget(styled_label(tr("Om hen själv anger en nivå")))
            row = QHBoxLayout()
            group = QButtonGroup(self)
            choices: list[tuple[RiskLevel | None, str]] = [(None, tr("Ingen nivå angiven"))]
            choices += [(lvl, RISK_LABELS[lvl].capitalize()) for lvl in levels]
            for value, caption in choices:
                button = QRadioButton(caption)
                button.setEnabled(editable)
                group.addButton(button)
                self.level_buttons[value] = button
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
            self.level_buttons.get(level, self.level_buttons[None]).setChecked(True)
            group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.text.textChanged.connect(self.changed)

    @property
    def title(self) -> str:
        return self._title

    def value(self) -> str:
        return self.text.toPlainText().strip()

    def level(self) -> RiskLevel | None:
        return next((lvl for lvl, b in self.level_buttons.items() if b.isChecked()), None)

    def focus_first(self) -> None:
        self.text.setFocus(Qt.FocusReason.TabFocusReason)
