"""Password rules: length, Unicode normalisation and a list of common passwords.

No forced expiry and no composition rules: length and not-common is what protects.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from vinr_desktop.domain.errors import PasswordRejected

MIN_LENGTH = 12
RECOMMENDED_LENGTH = 15
MAX_LENGTH = 128


def normalize(password: str) -> str:
    """NFKC form, so the same password typed on another keyboard layout gives the same bytes."""
    return unicodedata.normalize("NFKC", password)


def check_new_password(
    password: str,
    *,
    common: Collection[str],
    username: str = "",
    full_name: str = "",
) -> str:
    """Return the normalised password, or raise PasswordRejected with a Swedish reason."""
    pw = normalize(password)
    if len(pw) < MIN_LENGTH:
        raise PasswordRejected(
            f"Lösenordet måste ha minst {MIN_LENGTH} tecken (vi rekommenderar {RECOMMENDED_LENGTH} "
            "eller fler, gärna flera ord)."
        )
    if len(pw) > MAX_LENGTH:
        raise PasswordRejected(f"Lösenordet får ha högst {MAX_LENGTH} tecken.")
    lowered = pw.lower()
    if lowered in common or _squashed(lowered) in common:
        raise PasswordRejected("Lösenordet är för vanligt och lätt att gissa. Välj ett annat.")
    if len(set(lowered)) <= 3:
        raise PasswordRejected("Lösenordet består av för få olika tecken. Välj ett annat.")
    for word in (username, *full_name.split()):
        word = normalize(word).lower()
        if len(word) >= 4 and word in lowered and len(lowered) - len(word) < MIN_LENGTH:
            raise PasswordRejected("Lösenordet får inte bygga på ditt namn eller användarnamn.")
    return pw


def _squashed(text: str) -> str:
    """The password without spaces and trailing digits, to catch 'sommar2024!!' and the like."""
    return text.replace(" ", "").rstrip("0123456789!?.#*").strip()


def strength_hint(password: str) -> str:
    """A short Swedish hint for the password field while the user types."""
    n = len(normalize(password))
    if n == 0:
        return ""
    if n < MIN_LENGTH:
        return f"{n} tecken – minst {MIN_LENGTH} behövs."
    if n < RECOMMENDED_LENGTH:
        return f"{n} tecken – godkänt, men {RECOMMENDED_LENGTH} eller fler är bättre."
    return f"{n} tecken – bra längd."
