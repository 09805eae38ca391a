"""Administration: users, the idle-lock setting and the security status. Never case content."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain import settings
from vinr_desktop.services.accounts.admin import AdminService, SecurityStatus, UserInfo
from vinr_desktop.services.accounts.profile import ProfileService
from vinr_desktop.services.statistics.service import StatisticsService
from vinr_desktop.ui.admin.care_settings import CareSettingsCard
from vinr_desktop.ui.admin.deadline_settings import DeadlineSettingsCard
from vinr_desktop.ui.admin.instrument_admin import InstrumentAdminDialog
from vinr_desktop.ui.admin.it_policy_card import ItPolicyCard
from vinr_desktop.ui.admin.legal_grounds_dialog import LegalGroundsDialog
from vinr_desktop.ui.admin.user_dialogs import AddUserDialog, OneTimePasswordDialog
from vinr_desktop.ui.admin.users_model import (
    COL_LAST_LOGIN,
    COL_NAME,
    COL_ROLES,
    COL_STATUS,
    COL_USERNAME,
    UsersModel,
)
from vinr_desktop.ui.admin.work_contact_dialog import WorkContactDialog
from vinr_desktop.ui.common.count_spin import count_spin_box
from vinr_desktop.ui.common.layouts import FlowLayout, ResponsiveRow
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, card, heading, styled_label
from vinr_desktop.ui.home_visits.screen_guard import capture_exclusion_available
from vinr_desktop.ui.statistics.facts_dialog import edit_statistics_facts
from vinr_desktop.views.time_text import datetime_text


def tr(text: str) -> str:
    return QCoreApplication.translate("AdminPage", text)


@dataclass(frozen=True)
class AdminSnapshot:
    """Everything the page shows, read in one background call."""

    users: list[UserInfo]
    status: SecurityStatus
    idle_minutes: int
    emergency_minutes: int
    audit_problems: list[str]


def load_snapshot(admin: AdminService) -> AdminSnapshot:
    return AdminSnapshot(
        admin.list_users(),
        admin.security_status(),
        admin.idle_lock_minutes(),
        admin.emergency_access_minutes(),
        admin.verify_audit_chain(),
    )


def _backend_text(backend: str) -> str:
    """'keyring.backends.SecretService.Keyring' → 'SecretService'."""
    parts = backend.split(".")
    return parts[-2] if len(parts) >= 2 else (backend or "–")


class AdminPage(QWidget):
    idle_minutes_changed = Signal(int)

    def __init__(
        self,
        admin: AdminService,
        runner: OperationRunner,
        me: CurrentUser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._admin = admin
        self._runner = runner
        self._me = me
        self.model = UsersModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.setMinimumHeight(150)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (COL_USERNAME, COL_ROLES, COL_STATUS, COL_LAST_LOGIN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.add_button = QPushButton(tr("Lägg till användare…"))
        self.one_time_button = QPushButton(tr("Nytt engångslösenord…"))
        self.deactivate_button = QPushButton(tr("Avaktivera…"))
        self.contact_button = QPushButton(tr("Kontaktuppgifter…"))
        self.user_message = styled_label("", "muted")
        self.user_error = ErrorLabel()

        self.idle_spin = count_spin_box(
            settings.IDLE_LOCK_MINUTES.minimum,
            settings.IDLE_LOCK_MINUTES.maximum,
            tr("minut"),
            tr("minuter"),
        )
        self.idle_save = QPushButton(tr("Spara"))
        self.idle_message = styled_label("", "muted")
        self.emergency_spin = count_spin_box(
            settings.EMERGENCY_ACCESS_MINUTES.minimum,
            settings.EMERGENCY_ACCESS_MINUTES.maximum,
            tr("minut"),
            tr("minuter"),
        )
        self.emergency_spin.setSingleStep(15)
        self.emergency_save = QPushButton(tr("Spara"))
        self.emergency_message = styled_label("", "muted")

        self.status_form = QFormLayout()
        self.audit_label = styled_label(tr("Granskningsloggen kontrolleras…"), "muted")
        # Shown at the top of the page when the audit chain does not verify.
        self.audit_warning = styled_label("", "warning-box")
        self.audit_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.audit_warning.hide()

        self._build()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add_user)
        self.one_time_button.clicked.connect(self.issue_one_time_password)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.contact_button.clicked.connect(self.edit_contact)
        self.idle_save.clicked.connect(self.save_idle_minutes)
        self.emergency_save.clicked.connect(self.save_emergency_minutes)
        runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.reload()

    def _build(self) -> None:
        buttons = FlowLayout()  # four buttons wrap in a narrow window instead of widening it
        for button in (
            self.add_button,
            self.one_time_button,
            self.contact_button,
            self.deactivate_button,
        ):
            button.setAutoDefault(False)
            buttons.add(button)
        users = card(heading(tr("Användare"), 2), self.table, margins=16)
        users_box = users.layout()
        assert isinstance(users_box, QVBoxLayout)
        users_box.addLayout(buttons)
        users_box.addWidget(self.user_message)
        users_box.addWidget(self.user_error)

        idle = card(heading(tr("Inställningar"), 2), margins=16)
        idle_box = idle.layout()
        assert isinstance(idle_box, QVBoxLayout)
        for title, setting, spin, save, message in (
            (
                tr("Automatisk låsning"),
                settings.IDLE_LOCK_MINUTES,
                self.idle_spin,
                self.idle_save,
                self.idle_message,
            ),
            (
                tr("Nödåtkomst"),
                settings.EMERGENCY_ACCESS_MINUTES,
                self.emergency_spin,
                self.emergency_save,
                self.emergency_message,
            ),
        ):
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(save)
            row.addStretch(1)
            idle_box.addWidget(heading(title, 3))
            idle_box.addWidget(styled_label(setting.description, "muted"))
            idle_box.addLayout(row)
            idle_box.addWidget(message)
        idle_box.addStretch(1)

        security = card(heading(tr("Säkerhetsstatus"), 2), margins=16)
        security_box = security.layout()
        assert isinstance(security_box, QVBoxLayout)
        security_box.addLayout(self.status_form)
        security_box.addWidget(self.audit_label)

        lower = ResponsiveRow(spacing=16)  # one above the other in a narrow window
        lower.add(idle, 2)
        lower.add(security, 3)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        layout.addWidget(heading(tr("Administration")))
        layout.addWidget(self.audit_warning)
        layout.addWidget(users)
        layout.addWidget(lower)
        self.it_policy_card = ItPolicyCard(self._admin.ctx.it_policy)
        layout.addWidget(self.it_policy_card)

        self.care_settings = CareSettingsCard(self._admin, self._runner)
        layout.addWidget(self.care_settings)
        self.deadline_settings = DeadlineSettingsCard(self._admin, self._runner)
        layout.addWidget(self.deadline_settings)
        layout.addWidget(self._instruments_card())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _instruments_card(self) -> QFrame:
        self.instruments_button = QPushButton(tr("Bedömningsinstrument…"))
        self.instruments_button.setAutoDefault(False)
        self.instruments_button.clicked.connect(
            lambda: InstrumentAdminDialog(self._admin.ctx, self._runner, self).open()
        )
        self.legal_button = QPushButton(tr("Lagrum…"))
        self.legal_button.setAutoDefault(False)
        self.legal_button.setToolTip(
            tr("Lagrummen programmet erbjuder, vilken lag som gäller och vad som är kontrollerat")
        )
        self.legal_button.clicked.connect(
            lambda: LegalGroundsDialog(self._admin.ctx, self._runner, self).open()
        )
        # The adult population and municipality code the statistics need (no case content).
        self.statistics_button = QPushButton(tr("Uppgifter för statistiken…"))
        self.statistics_button.setAutoDefault(False)
        self.statistics_button.clicked.connect(
            lambda: edit_statistics_facts(
                self,
                StatisticsService(self._admin.ctx),
                self._runner,
                self._admin.ctx.now().astimezone().year,
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.instruments_button)
        row.addWidget(self.legal_button)
        row.addWidget(self.statistics_button)
        row.addStretch(1)
        frame = card(
            heading(tr("Bedömningsinstrument och lagrum"), 2),
            styled_label(
                tr(
                    "Instrumenten för riskbedömning och versionerna av dem; lägg till en fil. "
                    "Lagrummen som beslut kan vila på, med datum och kontroll."
                ),
                "muted",
            ),
            margins=16,
        )
        box = frame.layout()
        assert isinstance(box, QVBoxLayout)
        box.addLayout(row)
        return frame

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        admin = self._admin
        self._runner.run(lambda: load_snapshot(admin), parent=self, success=self._show)

    def _on_changed(self, changes: frozenset[str]) -> None:
        if changes & {"users", "settings"}:
            self.reload()

    def _show(self, snapshot: AdminSnapshot) -> None:
        selected = self.selected_user()
        self.model.set_rows(snapshot.users)
        if selected is not None and (row := self.model.row_of(selected.user_id)) >= 0:
            self.table.selectRow(row)
        self.idle_spin.setValue(snapshot.idle_minutes)
        if self._admin.ctx.it_policy.idle_lock_minutes is not None:  # fixed by IT
            self.idle_spin.setEnabled(False)
            self.idle_save.setEnabled(False)
            self.idle_message.setText(tr("Fastställt av IT (policy.json)."))
        self.emergency_spin.setValue(snapshot.emergency_minutes)
        self._show_status(snapshot.status)
        self._show_audit(snapshot.audit_problems)
        self._update_buttons()

    def _show_status(self, status: SecurityStatus) -> None:
        while self.status_form.rowCount():
            self.status_form.removeRow(0)
        binding = tr("på") if status.device_binding else tr("av")
        if not status.binding_available_here:
            binding += tr(" (ingen säker nyckelring på den här datorn)")
        rows = (
            (tr("Datorbindning"), binding),
            (tr("Nyckelring"), _backend_text(status.binding_backend)),
            (tr("Senaste säkerhetskopia"), datetime_text(status.last_backup_utc, tr("aldrig"))),
            (
                tr("Nyckelhärledning"),
                tr("Argon2id, {0} MiB, {1} varv").format(
                    status.kdf_memory_mib, status.kdf_iterations
                ),
            ),
            (tr("Nyckelgeneration"), str(status.key_epoch)),
            (tr("Aktiva användare"), str(status.active_users)),
            (
                tr("Skärmdumpsskydd"),
                tr("på under hembesök (fönstret syns inte i skärmdumpar eller skärmdelning)")
                if capture_exclusion_available()
                else tr("finns inte på den här datorn (bara i Windows)"),
            ),
        )
        for name, value in rows:
            label = styled_label(value)  # wraps in a narrow window
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.status_form.addRow(name, label)

    def _show_audit(self, problems: list[str]) -> None:
        self.audit_warning.setVisible(bool(problems))
        if not problems:
            self.audit_label.setProperty("role", "ok")
            self.audit_label.setText(tr("Granskningsloggen är kontrollerad: hel och oförändrad."))
        else:
            self.audit_label.setProperty("role", "error")
            self.audit_label.setText(tr("Granskningsloggen stämmer inte – se varningen överst."))
            lines = "\n".join(f"• {problem}" for problem in problems)
            self.audit_warning.setText(
                tr(
                    "VARNING: Granskningsloggen stämmer inte. Registret kan ha ändrats utanför "
                    "programmet. Kontakta IT-stöd och ändra ingenting innan det är utrett."
                )
                + "\n\n"
                + lines
            )
        # The role changed: let the style sheet look at the label again.
        self.audit_label.style().unpolish(self.audit_label)
        self.audit_label.style().polish(self.audit_label)

    # -- users ---------------------------------------------------------------------------

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        active = user is not None and user.active
        self.one_time_button.setEnabled(active)
        self.contact_button.setEnabled(active)
        self.deactivate_button.setEnabled(
            active and user is not None and user.user_id != self._me.user_id
        )

    def _say(self, message: str) -> None:
        self.user_error.clear_message()
        self.user_message.setText(message)

    def add_user(self) -> None:
        dialog = AddUserDialog(self._admin, self._runner, self)
        dialog.added.connect(lambda name: self._say(tr("{0} är tillagd.").format(name)))
        dialog.open()

    def edit_contact(self) -> None:
        """The selected user's work phone and e-mail (printed on documents she makes)."""
        user = self.selected_user()
        if user is None:
            return
        profile, user_id = ProfileService(self._admin.ctx), user.user_id
        dialog = WorkContactDialog(
            tr("Kontaktuppgifter för {0}").format(user.full_name),
            lambda: profile.contact_of(user_id),
            lambda phone, email: profile.set_contact_of(user_id, phone, email),
            self._runner,
            self,
        )
        dialog.accepted.connect(lambda: self._say(tr("Kontaktuppgifterna är sparade.")))
        dialog.open()

    def issue_one_time_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Nytt engångslösenord"),
            tr(
                "Ge {0} ett nytt engångslösenord? Det nuvarande lösenordet slutar gälla, och "
                "{0} måste välja ett eget lösenord vid nästa inloggning."
            ).format(user.username),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Ge nytt engångslösenord"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
        box.accepted.connect(lambda: self._issue(user))
        box.open()

    def _issue(self, user: UserInfo) -> None:
        admin, user_id = self._admin, user.user_id
        self._runner.run(
            lambda: admin.issue_one_time_password(user_id),
            parent=self,
            success=lambda password: OneTimePasswordDialog(user.username, password, self).open(),
            failure=self.user_error.show_message,
            busy=Busy(self.one_time_button, tr("Skapar…")),
            changes={"users"},
        )

    def deactivate(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Avaktivera användare"),
            tr(
                "Avaktivera {0} ({1})?\n\nAnvändaren kan inte längre logga in. Hela registret "
                "krypteras om med en ny nyckel, så att inte heller en gammal kopia av "
                "nyckelfilen öppnar det med det här kontot. Det tar en stund. Ärenden och "
                "logg finns kvar."
            ).format(user.full_name, user.username),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Avaktivera"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self._deactivate(user))
        box.open()

    def _deactivate(self, user: UserInfo) -> None:
        admin, user_id = self._admin, user.user_id
        self._runner.run(
            lambda: admin.deactivate_user(user_id),
            parent=self,
            success=lambda _none: self._say(
                tr("{0} är avaktiverad och registret har fått en ny nyckel.").format(user.username)
            ),
            failure=self.user_error.show_message,
            busy=Busy(self.deactivate_button, tr("Krypterar om…"), (self.add_button,)),
            changes={"users"},
        )

    # -- settings ------------------------------------------------------------------------

    def save_emergency_minutes(self) -> None:
        minutes, admin = self.emergency_spin.value(), self._admin
        self._runner.run(
            lambda: admin.set_emergency_access_minutes(minutes),
            parent=self,
            success=lambda _none: self.emergency_message.setText(tr("Sparat.")),
            failure=self.emergency_message.setText,
            busy=Busy(self.emergency_save, tr("Sparar…")),
        )

    def save_idle_minutes(self) -> None:
        minutes, admin = self.idle_spin.value(), self._admin

        def saved(_none: object) -> None:
            self.idle_message.setText(tr("Sparat."))
            self.idle_minutes_changed.emit(minutes)

        self._runner.run(
            lambda: admin.set_idle_lock_minutes(minutes),
            parent=self,
            success=saved,
            failure=self.idle_message.setText,
            busy=Busy(self.idle_save, tr("Sparar…")),
        )
