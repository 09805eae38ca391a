"""Small standard dialogs: a yes/cancel question, and the folder a save dialog opens in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Widgets", text)


def ask(
    parent: QWidget,
    title: str,
    text: str,
    accept_text: str,
    on_accept: Callable[[], None],
    *,
    safe_default: bool = False,
) -> QMessageBox:
    """A yes/cancel question, opened window-modal; `on_accept` runs when the user says yes.

    `safe_default` puts the default on Avbryt, for what cannot be undone (throwing a draft away,
    taking something out of use); a confirmation of signing defaults to its own button. The
    caller keeps the box (tests press its buttons).
    """
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(accept_text)
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
    box.setDefaultButton(
        QMessageBox.StandardButton.Cancel if safe_default else QMessageBox.StandardButton.Yes
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.accepted.connect(on_accept)
    box.open()
    return box


def documents_folder() -> Path:
    """Where a save dialog opens: the user's Documents folder (the home folder if there is
    none), never the program's working folder."""
    for location in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()
