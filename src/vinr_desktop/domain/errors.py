"""Errors a user can act on, each carrying a Swedish message ready to show.

Anything that is not a `UserError` is a bug and is reported as such, without case data.
"""

from __future__ import annotations

from vinr_desktop.domain.plurals import count_text


class UserError(Exception):
    """An error the user can understand and act on; `message` is Swedish UI text."""

    message: str = "Något gick fel."

    def __init__(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(self.message)


class WrongPassword(UserError):
    message = "Fel användarnamn eller lösenord."


class TooManyAttempts(UserError):
    """Raised while the growing delay after repeated failures has not passed."""

    def __init__(self, wait_seconds: int) -> None:
        self.wait_seconds = wait_seconds
        wait = count_text(wait_seconds, "sekund", "sekunder")
        super().__init__(f"För många misslyckade inloggningar. Vänta {wait} och försök igen.")


class StoreDamaged(UserError):
    """The database file cannot be read as a VINR store; nothing was changed."""

    def __init__(self, file_name: str, detail: str = "") -> None:
        self.file_name = file_name
        text = (
            f"Registerfilen {file_name} är skadad eller inte ett VINR-register och kan inte "
            "öppnas. Filen har inte ändrats. Återställ registret från en säkerhetskopia eller "
            "kontakta IT-stöd."
        )
        if detail:
            text = f"{text} ({detail})"
        super().__init__(text)


class StoreUnreadable(UserError):
    """The disk refused to give us the file (I/O error, permissions); nothing was changed."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        super().__init__(
            f"Registerfilen {file_name} kunde inte läsas från disken. Ingenting har ändrats. "
            "Kontrollera att disken är ansluten och fungerar, och försök igen."
        )


class HeaderMissing(UserError):
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        super().__init__(
            f"Nyckelfilen {file_name} saknas, så registret kan inte låsas upp. Ingenting har "
            "ändrats. Lägg tillbaka filen från en säkerhetskopia eller kontakta IT-stöd."
        )


class HeaderDamaged(UserError):
    def __init__(self, file_name: str, detail: str = "") -> None:
        self.file_name = file_name
        text = (
            f"Nyckelfilen {file_name} är skadad eller har ändrats utanför programmet. "
            "Ingenting har ändrats. Återställ den från en säkerhetskopia eller kontakta IT-stöd."
        )
        if detail:
            text = f"{text} ({detail})"
        super().__init__(text)


class StoreInUse(UserError):
    message = (
        "Registret är redan öppet i ett annat fönster eller av en annan användare på den här "
        "datorn. Stäng det först – det öppna registret påverkas inte."
    )


class StoreExists(UserError):
    message = "Det finns redan ett register i den mappen. Inget har skrivits över."


class NoStore(UserError):
    message = "Det finns inget register i den mappen."


class DeviceBindingMissing(UserError):
    message = (
        "Registret är bundet till en annan dator eller ett annat användarkonto och kan inte "
        "låsas upp här. Logga in på datorn där registret skapades, eller använd "
        "återställningskoden."
    )


class PasswordRejected(UserError):
    """The new password does not meet the password rules."""


class AccessDenied(UserError):
    message = "Du har inte behörighet att göra detta."


class InvalidInput(UserError):
    """Bad input in a form; the message says what to correct."""


class DiskFull(UserError):
    message = (
        "Disken är full, så ändringen kunde inte sparas. Ingenting har skrivits till hälften. "
        "Frigör utrymme och försök igen."
    )


class BackupDamaged(UserError):
    """A backup that cannot be used: damaged, incomplete, foreign or from a newer program."""

    def __init__(self, name: str, detail: str = "") -> None:
        self.name = name
        text = (
            f"Säkerhetskopian {name} är skadad, ofullständig eller inte en säkerhetskopia av ett "
            "VINR-register och kan inte användas. Ingenting har ändrats."
        )
        if detail:
            text = f"{text} ({detail})"
        super().__init__(text)


class BackupFailed(UserError):
    """Writing or restoring a backup failed; nothing half-written was left behind."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"{detail} Ingen ofullständig kopia har sparats och registret är oförändrat."
        )


class AuditLogBroken(UserError):
    """The audit chain of a register or a backup does not verify; `problems` lists why."""

    def __init__(self, message: str, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(message)
