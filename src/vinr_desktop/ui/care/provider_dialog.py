"""Add or change a provider (utförare) of the register.

The kind decides which fields matter: an IVO permit number for the kinds that need one
(skyddat boende, HVB), and nothing to contact for "egen insats" (the handläggare herself). The
dialog checks nothing itself; the service's Swedish message is shown inline.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.persons import ContactDetails
from vinr_desktop.domain.providers import ProviderInput, ProviderKind
from vinr_desktop.services.care.providers import ProviderService
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, form_layout, primary_button, styled_label
from vinr_desktop.views.care import ProviderView


def tr(text: str) -> str:
    return QCoreApplication.translate("ProviderDialog", text)


def _line(max_length: int = 200, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


class ProviderDialog(QDialog):
    """One provider's details; Spara runs `add` or `update`."""

    saved = Signal(str)  # the provider's id

    def __init__(
        self,
        providers: ProviderService,
        runner: OperationRunner,
        kinds: tuple[ProviderKind, ...],
        provider: ProviderView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Ändra utförare") if provider else tr("Ny utförare"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        self._providers, self._runner, self._kinds = providers, runner, kinds
        self._provider = provider

        self.name = _line(200, tr("T.ex. Kvinnojouren i Exempelby"))
        self.kind = QComboBox()
        self.kind.addItem(tr("Välj typ av utförare…"), "")
        for kind in kinds:
            self.kind.addItem(kind.label, kind.code)
        self.permit = _line(200, tr("Tillståndets diarienummer hos IVO"))
        self.public = QCheckBox(tr("Kommunal eller regional verksamhet"))
        self.public.setToolTip(
            tr("En enskild verksamhet behöver tillstånd från IVO; kommunens eller regionens "
               "egen verksamhet anmäls till IVO.")
        )  # fmt: skip
        self.ivo_notified = QCheckBox(tr("Anmäld till IVO"))
        self.confidentiality = QCheckBox(tr("Tystnadsplikt enligt avtal"))
        self.confidentiality.setToolTip(
            tr("En enskild utförare är bunden av tystnadsplikt genom avtalet med kommunen.")
        )
        self.contact_person = _line()
        self.street = _line()
        self.postal_code = _line(20)
        self.city = _line(100)
        self.phone = _line(50)
        self.email = _line(200)
        self.takes_children = QCheckBox(tr("Tar emot barn som följer med"))
        self.agreement = _line(200, tr("Avtalets referens eller diarienummer"))
        self.price = _line(6, tr("Kronor per dygn enligt avtalet, t.ex. 2400"))
        self.price.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,6}")))
        self.price.setToolTip(tr("Används för kostnaden för skyddat boende i statistiken."))
        self.quality = QPlainTextEdit()
        self.quality.setTabChangesFocus(True)
        self.quality.setFixedHeight(70)
        self.quality.setPlaceholderText(
            tr("Kvalitetskrav i avtalet, t.ex. bemanning och rapportering")
        )
        self.active = QCheckBox(tr("Aktiv (kan väljas i nya beslut)"))
        self.active.setChecked(True)
        self.own_hint = styled_label(
            tr("Egen insats: du utför insatsen själv och skriver genomförandeplanen i programmet."),
            "muted",
        )
        self.error = ErrorLabel()
        self.save_button = primary_button(tr("Spara"))
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)

        self.form = form_layout()
        self.form.addRow(tr("Namn"), self.name)
        self.form.addRow(tr("Typ av utförare"), self.kind)
        self.form.addRow("", self.own_hint)
        self.form.addRow("", self.public)
        self.form.addRow(tr("IVO-tillstånd"), self.permit)
        self.form.addRow("", self.ivo_notified)
        self.form.addRow(tr("Kontaktperson"), self.contact_person)
        self.form.addRow(tr("Gatuadress"), self.street)
        place = QHBoxLayout()
        place.addWidget(self.postal_code, 1)
        place.addWidget(self.city, 3)
        self.form.addRow(tr("Postnummer och ort"), place)
        self.form.addRow(tr("Telefon"), self.phone)
        self.form.addRow(tr("E-post"), self.email)
        self.form.addRow("", self.takes_children)
        self.form.addRow(tr("Avtal"), self.agreement)
        self.form.addRow(tr("Pris per dygn (kr)"), self.price)
        self.form.addRow("", self.confidentiality)
        self.form.addRow(tr("Kvalitetskrav"), self.quality)
        self.form.addRow("", self.active)
        content = QWidget()
        content.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(600, min(660, screen.height() - 60) if screen else 600)
        if provider is not None:
            self._load(provider)
        self._kind_changed()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.public.toggled.connect(lambda _on: self._kind_changed())
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.name.setFocus()

    def _load(self, p: ProviderView) -> None:
        self.name.setText(p.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.kind)))
        self.permit.setText(p.permit_number)
        self.public.setChecked(p.public)
        self.ivo_notified.setChecked(p.ivo_notified)
        self.confidentiality.setChecked(p.confidentiality_by_contract)
        self.contact_person.setText(p.contact_person)
        self.street.setText(p.street)
        self.postal_code.setText(p.postal_code)
        self.city.setText(p.city)
        self.phone.setText(p.phone)
        self.email.setText(p.email)
        self.takes_children.setChecked(p.takes_children)
        self.agreement.setText(p.agreement_ref)
        self.price.setText("" if p.price_per_night is None else str(p.price_per_night))
        self.quality.setPlainText(p.quality_requirements)
        self.active.setChecked(p.active)

    def _kind(self) -> ProviderKind | None:
        code = self.kind.currentData()
        return next((k for k in self._kinds if k.code == code), None)

    def _kind_changed(self) -> None:
        kind = self._kind()
        permit = kind is not None and kind.permit
        public = self.public.isChecked()
        self.form.setRowVisible(self.permit, permit and not public)
        self.form.setRowVisible(self.ivo_notified, permit and public)
        self.form.setRowVisible(self.public, kind is not None and not kind.own)
        self.form.setRowVisible(
            self.confidentiality, kind is not None and not kind.own and not public
        )
        self.form.setRowVisible(self.own_hint, kind is not None and kind.own)

    def value(self) -> ProviderInput:
        """What the form holds."""
        kind = self._kind()
        return ProviderInput(
            name=self.name.text(),
            kind=kind.code if kind else "",
            contact=ContactDetails(
                street=self.street.text(),
                postal_code=self.postal_code.text(),
                city=self.city.text(),
                phone=self.phone.text(),
                email=self.email.text(),
            ),
            contact_person=self.contact_person.text(),
            takes_children=self.takes_children.isChecked(),
            agreement_ref=self.agreement.text(),
            quality_requirements=self.quality.toPlainText(),
            permit_number=self.permit.text() if kind is not None and kind.permit else "",
            active=self.active.isChecked(),
            public=self.public.isChecked(),
            ivo_notified=self.ivo_notified.isChecked(),
            confidentiality_by_contract=self.confidentiality.isChecked(),
            price_per_night=int(self.price.text()) if self.price.text().isdigit() else None,
        )

    def save(self) -> None:
        self.error.clear_message()
        providers, value, existing = self._providers, self.value(), self._provider

        def call() -> str:
            if existing is None:
                return providers.add(value)
            providers.update(existing.provider_id, value)
            return existing.provider_id

        self._runner.run(
            call,
            parent=self,
            success=self._saved,
            failure=self.error.show_message,
            busy=Busy(self.save_button, tr("Sparar…"), (self.cancel_button,)),
            changes={"providers"},
        )

    def _saved(self, provider_id: str) -> None:
        self.saved.emit(provider_id)
        self.accept()
