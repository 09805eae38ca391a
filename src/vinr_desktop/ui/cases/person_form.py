"""The person form: name, identity number, contact details, interpreter and protection level.

Used when a case is registered and when a person is added to or changed in a case. The form
only collects what is typed (a `PersonInput`); the service validates it and answers with a
Swedish message. The live hint under the number field is a pure domain call.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.identity import (
    IDENTITY_KIND_LABELS,
    IdentityKind,
    parse_identity_number,
)
from vinr_desktop.domain.persons import (
    FICTITIOUS_NOTE,
    PROTECTION_LABELS,
    ContactDetails,
    ProtectionLevel,
)
from vinr_desktop.ui.common.widgets import form_layout, styled_label
from vinr_desktop.views.cases import CasePerson, PersonInput

PROTECTED_PLACEHOLDER = "Skyddad — visa i ärendet"


def tr(text: str) -> str:
    return QCoreApplication.translate("PersonForm", text)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def identity_hint(text: str, today: date) -> tuple[str, str]:
    """(message, style role) for a personnummer or samordningsnummer as typed so far."""
    if not text.strip():
        return tr("10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN."), "muted"
    try:
        identity = parse_identity_number(text, today=today)
    except InvalidInput as exc:
        return exc.message, "error"
    born = identity.birth_date_text()
    if identity.kind is IdentityKind.SAMORDNINGSNUMMER:
        return tr("Giltigt samordningsnummer, datumdel {0}").format(born), "ok"
    return tr("Giltigt personnummer, född {0}").format(born), "ok"


def align_labels(*forms: QFormLayout) -> None:
    """Give the label columns of forms stacked under each other one width, so fields line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


class PersonForm(QWidget):
    """One person's details, typed or changed; `value()` gives what the service needs."""

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._today = today or date.today()
        self._contact_hidden = False

        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.identity_kind = QComboBox()
        for kind in (
            IdentityKind.PERSONNUMMER,
            IdentityKind.SAMORDNINGSNUMMER,
            IdentityKind.RESERVNUMMER,
            IdentityKind.NONE,
        ):
            self.identity_kind.addItem(tr(IDENTITY_KIND_LABELS[kind]), kind)
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("ÅÅÅÅMMDD-NNNN"))
        self.number.setMaxLength(20)
        self.number_hint = styled_label("", "muted")
        self.reserve_number = QLineEdit()
        self.reserve_number.setMaxLength(40)
        self.reserve_issuer = QLineEdit()
        self.reserve_issuer.setPlaceholderText(tr("t.ex. Region Västernorrland"))
        self.birth_known = QCheckBox(tr("Känt:"))
        self.birth_date = QDateEdit()
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setDisplayFormat("yyyy-MM-dd")
        self.birth_date.setMaximumDate(to_qdate(self._today))
        self.birth_date.setMinimumDate(to_qdate(years_before(self._today, 130)))
        self.birth_date.setDate(to_qdate(years_before(self._today, 30)))

        self.street = QLineEdit()
        self.postal_code = QLineEdit()
        self.postal_code.setPlaceholderText(tr("123 45"))
        self.postal_code.setMaximumWidth(90)
        self.city = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.interpreter = QCheckBox(tr("Tolk behövs"))
        self.language = QLineEdit()
        self.language.setPlaceholderText(tr("Språk"))
        self.protection = QComboBox()
        for level in ProtectionLevel:
            self.protection.addItem(tr(PROTECTION_LABELS[level]), level)
        self.protection_note = styled_label(
            tr("Adress och kontaktuppgifter döljs och visas bara efter att du angett skäl."),
            "muted",
        )

        self._build()
        self.identity_kind.currentIndexChanged.connect(self._update_identity_rows)
        self.number.textChanged.connect(self._update_hint)
        self.birth_known.toggled.connect(self.birth_date.setEnabled)
        self.interpreter.toggled.connect(self._update_language)
        self.protection.currentIndexChanged.connect(self._update_protection_note)
        self._update_identity_rows()
        self._update_hint()
        self._update_language()
        self._update_protection_note()

    def _build(self) -> None:
        self.form = form_layout()
        form = self.form
        form.addRow(tr("Förnamn"), self.first_name)
        form.addRow(tr("Efternamn"), self.last_name)
        form.addRow(tr("Person-/\nsamordningsnummer"), self.identity_kind)
        form.addRow(tr("Nummer"), self.number)
        form.addRow("", self.number_hint)
        form.addRow(tr("Reservnummer"), self.reserve_number)
        form.addRow(tr("Utfärdat av"), self.reserve_issuer)
        birth = QHBoxLayout()
        birth.setSpacing(10)
        birth.addWidget(self.birth_known)
        birth.addWidget(self.birth_date)
        birth.addStretch(1)
        self._birth_row = form.rowCount()
        form.addRow(tr("Födelsedatum"), birth)
        form.addRow(tr("Gatuadress"), self.street)
        place = QHBoxLayout()
        place.setSpacing(8)
        place.addWidget(self.postal_code)
        place.addWidget(self.city, 1)
        form.addRow(tr("Postnummer, ort"), place)
        form.addRow(tr("Telefon"), self.phone)
        form.addRow(tr("E-post"), self.email)
        interpreter = QHBoxLayout()
        interpreter.setSpacing(10)
        interpreter.addWidget(self.interpreter)
        interpreter.addWidget(self.language, 1)
        form.addRow(tr("Tolk"), interpreter)
        form.addRow(tr("Skyddade uppgifter"), self.protection)
        form.addRow("", self.protection_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

    # -- public API ----------------------------------------------------------------------

    def first_field(self) -> QWidget:
        return self.first_name

    def value(self) -> PersonInput:
        kind = self.current_kind()
        if kind in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER):
            text, issuer, birth = self.number.text(), "", None
        elif kind is IdentityKind.RESERVNUMMER:
            text, issuer = self.reserve_number.text(), self.reserve_issuer.text()
            birth = self._birth() if self.birth_known.isChecked() else None
        else:
            text, issuer, birth = "", "", self._birth()
        return PersonInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            identity_kind=kind,
            identity_text=text,
            identity_issuer=issuer,
            birth_date=birth,
            contact=ContactDetails(
                street=self.street.text(),
                postal_code=self.postal_code.text(),
                city=self.city.text(),
                phone=self.phone.text(),
                email=self.email.text(),
            ),
            interpreter_needed=self.interpreter.isChecked(),
            language=self.language.text() if self.interpreter.isChecked() else "",
            protection_level=self.current_protection(),
        )

    def set_value(self, person: CasePerson) -> None:
        """Fill the form for editing. A protected person's contact details are not in the view
        (`contact is None`): the fields stay empty and say so; left empty, they are kept."""
        self.first_name.setText(person.first_name)
        self.last_name.setText(person.last_name)
        self.identity_kind.setCurrentIndex(self.identity_kind.findData(person.identity_kind))
        self.number.clear()
        self.reserve_number.clear()
        self.reserve_issuer.clear()
        if person.identity_kind in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER):
            self.number.setText(person.identity_display)
        elif person.identity_kind is IdentityKind.RESERVNUMMER:
            self.reserve_number.setText(person.identity_value)
            self.reserve_issuer.setText(person.identity_issuer)
        birth = _parse_date(person.birth_date)
        self.birth_known.setChecked(birth is not None)
        if birth is not None:
            self.birth_date.setDate(to_qdate(birth))
        contact_fields = (self.street, self.postal_code, self.city, self.phone, self.email)
        self._contact_hidden = person.contact is None
        if person.contact is None:
            for field in contact_fields:
                field.clear()
                field.setPlaceholderText(tr(PROTECTED_PLACEHOLDER))
            self.postal_code.setPlaceholderText(tr("Skyddad"))
        else:
            contact = person.contact
            values = (contact.street, contact.postal_code, contact.city, contact.phone)
            for field, text in zip(contact_fields, (*values, contact.email), strict=True):
                field.setText(text)
        self.interpreter.setChecked(person.interpreter_needed)
        self.language.setText(person.language)
        self.protection.setCurrentIndex(self.protection.findData(person.protection_level))
        self._update_identity_rows()

    # -- helpers -------------------------------------------------------------------------

    def current_kind(self) -> IdentityKind:
        return IdentityKind(self.identity_kind.currentData())  # Qt keeps it as a plain str

    def current_protection(self) -> ProtectionLevel:
        return ProtectionLevel(self.protection.currentData())

    def contact_hidden(self) -> bool:
        """True when the form shows a protected person whose contact details were not read."""
        return self._contact_hidden

    def _birth(self) -> date:
        return from_qdate(self.birth_date.date())

    def _update_identity_rows(self) -> None:
        kind = self.current_kind()
        numbered = kind in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER)
        reserve = kind is IdentityKind.RESERVNUMMER
        for widget in (self.number, self.number_hint):
            self.form.setRowVisible(widget, numbered)
        for widget in (self.reserve_number, self.reserve_issuer):
            self.form.setRowVisible(widget, reserve)
        self.form.setRowVisible(self._birth_row, not numbered)
        # Without a number the birth date is required; with a reservnummer it is optional.
        self.birth_known.setVisible(reserve)
        if kind is IdentityKind.NONE:
            self.birth_known.setChecked(True)
        self.birth_date.setEnabled(kind is IdentityKind.NONE or self.birth_known.isChecked())

    def _update_hint(self) -> None:
        message, role = identity_hint(self.number.text(), self._today)
        self.number_hint.setText(message)
        self.number_hint.setProperty("role", role)
        style = self.number_hint.style()
        style.unpolish(self.number_hint)
        style.polish(self.number_hint)

    def _update_language(self) -> None:
        self.language.setEnabled(self.interpreter.isChecked())

    def _update_protection_note(self) -> None:
        level = self.current_protection()
        note = tr("Adress och kontaktuppgifter döljs och visas bara efter att du angett skäl.")
        if level is ProtectionLevel.FICTITIOUS_IDENTITY:
            note += " " + tr(FICTITIOUS_NOTE)
        self.protection_note.setText(note)
        self.protection_note.setVisible(level is not ProtectionLevel.NONE)


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
