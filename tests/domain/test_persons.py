"""Contact details: postal codes are stored as they are written, "NNN NN"."""

from __future__ import annotations

import pytest

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import ContactDetails, check_contact, normalise_postal_code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("84131", "841 31"), ("841 31", "841 31"), (" 841  31 ", "841 31"), ("", ""), ("  ", "")],
)
def test_postal_codes_are_stored_as_written(typed: str, stored: str) -> None:
    assert normalise_postal_code(typed) == stored
    assert check_contact(ContactDetails(postal_code=typed)).postal_code == stored


@pytest.mark.parametrize("typed", ["8413", "841311", "84A31", "841-31"])
def test_anything_but_five_digits_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput, match="fem siffror"):
        check_contact(ContactDetails(postal_code=typed))
