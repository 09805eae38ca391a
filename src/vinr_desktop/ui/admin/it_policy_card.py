"""The administrator page's card "Fastställt av IT": the values IT's policy.json fixes.

Shows which values IT has fixed (they cannot be changed in the program), where the file was
read from, and, in a warning box, every problem found in it (the defaults are used for those).
The policy is read when the register is opened (store/it_policy_file.py); this card only
shows it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout

from vinr_desktop.domain.it_policy import ItPolicy
from vinr_desktop.ui.common.widgets import card, heading, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("ItPolicyCard", text)


class ItPolicyCard(QFrame):
    """Built once per page from the context's policy."""

    def __init__(self, policy: ItPolicy) -> None:
        super().__init__()
        frame = card(heading(tr("Fastställt av IT"), 2), margins=16)
        box = frame.layout()
        assert isinstance(box, QVBoxLayout)
        folder = str(Path(policy.source).parent) if policy.source else ""
        rows = policy.rows()
        if rows:
            intro = tr(
                "Värdena nedan kommer från IT:s inställningsfil {0} och kan inte ändras i "
                "programmet."
            ).format(policy.source)
        else:
            intro = tr(
                "IT har inte fastställt några värden (ingen giltig policy.json i {0}). "
                "Inställningarna görs här i programmet."
            ).format(folder)
        self.intro = styled_label(intro, "muted")
        box.addWidget(self.intro)
        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in rows:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[label] = shown
            self.form.addRow(label, shown)
        box.addLayout(self.form)
        self.problems = styled_label("", "warning-box")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if policy.problems:
            self.problems.setText(
                tr("Fel i IT:s inställningsfil – standardvärdena används för dessa:")
                + "\n\n"
                + "\n".join(f"• {problem}" for problem in policy.problems)
            )
        self.problems.setVisible(bool(policy.problems))
        box.addWidget(self.problems)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
