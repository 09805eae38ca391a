"""The redaction policy and the scrubber for free text (pure)."""

from __future__ import annotations

from datetime import date

from vinr_desktop.domain.redaction import (
    POLICY,
    REMOVED,
    DocumentKind,
    Field,
    IdentityMode,
    Recipient,
    Scrubber,
    fields_for,
    identity_text,
    recipients_for,
)


def test_a_provider_never_gets_addresses_the_violent_person_or_the_journal() -> None:
    outside = {Field.CLIENT_CONTACT, Field.VIOLENT_PERSON, Field.JOURNAL, Field.PERSONS}
    outside |= {Field.MARKERS, Field.DECISION_GROUNDS}
    never = {
        Recipient.PROVIDER: outside | {Field.CLIENT_ANSWERS},
        Recipient.CLIENT: outside,
    }
    for (kind, recipient), fields in POLICY.items():
        assert not fields & never.get(recipient, set()), (kind, recipient)
    assert Recipient.PROVIDER not in recipients_for(DocumentKind.CASE_SUMMARY)
    assert Field.GOALS in fields_for(DocumentKind.CARE_PLAN, Recipient.PROVIDER)


def test_the_clients_identity_for_a_provider_follows_the_setting() -> None:
    full, born = "19900703-4563", date(1990, 7, 3)
    assert (
        identity_text(full, born, Recipient.PROVIDER, IdentityMode.BIRTH_DATE) == "Född 1990-07-03"
    )
    assert identity_text(full, born, Recipient.PROVIDER, IdentityMode.FULL) == full
    assert identity_text(full, born, Recipient.FILE, IdentityMode.BIRTH_DATE) == full


def test_the_scrubber_removes_secrets_however_they_are_typed() -> None:
    scrub = Scrubber(["Hemligavägen 17", "Gömstadby", "070-999 99 99", "199007034563", "Ali", "x"])
    text = (
        "Bor på hemligavägen  17 i GÖMSTADBY, ring 0709999999 eller 070 999 99 99. "
        "Pnr 900703-4563. Ali hotade. Alice och Alingsås stannar, x också."
    )
    out = scrub(text)
    for gone in ("emligav", "MSTADBY", "0709999999", "999 99", "4563", "Ali hotade"):
        assert gone not in out
    assert out.count(REMOVED) == 6
    assert "Alice och Alingsås stannar, x också." in out
    assert Scrubber([])("oförändrad") == "oförändrad"


def test_a_protected_postal_code_is_removed_however_it_is_typed() -> None:
    """Stored as "841 31" (the written form), typed in a note as "84131" or "841 31"."""
    scrub = Scrubber(["841 31"])
    out = scrub("Flyttade till 84131, sedan 841 31 och 841  31; 8413 och 184131 är annat.")
    assert out.count(REMOVED) == 3
    assert "8413 och 184131 är annat." in out
