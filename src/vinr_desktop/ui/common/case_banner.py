"""The strip at the top of every dialog that writes to a case: which case, whose, and Lås.

After an unlock the case list may be in another order, and a mother's and her child's cases
look alike; a note must never go into the wrong one. So every editor and dialog that writes to
a case shows the case number and the main person — initials only when that person is
protected — and, for a child case, says so. Window titles stay generic (they reach the
taskbar and screen readers outside the program).

The dialog does not carry the case's facts itself: `CaseBanner` finds them on the way up its
parents, at the open case view (`case_heading()`), and hides itself if no view above it shows
that case. The Lås button locks from inside the modal dialog, where the main window's own
button cannot be clicked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from vinr_desktop.domain.persons import masked_name
from vinr_desktop.ui.common.layouts import FlowLayout
from vinr_desktop.ui.common.lock_request import LOCK_KEYS, request_lock
from vinr_desktop.views.cases import CaseDetails

BANNER_STYLE = """
QFrame#CaseBanner { background: #e6eef6; border: 1px solid #c3d3e4; border-radius: 4px; }
QLabel#CaseBannerNumber { font-weight: 700; color: #1f2933; }
QLabel#CaseBannerPerson { color: #1f2933; }
QLabel#CaseBannerChild {
    background: #f3d38a; color: #4a3500; font-weight: 700; font-size: 8pt;
    border-radius: 4px; padding: 1px 6px;
}
QPushButton#CaseBannerLock { padding: 2px 10px; min-height: 0px; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseBanner", text)


@dataclass(frozen=True)
class CaseHeading:
    """What the banner says about a case."""

    case_id: str
    number: str
    person: str  # the main person; initials and "(skyddad)" for a protected one
    child: bool


def case_heading(details: CaseDetails) -> CaseHeading:
    main = details.main_person
    if main is None:
        person = ""
    elif main.protected:
        person = masked_name(main.first_name, main.last_name)
    else:
        person = main.name
    return CaseHeading(details.case_id, details.number, person, details.is_child_case)


def find_heading(start: QObject | None, case_id: str) -> CaseHeading | None:
    """The heading of `case_id` from the nearest open case view above `start`."""
    node = start
    while node is not None:
        get = getattr(node, "case_heading", None)
        if callable(get):
            heading = get()
            if isinstance(heading, CaseHeading) and heading.case_id == case_id:
                return heading
        node = node.parent()
    return None


class CaseBanner(QFrame):
    """Over a dialog's form: Ärende VINR-2026-0042 · Anna Testsson [Barnärende] … [Lås]."""

    def __init__(self, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CaseBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._case_id = case_id
        self.heading: CaseHeading | None = None
        self.number_label = QLabel()
        self.number_label.setObjectName("CaseBannerNumber")
        self.person_label = QLabel()
        self.person_label.setObjectName("CaseBannerPerson")
        self.child_label = QLabel(tr("Barnärende"))
        self.child_label.setObjectName("CaseBannerChild")
        for label in (self.number_label, self.person_label, self.child_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.lock_button = QPushButton(tr("Lås"))
        self.lock_button.setObjectName("CaseBannerLock")
        self.lock_button.setAutoDefault(False)
        self.lock_button.setToolTip(
            tr("Lås programmet nu ({0}). Utkastet sparas och öppnas igen när du låser upp.").format(
                LOCK_KEYS
            )
        )
        self.lock_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = FlowLayout(self, spacing=8, line_spacing=2)  # wraps in a narrow dialog
        row.setContentsMargins(10, 4, 6, 4)
        row.add(self.number_label)
        row.add(self.person_label)
        row.add(self.child_label)
        row.add(self.lock_button, trailing=True)
        self.lock_button.clicked.connect(request_lock)
        self.refresh()

    def refresh(self) -> None:
        """Look the case up (again) from where the banner sits: its dialog and the dialog's
        parents."""
        heading = find_heading(self.parent(), self._case_id)
        self.heading = heading
        if self.parentWidget() is not None:  # never a window of its own
            self.setVisible(heading is not None)
        if heading is None:
            return
        self.number_label.setText(tr("Ärende {0}").format(heading.number))
        self.person_label.setText(f"·  {heading.person}" if heading.person else "")
        self.child_label.setVisible(heading.child)
        self.setAccessibleName(self.text())

    def text(self) -> str:
        """What it says, in one line (for tests and screen readers)."""
        parts = [self.number_label.text(), self.person_label.text().lstrip("· ")]
        if self.heading is not None and self.heading.child:
            parts.append(self.child_label.text())
        return " · ".join(p for p in parts if p)


def add_case_banner(dialog: QWidget, case_id: str) -> CaseBanner:
    """Put the banner first in `dialog`'s top-level box layout (call it after anything else
    is inserted at the top)."""
    layout = dialog.layout()
    assert isinstance(layout, QBoxLayout)
    banner = CaseBanner(case_id, dialog)
    layout.insertWidget(0, banner)
    return banner
