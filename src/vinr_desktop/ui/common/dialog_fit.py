"""Dialogs tall enough for their wrapped text.

Qt gives a window the minimum size of its layout, and a layout's minimum size leaves out text
that wraps (its height depends on the width): a dialog can then be shown, or made by the user,
so short that wrapped help text is cut and the field above slides over it — the box with a
new user's one-time password did exactly that. `DialogFit` is an application-wide event filter
(the main window installs it) that gives every dialog, whenever it is shown or its layout
changes (an error line appears), the minimum height its layout needs at the dialog's narrowest
width, at most the screen's height, and makes a shorter dialog that tall.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QDialog

SCREEN_MARGIN = 60  # title bar and task bar


def fit_dialog_height(dialog: QDialog) -> None:
    """Raise the dialog's minimum height to what its wrapped text needs (never lower it)."""
    layout = dialog.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    screen = dialog.screen()
    cap = screen.availableGeometry().height() - SCREEN_MARGIN if screen is not None else 10_000
    narrowest = max(dialog.minimumWidth(), layout.totalMinimumSize().width())
    needed = min(layout.totalHeightForWidth(narrowest), cap)
    if dialog.minimumHeight() < needed:
        dialog.setMinimumHeight(needed)
    now = min(layout.totalHeightForWidth(dialog.width()), cap)
    if dialog.height() < now:
        dialog.resize(dialog.width(), now)


class DialogFit(QObject):
    """Application-wide: fits each dialog's height when it is shown or its layout changes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._installed = False

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind in (QtCore.QEvent.Type.Show, QtCore.QEvent.Type.LayoutRequest)
            and isinstance(watched, QtWidgets.QDialog)
            and not isinstance(watched, QtWidgets.QMessageBox)  # Qt sizes its own boxes
        ):
            # After the event, when the layout has taken in what changed; not at all if the
            # dialog is gone by then (the timer belongs to it).
            QTimer.singleShot(0, watched, lambda: _fit_if_shown(watched))
        return False


def _fit_if_shown(dialog: QDialog) -> None:
    if dialog.isVisible():
        fit_dialog_height(dialog)
