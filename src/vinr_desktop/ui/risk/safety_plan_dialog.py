"""A person's säkerhetsplan: the current version and the older ones, a new version, the
"Ska ses över" banner after a new signed assessment (with "Markera som genomgången…"), and
Skriv ut / spara som PDF.

A protected person's safe places arrive hidden and are shown as "Skyddad — visa"; revealing
asks for a reason (audited by the service) and keeps the text in this dialog only.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.persons import PROTECTED_TEXT
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.domain.safety_plan import PLAN_PARTS
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.reveal_dialog import reveal_safe_places
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    heading,
    link_button,
    primary_button,
    styled_label,
)
from vinr_desktop.ui.risk.dialogs import MarkReviewedDialog, fit_to_screen
from vinr_desktop.ui.risk.safety_plan_editor import SafetyPlanEditor
from vinr_desktop.views.risk import PersonChoice, SafetyPlanSummary, SafetyPlanView

PLAN_STYLE = """
QFrame#ReviewBanner { background: #fff4d6; border: 1px solid #e0c068; border-radius: 4px; }
QLabel#ReviewText { color: #6b4e00; font-weight: 600; }
QLabel#PartText { background: #ffffff; border: 1px solid #dde3ea; border-radius: 4px;
    padding: 6px 8px; }
"""

PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate("SafetyPlanDialog", text)


class SafetyPlanDialog(QDialog):
    """The versions of one person's plan in a case."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        person_id: str,
        today: date,
        parent: QWidget | None = None,
        *,
        writable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Säkerhetsplan"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(PLAN_STYLE)
        self.setMinimumSize(640, 440)
        self._services, self._runner = services, runner
        self._case_id, self._person_id, self._today = case_id, person_id, today
        self.person: PersonChoice | None = None
        self.versions: list[SafetyPlanSummary] = []
        self.plan: SafetyPlanView | None = None
        self.editor: QDialog | None = None
        self._revealed: dict[str, str] = {}
        self._writable = writable
        self._edit_when_loaded = False

        self.title = heading(tr("Säkerhetsplan"), 2)
        self.version_list = QListWidget()
        self.version_list.setAccessibleName(tr("Versioner"))
        self.version_list.setFixedWidth(200)
        self.version_list.setWordWrap(True)
        self.version_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.version_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.version_list.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.review_banner = QFrame()
        self.review_banner.setObjectName("ReviewBanner")
        self.review_text = styled_label("")
        self.review_text.setObjectName("ReviewText")
        self.reviewed_button = QPushButton(tr("Markera som genomgången…"))
        banner = QHBoxLayout(self.review_banner)
        banner.setContentsMargins(12, 6, 8, 6)
        banner.addWidget(self.review_text, 1)
        banner.addWidget(self.reviewed_button)
        self.review_banner.hide()
        self.version_title = heading("", 3)
        self.version_meta = styled_label("", "muted")
        self.parts: dict[str, QLabel] = {}
        self.reveal_button = link_button(PROTECTED_TEXT)
        self.reveal_button.setToolTip(
            tr("Trygga platser skyddas som en adress. Att visa dem kräver ett skäl.")
        )
        self.hide_button = link_button(tr("Dölj"))
        self.hide_button.setToolTip(tr("Dölj de trygga platserna igen"))
        self.reviews_label = styled_label("", "muted")
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(4, 0, 10, 8)
        details_layout.setSpacing(6)
        details_layout.addWidget(self.version_title)
        details_layout.addWidget(self.version_meta)
        for key, label in PLAN_PARTS:
            details_layout.addSpacing(4)
            details_layout.addWidget(heading(label, 3))
            text = QLabel()
            text.setObjectName("PartText")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.parts[key] = text
            if key == "safe_places":
                details_layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
                details_layout.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignLeft)
            details_layout.addWidget(text)
        details_layout.addWidget(self.reviews_label)
        details_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(details)

        self.error = ErrorLabel()
        self.new_button = primary_button(tr("Ny version…"))
        self.new_button.setDefault(False)
        self.print_button = QPushButton(tr("Skriv ut / spara som PDF…"))
        self.close_button = QPushButton(tr("Stäng"))
        for button in (self.new_button, self.print_button, self.close_button, self.reviewed_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        body = QHBoxLayout()
        body.addWidget(self.version_list)
        right = QVBoxLayout()
        right.addWidget(self.review_banner)
        right.addWidget(scroll, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        fit_to_screen(self, 980, 700)

        self.version_list.currentItemChanged.connect(lambda *_: self._load_selected())
        self.new_button.clicked.connect(self.new_version)
        self.print_button.clicked.connect(self.print_plan)
        self.close_button.clicked.connect(self.reject)
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.reveal_button.clicked.connect(self.reveal)
        self.hide_button.clicked.connect(self.hide_revealed)
        runner.changed.connect(self._changed)
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        plans, case_id = self._services.safety_plans, self._case_id
        self._runner.run(
            lambda: (plans.persons(case_id), plans.plans(case_id)),
            parent=self,
            success=self._show_versions,
            failure=self.error.show_message,
        )

    def _changed(self, changes: object) -> None:
        if isinstance(changes, (set, frozenset)) and "risk" in changes and self.isVisible():
            self.reload()

    def _show_versions(self, result: object) -> None:
        persons, plans = cast("tuple[list[PersonChoice], list[SafetyPlanSummary]]", result)
        self.person = next((p for p in persons if p.person_id == self._person_id), None)
        name = self.person.name if self.person is not None else ""
        self.title.setText(tr("Säkerhetsplan – {0}").format(name))
        self.versions = [p for p in plans if p.person_id == self._person_id]
        self.versions.sort(key=lambda p: -p.version)
        # Stay on the version shown, unless it was the current one: then show the new current.
        keep = self.plan.plan_id if self.plan is not None and not self.plan.current else None
        self.version_list.blockSignals(True)
        self.version_list.clear()
        chosen = 0
        for row, summary in enumerate(self.versions):
            if summary.is_draft:
                text = tr("Version {0}\nditt utkast").format(summary.version)
            else:
                text = tr("Version {0}\nsignerad {1}").format(summary.version, summary.signed_on)
                if summary.current:
                    text += tr("\ngäller nu")
            item = QListWidgetItem(text)
            item.setData(PLAN_ID_ROLE, summary.plan_id)
            self.version_list.addItem(item)
            if summary.plan_id == keep or (keep is None and summary.current):
                chosen = row
        if self.versions:
            self.version_list.setCurrentRow(chosen)
        self.version_list.blockSignals(False)
        draft = next((p for p in self.versions if p.is_draft and p.own), None)
        self.new_button.setText(tr("Fortsätt utkastet…") if draft else tr("Ny version…"))
        self.new_button.setEnabled(self._writable)
        if self.versions:
            self._load_selected()
        else:
            self.plan = None
            self._show_plan(None)
        if self._edit_when_loaded:
            self._edit_when_loaded = False
            if self._writable:
                self.new_version()

    def edit_when_loaded(self) -> None:
        """Open the editor (the user's own draft version, or a new one) once the versions are
        loaded (after an unlock)."""
        self._edit_when_loaded = True

    def _load_selected(self) -> None:
        item = self.version_list.currentItem()
        if item is None:
            return
        plans, case_id, plan_id = (
            self._services.safety_plans,
            self._case_id,
            item.data(PLAN_ID_ROLE),
        )
        self._runner.run(
            lambda: plans.plan(case_id, plan_id),
            parent=self,
            success=self._show_plan,
            failure=self.error.show_message,
        )

    def _show_plan(self, view: SafetyPlanView | None) -> None:
        self.plan = view
        self.error.clear_message()
        self.print_button.setEnabled(view is not None and not view.is_draft)
        if view is None:
            self.version_title.setText(tr("Ingen säkerhetsplan ännu"))
            self.version_meta.setText(tr("Skriv den första versionen med Ny version…"))
            for text in self.parts.values():
                text.setText("")
                text.hide()
            self.reveal_button.hide()
            self.hide_button.hide()
            self.review_banner.hide()
            self.reviews_label.hide()
            return
        state = tr("utkast") if view.is_draft else tr("signerad {0}").format(view.signed_on)
        self.version_title.setText(tr("Version {0} ({1})").format(view.version, state))
        self.version_meta.setText(tr("Skriven av {0}").format(view.author))
        for key, text in self.parts.items():
            value = getattr(view, key)
            if key == "safe_places" and value is None:
                value = self._revealed.get(view.plan_id)
            hidden = key == "safe_places" and value is None
            text.setVisible(not hidden)
            text.setText(value or tr("(inget skrivet)"))
        self.reveal_button.setVisible(
            view.safe_places_hidden and view.plan_id not in self._revealed
        )
        self.hide_button.setVisible(view.safe_places_hidden and view.plan_id in self._revealed)
        open_review = next((r for r in view.reviews if r.open), None)
        self.review_banner.setVisible(open_review is not None and view.current)
        if open_review is not None:
            self.review_text.setText(
                tr(
                    "Ska ses över: en ny bedömning signerades {0}. Gå igenom planen med personen "
                    "och gör en ny version, eller markera den som genomgången."
                ).format(open_review.raised_utc[:10])
            )
        self.reviewed_button.setEnabled(view.current and self._writable)
        done = [r for r in view.reviews if not r.open and r.resolution == "reviewed"]
        self.reviews_label.setVisible(bool(done))
        self.reviews_label.setText(
            "\n".join(
                tr("Genomgången {0} av {1}: {2}").format(
                    (r.resolved_utc or "")[:10], r.resolved_by, r.comment
                )
                for r in done
            )
        )

    # -- actions ---------------------------------------------------------------------------

    def new_version(self) -> None:
        draft = next((p for p in self.versions if p.is_draft and p.own), None)
        current = next((p for p in self.versions if p.current), None)
        base_id = draft.plan_id if draft else current.plan_id if current else None
        name = self.person.name if self.person is not None else ""

        def open_editor(base: SafetyPlanView | None) -> None:
            editor = SafetyPlanEditor(
                self._services, self._runner, self._case_id, self._person_id, name, base, self
            )
            self.editor = editor
            editor.open()

        if base_id is None:
            open_editor(None)
            return
        plans, case_id = self._services.safety_plans, self._case_id
        self._runner.run(
            lambda: plans.plan(case_id, base_id),
            parent=self,
            success=open_editor,
            failure=self.error.show_message,
        )

    def mark_reviewed(self) -> None:
        if self.plan is not None:
            MarkReviewedDialog(
                self._services, self._runner, self._case_id, self.plan.plan_id, self
            ).open()

    def reveal(self) -> None:
        if self.plan is None:
            return
        plan_id = self.plan.plan_id
        dialog = reveal_safe_places(self._services, self._runner, self._case_id, plan_id, self)
        dialog.succeeded.connect(lambda text: self._revealed_places(plan_id, str(text)))
        dialog.open()

    def hide_revealed(self) -> None:
        """Hide the revealed safe places again (showing them needs a new reason)."""
        if self.plan is not None and self._revealed.pop(self.plan.plan_id, None) is not None:
            self._show_plan(self.plan)
            self.reveal_button.setFocus()

    def _revealed_places(self, plan_id: str, text: str) -> None:
        self._revealed[plan_id] = text
        if self.plan is not None and self.plan.plan_id == plan_id:
            self._show_plan(self.plan)

    def print_plan(self) -> None:
        if self.plan is not None and not self.plan.is_draft:
            self.printer = DocumentPrinter(self._services.documents, self._runner, self)
            self.printer.case_document(
                DocumentKind.SAFETY_PLAN, self._case_id, self.plan.plan_id, Recipient.FILE
            )

    def done(self, result: int) -> None:
        self._revealed.clear()  # revealed safe places live only while the dialog is open
        super().done(result)
