from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vinr_desktop.domain import passwords
from vinr_desktop.domain.errors import PasswordRejected
from vinr_desktop.resources import common_passwords

COMMON = common_passwords()


def test_a_long_uncommon_password_is_accepted_and_normalised() -> None:
    # Full-width letters are NFKC-normalised to ASCII, so any keyboard gives the same bytes.
    assert (
        passwords.check_new_password("ｔａｌｌ ｓｔｅｇ ｍｏｒｏｔ", common=COMMON)
        == "tall steg morot"
    )


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("kort", "minst 12 tecken"),
        ("x" * 129, "högst 128"),
        ("lösenord1234", "för vanligt"),
        ("Sommar2024!!", "för vanligt"),
        ("qwertyuiop123", "för vanligt"),
        ("abababababab", "för få olika tecken"),
    ],
)
def test_rejections_say_why_in_swedish(password: str, fragment: str) -> None:
    with pytest.raises(PasswordRejected) as info:
        passwords.check_new_password(password, common=COMMON)
    assert fragment in info.value.message


def test_password_built_on_the_username_is_rejected() -> None:
    with pytest.raises(PasswordRejected, match="namn"):
        passwords.check_new_password("annasvensson1", common=COMMON, username="annasvensson")


def test_boundaries() -> None:
    assert passwords.check_new_password("tre ord räcker", common=COMMON)
    assert passwords.check_new_password("k" + "ödå" * 42 + "x", common=COMMON)  # 128 chars


@given(st.text(min_size=0, max_size=11))
def test_anything_shorter_than_twelve_is_refused(text: str) -> None:
    if len(passwords.normalize(text)) < passwords.MIN_LENGTH:
        with pytest.raises(PasswordRejected):
            passwords.check_new_password(text, common=COMMON)


def test_strength_hint() -> None:
    assert passwords.strength_hint("") == ""
    assert "minst 12" in passwords.strength_hint("abc")
    assert "bättre" in passwords.strength_hint("a" * 13)
    assert "bra längd" in passwords.strength_hint("a" * 16)
