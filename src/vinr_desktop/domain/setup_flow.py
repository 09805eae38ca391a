"""The setup wizard as a plain state machine (no Qt): steps, their data and validation.

The UI shows one step at a time and calls `submit_*`; each either records the data and moves
on or raises InvalidInput/PasswordRejected with a Swedish message. Creating the store itself is
done by the service once `ready_to_create` is true.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from enum import Enum

from vinr_desktop.domain import accounts, passwords
from vinr_desktop.domain.errors import InvalidInput

ROLE_CODES = ("caseworker", "manager", "admin")


class Step(Enum):
    ORGANISATION = 1
    FIRST_USER = 2
    DEVICE_BINDING = 3
    CREATING = 4
    RECOVERY_CODE = 5
    DONE = 6


BINDING_REQUIRED_UNAVAILABLE = (
    "IT kräver att registret binds till datorn, men datorn har ingen godkänd nyckelring "
    "(Windows Autentiseringshanteraren, macOS Nyckelring eller Secret Service). Registret kan "
    "inte skapas här. Kontakta IT."
)


@dataclass
class SetupData:
    municipality: str = ""
    unit: str = ""
    full_name: str = ""
    username: str = ""
    password: str = ""
    roles: tuple[str, ...] = ()
    bind_device: bool = False


@dataclass
class SetupFlow:
    common_passwords: Collection[str]
    binding_available: bool
    # What IT's policy.json fixes (domain/it_policy.py): the names, and device binding.
    fixed_municipality: str | None = None
    fixed_unit: str | None = None
    binding_required: bool = False
    step: Step = Step.ORGANISATION
    data: SetupData = field(default_factory=SetupData)
    recovery_code: str = ""

    def submit_organisation(self, municipality: str, unit: str) -> None:
        municipality = " ".join(municipality.split())
        unit = " ".join(unit.split())
        if len(municipality) < 2:
            raise InvalidInput("Skriv kommunens namn.")
        if len(unit) < 2:
            raise InvalidInput("Skriv enhetens namn.")
        for fixed, value, what in (
            (self.fixed_municipality, municipality, "Kommunens"),
            (self.fixed_unit, unit, "Enhetens"),
        ):
            if fixed is not None and value != fixed:
                raise InvalidInput(f"{what} namn är fastställt av IT: {fixed}.")
        self.data.municipality, self.data.unit = municipality, unit
        self.step = Step.FIRST_USER

    def submit_first_user(
        self, full_name: str, username: str, password: str, repeat: str, roles: Collection[str]
    ) -> None:
        name = accounts.normalize_full_name(full_name)
        user = accounts.normalize_username(username)
        chosen = tuple(r for r in ROLE_CODES if r in roles)
        if not chosen:
            raise InvalidInput("Välj minst en roll.")
        if "admin" not in chosen:
            raise InvalidInput(
                "Den första användaren måste vara administratör, annars kan ingen lägga till "
                "fler användare."
            )
        if passwords.normalize(password) != passwords.normalize(repeat):
            raise InvalidInput("Lösenorden är inte likadana.")
        pw = passwords.check_new_password(
            password, common=self.common_passwords, username=user, full_name=name
        )
        self.data.full_name, self.data.username, self.data.password = name, user, pw
        self.data.roles = chosen
        self.step = Step.DEVICE_BINDING

    def submit_device_binding(self, bind: bool) -> None:
        if self.binding_required and not self.binding_available:
            raise InvalidInput(BINDING_REQUIRED_UNAVAILABLE)
        self.data.bind_device = (bind or self.binding_required) and self.binding_available
        self.step = Step.CREATING

    @property
    def ready_to_create(self) -> bool:
        return self.step is Step.CREATING

    def created(self, recovery_code: str) -> None:
        """The store exists; forget the password and show the recovery code once."""
        self.recovery_code = recovery_code
        self.data.password = ""
        self.step = Step.RECOVERY_CODE

    def confirm_recovery_code_saved(self, confirmed: bool) -> None:
        if not confirmed:
            raise InvalidInput(
                "Bekräfta att du har skrivit ner eller skrivit ut återställningskoden. Den visas "
                "bara en gång."
            )
        self.recovery_code = ""
        self.step = Step.DONE

    def back(self) -> None:
        if self.step in (Step.FIRST_USER, Step.DEVICE_BINDING):
            self.step = Step(self.step.value - 1)
