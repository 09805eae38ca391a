"""The setup wizard: shows `domain.setup_flow.SetupFlow` one step at a time.

All rules live in the flow; this widget only collects input, calls `submit_*`, shows the
flow's Swedish errors in red under the fields and runs store creation in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.access.policy import ROLE_LABELS, Role
from vinr_desktop.domain.errors import UserError
from vinr_desktop.domain.setup_flow import ROLE_CODES, SetupFlow, Step
from vinr_desktop.resources import common_passwords
from vinr_desktop.services.accounts.setup import create_from_flow, setup_flow
from vinr_desktop.services.context import AppContext
from vinr_desktop.ui.common.layouts import PageStack
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.password_fields import NewPasswordFields
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    card,
    centered,
    form_layout,
    heading,
    primary_button,
    styled_label,
)
from vinr_desktop.ui.shell.recovery_code import RecoveryCodePanel


def tr(text: str) -> str:
    return QCoreApplication.translate("SetupWizard", text)


# Steps as the user counts them (creating is a pause, not a step).
_VISIBLE = {
    Step.ORGANISATION: 1,
    Step.FIRST_USER: 2,
    Step.DEVICE_BINDING: 3,
    Step.CREATING: 3,
    Step.RECOVERY_CODE: 4,
    Step.DONE: 4,
}


class SetupWizard(QWidget):
    """Creates a new store in `ctx`'s folder."""

    finished = Signal(str)  # the first user's username, for the login screen
    cancelled = Signal()

    def __init__(
        self, ctx: AppContext, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self.flow: SetupFlow = setup_flow(ctx, common_passwords())
        self.recovery_panel: RecoveryCodePanel | None = None

        self.step_label = styled_label("", "muted")
        self.title = heading("")
        self.pages = PageStack()
        self.error = ErrorLabel(reserve_lines=2)  # the buttons stay put when it speaks
        self.back_button = QPushButton(tr("Tillbaka"))
        self.back_button.setAutoDefault(False)
        self.next_button = primary_button(tr("Nästa"))

        self._build_organisation()
        self._build_first_user()
        self._build_binding()
        self._build_creating()
        self._build_done()
        self.recovery_page = QWidget()
        QVBoxLayout(self.recovery_page).setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.recovery_page)

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        panel = card(self.step_label, self.title, self.pages, self.error)
        panel.layout().addLayout(buttons)  # type: ignore[union-attr]
        outer = QVBoxLayout(self)
        outer.addWidget(centered(panel, 640, top=60))

        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self._show_step()

    # -- pages ---------------------------------------------------------------------------

    def _build_organisation(self) -> None:
        self.municipality = QLineEdit()
        self.municipality.setPlaceholderText(tr("t.ex. Ånge kommun"))
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(tr("t.ex. Individ- och familjeomsorgen, VINR"))
        page = QWidget()
        form = form_layout()
        page.setLayout(form)
        form.setContentsMargins(0, 8, 0, 8)
        form.addRow(tr("Kommun"), self.municipality)
        form.addRow(tr("Enhet"), self.unit)
        fixed = []
        for field, value, what in (
            (self.municipality, self.flow.fixed_municipality, tr("Kommunens namn")),
            (self.unit, self.flow.fixed_unit, tr("Enhetens namn")),
        ):
            if value is not None:
                field.setText(value)
                field.setReadOnly(True)  # IT's value: shown as text, not typed over
                field.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                field.setStyleSheet("QLineEdit { background: #EDF0F4; color: #1F2933; }")
                fixed.append(what)
        if fixed:
            note = (
                tr("Namnen är fastställda av IT.")
                if len(fixed) == 2
                else tr("{0} är fastställt av IT.").format(fixed[0])
            )
            form.addRow("", styled_label(note, "muted"))
        self.org_page = page
        self.pages.addWidget(page)

    def _build_first_user(self) -> None:
        self.full_name = QLineEdit()
        self.username = QLineEdit()
        self.username.setPlaceholderText(tr("små bokstäver, t.ex. annsve"))
        self.new_password = NewPasswordFields()
        self.role_boxes: dict[str, QCheckBox] = {}
        roles = QHBoxLayout()
        for code in ROLE_CODES:
            box = QCheckBox(ROLE_LABELS[Role(code)])
            box.setChecked(code == Role.ADMIN.value)
            self.role_boxes[code] = box
            roles.addWidget(box)
        roles.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 8)
        form = form_layout()
        form.addRow(tr("För- och efternamn"), self.full_name)
        form.addRow(tr("Användarnamn"), self.username)
        self.new_password.add_to(form, tr("Lösenord"))
        form.addRow(tr("Roller"), roles)
        form.addRow(
            "",
            styled_label(
                tr(
                    "Den första användaren måste vara administratör. Arbetar du själv med "
                    "ärenden, kryssa även i Handläggare."
                ),
                "muted",
            ),
        )
        layout.addLayout(form)
        self.user_page = page
        self.pages.addWidget(page)

    def _build_binding(self) -> None:
        self.bind_box = QCheckBox(tr("Bind registret till den här datorn (rekommenderas)"))
        available = self.flow.binding_available
        required = self.flow.binding_required
        self.bind_box.setChecked(available)
        self.bind_box.setEnabled(available and not required)
        if required and not available:
            text = tr(
                "IT kräver att registret binds till datorn, men datorn har ingen godkänd "
                "nyckelring (Windows Autentiseringshanteraren, macOS Nyckelring eller Secret "
                "Service). Registret kan inte skapas här. Kontakta IT."
            )
        elif required:
            text = tr(
                "IT kräver att registret binds till den här datorn. En hemlig nyckel sparas i "
                "datorns nyckelring och behövs för att öppna registret. En kopia av "
                "registerfilen går då inte att öppna på en annan dator, ens med rätt lösenord. "
                "Återställningskoden fungerar ändå."
            )
        elif available:
            text = tr(
                "En hemlig nyckel sparas i datorns nyckelring och behövs för att öppna "
                "registret. En kopia av registerfilen går då inte att öppna på en annan dator, "
                "ens med rätt lösenord. Återställningskoden fungerar ändå."
            )
        else:
            text = tr(
                "Ingen säker nyckelring finns på den här datorn, så registret kan inte bindas "
                "till den. Registret skyddas då av lösenorden och krypteringen. Det står i "
                "säkerhetsstatus."
            )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(self.bind_box)
        layout.addWidget(styled_label(text, "muted"))
        layout.addStretch(1)
        self.binding_page = page
        self.pages.addWidget(page)

    def _build_creating(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(
            styled_label(tr("Registret skapas och krypteras. Det tar några sekunder."))
        )
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self.creating_page = page
        self.pages.addWidget(page)

    def _build_done(self) -> None:
        self.done_text = styled_label("")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        self.done_page = page
        self.pages.addWidget(page)

    # -- navigation ----------------------------------------------------------------------

    def _show_step(self) -> None:
        step = self.flow.step
        titles = {
            Step.ORGANISATION: tr("Kommun och enhet"),
            Step.FIRST_USER: tr("Första användaren"),
            Step.DEVICE_BINDING: tr("Datorbindning"),
            Step.CREATING: tr("Registret skapas"),
            Step.RECOVERY_CODE: tr("Återställningskod"),
            Step.DONE: tr("Klart"),
        }
        pages = {
            Step.ORGANISATION: self.org_page,
            Step.FIRST_USER: self.user_page,
            Step.DEVICE_BINDING: self.binding_page,
            Step.CREATING: self.creating_page,
            Step.RECOVERY_CODE: self.recovery_page,
            Step.DONE: self.done_page,
        }
        self.title.setText(titles[step])
        self.step_label.setText(tr("Nytt register – steg {0} av 4").format(_VISIBLE[step]))
        self.pages.setCurrentWidget(pages[step])
        self.error.clear_message()
        self.back_button.setText(tr("Avbryt") if step is Step.ORGANISATION else tr("Tillbaka"))
        self.back_button.setVisible(
            step in (Step.ORGANISATION, Step.FIRST_USER, Step.DEVICE_BINDING)
        )
        self.next_button.setEnabled(step is not Step.CREATING)
        self.next_button.setText(
            {
                Step.DEVICE_BINDING: tr("Skapa registret"),
                Step.CREATING: tr("Skapar…"),
                Step.RECOVERY_CODE: tr("Fortsätt"),
                Step.DONE: tr("Till inloggningen"),
            }.get(step, tr("Nästa"))
        )
        focus = {Step.ORGANISATION: self.municipality, Step.FIRST_USER: self.full_name}
        if step in focus:
            focus[step].setFocus()

    def go_back(self) -> None:
        if self.flow.step is Step.ORGANISATION:
            self.cancelled.emit()
            return
        self.flow.back()
        self._show_step()

    def go_next(self) -> None:
        step = self.flow.step
        try:
            if step is Step.ORGANISATION:
                self.flow.submit_organisation(self.municipality.text(), self.unit.text())
            elif step is Step.FIRST_USER:
                password, repeat = self.new_password.values()
                roles = [code for code, box in self.role_boxes.items() if box.isChecked()]
                self.flow.submit_first_user(
                    self.full_name.text(), self.username.text(), password, repeat, roles
                )
            elif step is Step.DEVICE_BINDING:
                self.flow.submit_device_binding(self.bind_box.isChecked())
            elif step is Step.RECOVERY_CODE:
                panel = self.recovery_panel
                if panel is None or not panel.require_confirmed():
                    return
                self.flow.confirm_recovery_code_saved(True)
                self._forget_code()
            elif step is Step.DONE:
                self.finished.emit(self.flow.data.username)
                return
        except UserError as exc:
            self.error.show_message(exc.message)
            return
        self._show_step()
        if self.flow.step is Step.CREATING:
            self._create()

    def _create(self) -> None:
        ctx, flow = self._ctx, self.flow
        self._runner.run(
            lambda: create_from_flow(ctx, flow),
            parent=self,
            success=self._created,
            failure=self._creation_failed,
        )

    def _created(self, code: str) -> None:
        self.new_password.clear()
        data = self.flow.data
        self.recovery_panel = RecoveryCodePanel(code, f"{data.municipality}, {data.unit}")
        self.recovery_page.layout().addWidget(self.recovery_panel)  # type: ignore[union-attr]
        self.recovery_panel.confirmed_changed.connect(lambda _c: self.error.clear_message())
        self.done_text.setText(
            tr(
                "Registret är skapat. Logga in med användarnamnet {0} och lösenordet du valde. "
                "Lägg sedan till dina kollegor under Administration."
            ).format(data.username)
        )
        self._show_step()

    def _creation_failed(self, message: str) -> None:
        self.flow.step = Step.DEVICE_BINDING
        self._show_step()
        self.error.show_message(message)

    def _forget_code(self) -> None:
        """The code has been confirmed: take it out of every widget."""
        if self.recovery_panel is not None:
            self.recovery_panel.hide()
            self.recovery_panel.deleteLater()
            self.recovery_panel = None
