"""Qt's own texts in Swedish: standard buttons, the print dialog, the file dialog, calendars.

The session's QApplication is set up as `ui.app.main` sets it up (tests/ui/conftest.py); the
last test starts the real program to show that `main` does so too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from vinr_desktop.ui.common.translations import QT_CATALOGUES

ENGLISH = {
    "Cancel",
    "&Cancel",
    "Close",
    "Save",
    "&Yes",
    "&No",
    "Print",
    "&Print",
    "Properties",
    "&Options >>",
    "Open",
    "&Open",
    "Look in:",
    "File &name:",
    "Printer",
    "Copies",
}


def texts(widget: QWidget) -> set[str]:
    found = {w.text() for w in widget.findChildren(QPushButton)}
    found |= {w.text() for w in widget.findChildren(QLabel)}
    found |= {w.text() for w in widget.findChildren(QCheckBox)}
    found |= {w.text() for w in widget.findChildren(QRadioButton)}
    found |= {w.title() for w in widget.findChildren(QGroupBox)}
    return found


def test_standard_buttons_are_swedish(qtbot: QtBot) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
    )
    qtbot.addWidget(buttons)
    shown = {b.text().replace("&", "") for b in buttons.buttons()}
    assert shown == {"Spara", "Avbryt", "Stäng", "Ja", "Nej"}
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Fråga",
        "Fortsätta?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(box)
    assert {b.text().replace("&", "") for b in box.buttons()} == {"Ja", "Nej"}


def test_the_print_dialog_is_swedish(qtbot: QtBot) -> None:
    printer = QPrinter()  # the dialog keeps a pointer to it: it must outlive the dialog
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = texts(dialog)
    assert dialog.windowTitle() == "Skriv ut"
    assert {"Skriv &ut", "Avbryt", "E&genskaper", "Skrivare"} <= shown
    assert not shown & ENGLISH
    dialog.reject()
    dialog.deleteLater()
    QCoreApplication.processEvents()


def test_the_file_dialog_is_swedish(qtbot: QtBot) -> None:
    dialog = QFileDialog(None, "Spara som PDF")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    assert {"&Spara", "Avbryt", "Fil&namn:"} <= shown
    assert not shown & ENGLISH


def test_dates_and_numbers_follow_swedish() -> None:
    locale = QLocale()
    assert locale.language() is QLocale.Language.Swedish
    assert locale.monthName(3) == "mars"
    assert locale.dayName(QDate(2026, 3, 2).dayOfWeek()) == "måndag"
    assert locale.toString(1.5) == "1,5"


def test_the_program_starts_in_swedish(tmp_path: Path) -> None:
    """`ui.app.main` itself installs the catalogue: its first window would say Avbryt."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from PySide6.QtWidgets import QApplication\n"
        "def report(self):\n"
        "    print(QCoreApplication.translate('QPlatformTheme', 'Cancel'))\n"
        "    return 0\n"
        "QApplication.exec = report\n"
        "from vinr_desktop.ui.app import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(tmp_path / "register")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8"),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Avbryt"
    assert QT_CATALOGUES == ("qtbase",)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"


def test_a_count_in_a_spin_box_takes_the_right_number(qtbot: QtBot) -> None:
    """The idle lock's "1 minuter": the unit follows the value."""
    from vinr_desktop.ui.common.count_spin import count_spin_box

    spin = count_spin_box(1, 15, "minut", "minuter")
    qtbot.addWidget(spin)
    spin.setValue(1)
    assert spin.text() == "1 minut"
    spin.setValue(5)
    assert spin.text() == "5 minuter"
