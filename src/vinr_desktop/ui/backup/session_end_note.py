"""The screen shown while a session ends — *Loggar ut…* or *Programmet stängs…* — with the
automatic backup's progress when one runs. It holds nothing of the session."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from vinr_desktop.ui.backup.progress import ProgressRelay, percent
from vinr_desktop.ui.common.widgets import card, centered, heading, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("SessionEndNote", text)


class SessionEndNote(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.relay = ProgressRelay()  # no parent: see progress.py
        self.title = heading(title, 2)
        self.text = styled_label(tr("Ett ögonblick…"), "muted")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        panel = card(self.title, self.text, self.progress)
        layout = QVBoxLayout(self)
        layout.addWidget(centered(panel, 520))
        self.relay.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        self.text.setText(
            tr(
                "Registret säkerhetskopieras och kontrolleras. Vänta tills det är klart; det "
                "brukar ta några sekunder."
            )
        )
        self.progress.show()
        self.progress.setValue(percent(done, total))
