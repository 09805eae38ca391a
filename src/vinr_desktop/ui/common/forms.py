"""Form pieces every dialog shares: a date field, a text box, the hint under a reason that is
logged, and `ServiceDialog` — a form whose OK runs one service call in the background and
closes on success, showing the service's Swedish message inline when it says no.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, form_layout, primary_button


def tr(text: str) -> str:
    return QCoreApplication.translate("Forms", text)


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


def choice_combo(items: Iterable[tuple[Any, str]]) -> QComboBox:
    """A combo box of (value, label) pairs: the label shown, the value as the item's data."""
    combo = QComboBox()
    for value, label in items:
        combo.addItem(label, value)
    return combo


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
