"""The first screen when the data folder has no store: create one, or try the demo."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from vinr_desktop.ui.widgets import ErrorLabel, centered, heading, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("StartPage", text)


def _choice(title: str, text: str) -> QPushButton:
    button = QPushButton(f"{title}\n{text}")
    button.setProperty("choice", True)
    button.setAutoDefault(False)
    button.setMinimumHeight(84)
    return button


class StartPage(QWidget):
    """Two big choices; the main window does the work."""

    create_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.create_button = _choice(
            tr("Skapa nytt register"),
            tr("För din enhet: du blir administratör och väljer lösenord."),
        )
        self.demo_button = _choice(
            tr("Öppna demoregister"),
            tr("Prova programmet med påhittade uppgifter. Sparas i en egen mapp."),
        )
        self.error = ErrorLabel()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(14)
        layout.addWidget(heading(tr("Välkommen till VINR Desktop")))
        layout.addWidget(
            styled_label(
                tr(
                    "Det finns inget register på den här datorn ännu. Registret är en enda "
                    "krypterad fil som bara kan öppnas med lösenord."
                ),
                "muted",
            )
        )
        layout.addSpacing(10)
        layout.addWidget(self.create_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.error)

        outer = QVBoxLayout(self)
        outer.addWidget(centered(content, 560))

        self.create_button.clicked.connect(self.create_requested)
        self.demo_button.clicked.connect(self.demo_requested)
