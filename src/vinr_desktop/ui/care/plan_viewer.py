"""A vårdplan read-only, with a version picker: signed versions stay as they were signed.

The text is built as escaped HTML (names and goals are never read as markup). "Skriv ut…" prints
the version shown; "Ny version…" (for the newest signed version, when the case is writable)
asks the tab to start the next version.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.services.care.plans import CarePlanService
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.views.care import CarePlanVersion, CarePlanView
from vinr_desktop.views.time_text import datetime_text


def tr(text: str) -> str:
    return QCoreApplication.translate("CarePlanViewer", text)


def version_text(version: CarePlanVersion) -> str:
    if version.signed_utc is None:
        return tr("Version {0} – utkast").format(version.version)
    return tr("Version {0} – signerad {1} av {2}").format(
        version.version, datetime_text(version.signed_utc), version.signed_by
    )


def plan_html(plan: CarePlanView) -> str:
    """The plan as simple, escaped HTML for the read-only view."""
    parts = [f"<h3>{escape(tr('Mål'))}</h3><ol>"]
    for goal in plan.goals:
        parts.append(
            f"<li><b>{escape(goal.text)}</b><br/>"
            f"<span style='color:#52606d'>{escape(tr('Så syns det:'))}</span> "
            f"{escape(goal.indicator)}</li>"
        )
    parts.append("</ol>")
    period = f"{plan.period_from} – {plan.period_to or tr('tills vidare')}"
    parts.append(f"<p><b>{escape(tr('Period'))}:</b> {escape(period)}</p>")
    parts.append(f"<h3>{escape(tr('Vem gör vad'))}</h3><ul>")
    for item in plan.responsibilities:
        parts.append(f"<li><b>{escape(item.role_label)}:</b> {escape(item.text)}</li>")
    parts.append("</ul>")
    for title, text in (
        (tr("Så var klienten delaktig"), plan.client_participation),
        (tr("Klientens synpunkter"), plan.client_view),
        (tr("Barnens behov"), plan.children_needs),
        (tr("Uppföljning"), f"{plan.follow_up_on} – {plan.follow_up_how}"),
    ):
        body = escape(text).replace("\n", "<br/>") or "–"
        parts.append(f"<h3>{escape(title)}</h3><p>{body}</p>")
    return "".join(parts)


class CarePlanViewer(QDialog):
    """The versions of one insats's vårdplan, read-only."""

    print_requested = Signal(str)  # plan id
    new_version_requested = Signal()

    def __init__(
        self,
        care_plans: CarePlanService,
        runner: OperationRunner,
        case_id: str,
        versions: tuple[CarePlanVersion, ...],
        *,
        may_start_new: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("Vårdplan"))
        self._plans, self._runner, self._case_id = care_plans, runner, case_id
        self._versions = tuple(v for v in versions if v.signed_utc is not None)
        self.picker = QComboBox()
        for version in self._versions:
            self.picker.addItem(version_text(version), version.plan_id)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.note = styled_label("", "muted")
        self.error = ErrorLabel()
        self.print_button = QPushButton(tr("Skriv ut…"))
        self.new_button = QPushButton(tr("Ny version…"))
        self.new_button.setToolTip(
            tr("Påbörja nästa version som en kopia av den senaste, t.ex. efter en uppföljning")
        )
        self.new_button.setVisible(may_start_new)
        self.close_button = QPushButton(tr("Stäng"))
        for button in (self.print_button, self.new_button):
            button.setAutoDefault(False)
        self.close_button.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(heading(tr("Vårdplan"), 2))
        top.addStretch(1)
        top.addWidget(styled_label(tr("Version"), wrap=False))
        top.addWidget(self.picker)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(760, min(720, screen.height() - 60) if screen else 640)
        self.picker.currentIndexChanged.connect(self._show_selected)
        self.print_button.clicked.connect(
            lambda: self.print_requested.emit(str(self.picker.currentData() or ""))
        )
        self.new_button.clicked.connect(self._new_version)
        self.close_button.clicked.connect(self.accept)
        self._show_selected()

    def _show_selected(self) -> None:
        plan_id = str(self.picker.currentData() or "")
        self.print_button.setEnabled(bool(plan_id))
        if not plan_id:
            self.text.setPlainText(tr("Ingen signerad version ännu."))
            return
        newest = self.picker.currentIndex() == 0
        self.new_button.setEnabled(newest)
        self.note.setText("" if newest else tr("En äldre version – den gäller inte längre."))
        plans, case_id = self._plans, self._case_id
        self._runner.run(
            lambda: plans.get(case_id, plan_id),
            parent=self,
            success=self._show_plan,
            failure=self.error.show_message,
        )

    def _show_plan(self, plan: CarePlanView) -> None:
        if plan.plan_id == self.picker.currentData():
            self.text.setHtml(plan_html(plan))

    def _new_version(self) -> None:
        self.new_version_requested.emit()
        self.accept()
