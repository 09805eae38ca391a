"""Writing a new version of a person's säkerhetsplan: contacts, safe places, agreed signals,
what to do when, and the children's part; saved as a draft by itself and then signed (a
`DraftSession`).

A new version starts from the current one. For a protected person the safe places stay hidden
("Skyddad — visa och ändra…"): unless they are revealed with a reason, the draft keeps them as
they were (the service is sent None, never an empty text that would wipe them).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.persons import PROTECTED_TEXT
from vinr_desktop.domain.safety_plan import PLAN_PARTS, SafetyPlanDraft
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.risk.safety_plans import SafetyPlanService
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.draft_session import Call, DraftSession
from vinr_desktop.ui.common.forms import text_edit
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.resume import EditorKind, OpenEditor
from vinr_desktop.ui.common.reveal_dialog import reveal_safe_places
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    heading,
    link_button,
    primary_button,
    styled_label,
)
from vinr_desktop.ui.risk.dialogs import fit_to_screen
from vinr_desktop.views.risk import SafetyPlanView

PART_HINTS = {
    "contacts": "Vem personen ringer: namn och nummer som ni kommit överens om.",
    "safe_places": "Platser dit personen kan ta sig i en akut situation.",
    "signals": "Kodord eller sms som betyder att hen behöver hjälp.",
    "actions_when": "Vad personen gör när våldsutövaren dyker upp, hotar eller hör av sig.",
    "children_part": "Vad barnen vet, vad de gör och vem som hämtar dem.",
}


RISK = frozenset({"risk"})


def tr(text: str) -> str:
    return QCoreApplication.translate("SafetyPlanEditor", text)


class _PlanSlot:
    """The draft's id, shared by the queued calls of one editor (set on the database thread)."""

    def __init__(self, plan_id: str | None) -> None:
        self.plan_id = plan_id

    def save(
        self, plans: SafetyPlanService, case_id: str, person_id: str, draft: SafetyPlanDraft
    ) -> str:
        self.plan_id = plans.save_draft(case_id, person_id, self.plan_id, draft)
        return self.plan_id

    def sign(
        self, plans: SafetyPlanService, case_id: str, person_id: str, draft: SafetyPlanDraft
    ) -> SafetyPlanView:
        self.save(plans, case_id, person_id, draft)
        assert self.plan_id is not None
        return plans.sign(case_id, self.plan_id, draft)


class SafetyPlanEditor(QDialog):
    """A new version (from `base`, the current version or the user's own draft)."""

    signed = Signal(str)  # the signed version's id

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        person_id: str,
        person_name: str,
        base: SafetyPlanView | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Ny version av säkerhetsplanen"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(600, 460)
        self._services, self._runner = services, runner
        self._case_id, self._person_id = case_id, person_id
        draft_id = base.plan_id if base is not None and base.is_draft else None
        self._slot = _PlanSlot(draft_id)
        self._base_id = base.plan_id if base is not None else None
        self.hidden_places = base is not None and base.safe_places_hidden
        version = (base.version + (0 if base.is_draft else 1)) if base is not None else 1

        self.edits: dict[str, QPlainTextEdit] = {}
        form = QVBoxLayout()
        form.setSpacing(4)
        for key, label in PLAN_PARTS:
            edit = text_edit(70)
            edit.setMaximumHeight(120)
            edit.setAccessibleName(label)
            edit.setPlainText(str(getattr(base, key, "") or "") if base is not None else "")
            self.edits[key] = edit
            required = key in ("contacts", "actions_when")
            form.addWidget(heading(label + (" *" if required else ""), 3))
            form.addWidget(styled_label(tr(PART_HINTS[key]), "muted"))
            if key == "safe_places" and self.hidden_places:
                self.reveal_button = link_button(PROTECTED_TEXT + tr(" och ändra…"))
                self.reveal_button.setToolTip(
                    tr("Trygga platser skyddas som en adress. Att visa dem kräver ett skäl.")
                )
                self.reveal_button.clicked.connect(self.reveal)
                self.places_note = styled_label(
                    tr("Följer med oförändrade från förra versionen om du inte ändrar dem."),
                    "muted",
                )
                form.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
                form.addWidget(self.places_note)
                edit.hide()
            form.addWidget(edit)
            form.addSpacing(6)
        form.addStretch(1)
        content = QWidget()
        content.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.status = styled_label("", "muted", wrap=False)
        self.error = ErrorLabel()
        self.sign_button = primary_button(tr("Signera version {0}…").format(version))
        self.sign_button.setToolTip(tr("Signera (Ctrl+Enter)"))
        self.sign_button.setDefault(False)
        self.sign_button.setAutoDefault(False)
        self.close_button = QPushButton(tr("Stäng"))
        self.close_button.setAutoDefault(False)
        self.close_button.setToolTip(tr("Stäng – utkastet sparas"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.addWidget(
            heading(tr("Säkerhetsplan för {0} – version {1}").format(person_name, version), 2)
        )
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.session = DraftSession(
            self,
            self._runner,
            self._save_call,
            changes=RISK,
            status=self.status,
            error=self.error,
            saved=draft_id is not None,
        )
        for edit in self.edits.values():
            edit.textChanged.connect(self.session.changed)
        self.sign_button.clicked.connect(self.ask_sign)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.ask_sign)
        fit_to_screen(self, 760, 720)
        self.edits["contacts"].setFocus()

    @property
    def plan_id(self) -> str | None:
        return self._slot.plan_id

    @property
    def confirm_box(self) -> QMessageBox | None:
        return self.session.confirm_box

    def resume_point(self) -> OpenEditor | None:
        """What to open again after an unlock: the person's plan, with this draft version."""
        person_id = self._person_id
        return self.session.resume_point(EditorKind.SAFETY_PLAN, lambda: person_id)

    def draft(self) -> SafetyPlanDraft:
        values = {key: edit.toPlainText().strip() for key, edit in self.edits.items()}
        places: str | None = values["safe_places"]
        if self.hidden_places:
            places = None  # unchanged: they were never shown here
        return SafetyPlanDraft(
            contacts=values["contacts"],
            safe_places=places,
            signals=values["signals"],
            actions_when=values["actions_when"],
            children_part=values["children_part"],
        )

    # -- the protected safe places ---------------------------------------------------------

    def reveal(self) -> None:
        plan_id = self._slot.plan_id or self._base_id
        if plan_id is None:
            return
        dialog = reveal_safe_places(self._services, self._runner, self._case_id, plan_id, self)
        dialog.succeeded.connect(lambda text: self._revealed(str(text)))
        dialog.open()

    def _revealed(self, text: str) -> None:
        edit = self.edits["safe_places"]
        edit.blockSignals(True)
        edit.setPlainText(text)
        edit.blockSignals(False)
        self.hidden_places = False
        self.reveal_button.hide()
        self.places_note.hide()
        edit.show()
        edit.setFocus()

    # -- the draft's life ------------------------------------------------------------------

    def save_now(self) -> None:
        """Save the draft now (the session does it a few seconds after the last change)."""
        self.session.save_now()

    def _save_call(self) -> Call:
        slot, plans, draft = self._slot, self._services.safety_plans, self.draft()
        case_id, person_id = self._case_id, self._person_id
        return lambda: slot.save(plans, case_id, person_id, draft)

    def ask_sign(self) -> None:
        if self.session.finished:
            return
        self.error.clear_message()
        self.session.ask(
            tr("Signera säkerhetsplanen"),
            tr("En signerad version kan inte ändras; nästa ändring blir en ny version. Signera?"),
            tr("Signera"),
            self.sign_now,
        )

    def sign_now(self) -> None:
        slot, plans, draft = self._slot, self._services.safety_plans, self.draft()
        case_id, person_id = self._case_id, self._person_id
        self.session.sign(
            lambda: slot.sign(plans, case_id, person_id, draft),
            busy=Busy(self.sign_button, tr("Signerar…"), (self.close_button,)),
            changes=frozenset({"risk", "journal"}),
            success=self._signed,
        )

    def _signed(self, view: SafetyPlanView) -> None:
        self.signed.emit(view.plan_id)
        self.accept()

    def done(self, result: int) -> None:
        """Every way out saves what is left (queued behind a running save)."""
        self.session.close()
        super().done(result)
