"""The first screen when the data folder has no store: create one, or try the demo."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from vinr_desktop.ui.common.widgets import ErrorLabel, centered, heading, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("StartPage", text)


class ChoiceButton(QPushButton):
    """A large button with a bold title and a wrapped explanation under it."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.setProperty("choice", True)
        self.setAutoDefault(False)
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self.title = styled_label(title, "choice-title")
        self.description = styled_label(text, "muted")
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(20, 14, 20, 14)
        self._box.setSpacing(4)
        for label in (self.title, self.description):
            label.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self._box.addWidget(label)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # Busy indicators call text()/setText(): they change the explanation line.
    def text(self) -> str:
        return self.description.text()

    def setText(self, text: str) -> None:
        self.description.setText(text)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._box.totalHeightForWidth(width)

    def sizeHint(self) -> QSize:
        return self._box.totalSizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._box.totalMinimumSize()


class StartPage(QWidget):
    """Two big choices; the main window does the work."""

    create_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.create_button = ChoiceButton(
            tr("Skapa nytt register"),
            tr("För din enhet: du blir administratör och väljer lösenord."),
        )
        self.demo_button = ChoiceButton(
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
