"""Utförare: the unit's provider register as a table, with add, change and take out of use.

Kept by handläggare and enhetschef (the administrator has no part in case work). A provider
that a decision uses is never deleted, only made inactive; "Visa inaktiva" shows those too.
Keyboard: the table has focus first, Enter or Ctrl+E changes the selected provider, Ctrl+N adds.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.providers import ProviderKind
from vinr_desktop.services.care.providers import ProviderService
from vinr_desktop.ui.care.provider_dialog import ProviderDialog
from vinr_desktop.ui.common.column_fit import ColumnFit, Limits
from vinr_desktop.ui.common.dialogs import ask
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.views.care import ProviderView

COL_NAME = 0
COL_KIND = 1
COL_CHILDREN = 2
COL_AGREEMENT = 3
COL_ACTIVE = 4

PROVIDER_ROLE = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate("ProvidersPage", text)


class ProvidersModel(RowsModel[ProviderView]):
    """Rows from `ProviderService.list_providers`."""

    def __init__(self) -> None:
        super().__init__(
            (tr("Namn"), tr("Typ av utförare"), tr("Tar emot barn"), tr("Avtal"), tr("Status")),
            key=lambda provider: provider.provider_id,
        )

    def cell(self, provider: ProviderView, column: int, role: int) -> object:
        if role == PROVIDER_ROLE:
            return provider
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return provider.name
            if column == COL_KIND:
                return provider.kind_label
            if column == COL_CHILDREN:
                return tr("Ja") if provider.takes_children else tr("Nej")
            if column == COL_AGREEMENT:
                return provider.agreement_ref or "–"
            if column == COL_ACTIVE:
                return tr("Aktiv") if provider.active else tr("Inaktiv")
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_KIND and provider.permit_number:
            return tr("IVO-tillstånd: {0}").format(provider.permit_number)
        if role == Qt.ItemDataRole.ForegroundRole and not provider.active:
            return QColor("#8a96a3")
        return None


@dataclass(frozen=True)
class _Snapshot:
    providers: tuple[ProviderView, ...]
    kinds: tuple[ProviderKind, ...]


class ProvidersPage(QWidget):
    """The register page in the sidebar ("Utförare")."""

    def __init__(
        self, providers: ProviderService, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._providers, self._runner = providers, runner
        self._kinds: tuple[ProviderKind, ...] = ()
        self.dialog: ProviderDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.model = ProvidersModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)  # a second line would be cut off by the row height
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        # The name takes the room; in a narrow window the agreement, then whether the
        # provider takes children, give way (they are in the provider's dialog).
        self.columns = ColumnFit(
            self.table,
            {
                COL_KIND: Limits(),
                COL_CHILDREN: Limits(),
                COL_AGREEMENT: Limits(120, 280),
                COL_ACTIVE: Limits(),
            },
            COL_NAME,
            min_stretch=220,
            optional=(COL_AGREEMENT, COL_CHILDREN),
        )

        self.add_button = QPushButton(tr("Ny utförare…"))
        self.add_button.setToolTip(tr("Lägg till en utförare (Ctrl+N)"))
        self.edit_button = QPushButton(tr("Ändra…"))
        self.edit_button.setToolTip(tr("Ändra den valda utföraren (Enter)"))
        self.active_button = QPushButton(tr("Ta ur bruk"))
        self.show_inactive = QCheckBox(tr("Visa inaktiva"))
        for button in (self.add_button, self.edit_button, self.active_button):
            button.setAutoDefault(False)
        self.message = styled_label("", "muted")
        self.error = ErrorLabel()
        self.empty_label = styled_label(
            tr("Registret är tomt. Lägg till de utförare enheten anlitar, och \"Egen insats\" "
               "för det du gör själv."),
            "muted",
        )  # fmt: skip

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.active_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_inactive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading(tr("Utförare")))
        layout.addWidget(
            styled_label(
                tr("Enhetens register över utförare av insatser. En utförare som används i ett "
                   "beslut tas ur bruk i stället för att tas bort."),
                "muted",
            )
        )  # fmt: skip
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add_provider)
        self.edit_button.clicked.connect(self.edit_provider)
        self.active_button.clicked.connect(self.toggle_active)
        self.show_inactive.toggled.connect(lambda _on: self.reload())
        self.table.doubleClicked.connect(lambda _index: self.edit_provider())
        self.table.activated.connect(lambda _index: self.edit_provider())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for keys, slot in (("Ctrl+N", self.add_provider), ("Ctrl+E", self.edit_provider)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        runner.changed.connect(self._on_changed)
        self._update_buttons()
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        providers, inactive = self._providers, self.show_inactive.isChecked()
        self._runner.run(
            lambda: _Snapshot(
                providers.list_providers(include_inactive=inactive), providers.kinds()
            ),
            parent=self,
            success=self._show,
            failure=self.error.show_message,
        )

    def _on_changed(self, changes: object) -> None:
        if isinstance(changes, (set, frozenset)) and "providers" in changes:
            self.reload()

    def _show(self, snapshot: _Snapshot) -> None:
        selected = self.selected()
        self._kinds = snapshot.kinds
        self.model.set_rows(snapshot.providers)
        self.empty_label.setVisible(not snapshot.providers)
        row = self.model.row_of(selected.provider_id) if selected is not None else -1
        if row < 0 and snapshot.providers:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> ProviderView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        provider = self.selected()
        self.edit_button.setEnabled(provider is not None)
        self.active_button.setEnabled(provider is not None)
        self.active_button.setText(
            tr("Ta i bruk igen")
            if provider is not None and not provider.active
            else tr("Ta ur bruk")
        )

    # -- actions ---------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.error.clear_message()
        self.message.setText(text)

    def add_provider(self) -> None:
        self._open_dialog(None)

    def edit_provider(self) -> None:
        provider = self.selected()
        if provider is not None:
            self._open_dialog(provider)

    def _open_dialog(self, provider: ProviderView | None) -> None:
        if not self._kinds:
            return
        dialog = ProviderDialog(self._providers, self._runner, self._kinds, provider, self)
        name = provider.name if provider else ""
        dialog.saved.connect(
            lambda _pid: self._say(
                tr("Utföraren är sparad.") if name else tr("Utföraren är tillagd.")
            )
        )
        self.dialog = dialog
        dialog.open()

    def toggle_active(self) -> None:
        provider = self.selected()
        if provider is None:
            return
        if not provider.active:
            self._set_active(provider, True)
            return
        self.confirm_box = ask(
            self,
            tr("Ta ur bruk"),
            tr(
                "Ta {0} ur bruk? Den kan inte väljas i nya beslut. Beslut som redan gäller "
                "behåller den."
            ).format(provider.name),
            tr("Ta ur bruk"),
            lambda: self._set_active(provider, False),
            safe_default=True,
        )

    def _set_active(self, provider: ProviderView, active: bool) -> None:
        providers, provider_id = self._providers, provider.provider_id
        self._runner.run(
            lambda: providers.set_active(provider_id, active),
            parent=self,
            success=lambda _none: self._say(
                tr("Utföraren är i bruk igen.") if active else tr("Utföraren är tagen ur bruk.")
            ),
            failure=self.error.show_message,
            busy=Busy(self.active_button, tr("Sparar…")),
            changes={"providers"},
        )
