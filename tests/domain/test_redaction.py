"""The redaction policy and the redaction step every document passes (pure)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.redaction import (
    POLICY,
    DocumentKind,
    Field,
    IdentityMode,
    Recipient,
    Redacted,
    Redactor,
    fields_for,
    identity_text,
    recipients_for,
    secrets_of_protected,
)
from vinr_desktop.domain.scrubber import REMOVED, Scrubber, Secret, SecretKind


def test_a_provider_never_gets_addresses_the_violent_person_or_the_journal() -> None:
    outside = {Field.CLIENT_CONTACT, Field.VIOLENT_PERSON, Field.JOURNAL, Field.PERSONS}
    outside |= {Field.MARKERS, Field.DECISION_GROUNDS}
    never = {
        Recipient.PROVIDER: outside | {Field.CLIENT_ANSWERS},
        Recipient.CLIENT: outside,
    }
    for (kind, recipient), fields in POLICY.items():
        reviewed: set[Field] = set()
        if (kind, recipient) == (DocumentKind.INSIGHT_COPY, Recipient.CLIENT):
            # Partsinsyn: her own file, each item reviewed first (services/insight/).
            reviewed = {Field.JOURNAL, Field.DECISION_GROUNDS}
        assert not fields & (never.get(recipient, set()) - reviewed), (kind, recipient)
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
    secrets = [
        Secret(SecretKind.STREET, "Hemligavägen 17"),
        Secret(SecretKind.TOWN, "Gömstadby"),
        Secret(SecretKind.PHONE, "070-999 99 99"),
        Secret(SecretKind.NUMBER, "199007034563"),
        Secret(SecretKind.NAME, "Ali"),
        Secret(SecretKind.NAME, "x"),
    ]
    scrub = Scrubber(secrets)
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


@dataclasses.dataclass(frozen=True)
class _Line:
    text: str
    kind: DocumentKind  # an enum code: never scrubbed


@dataclasses.dataclass(frozen=True)
class _View:
    title: str
    lines: tuple[_Line, ...]
    note: str | None
    count: int


def test_sealing_scrubs_every_text_of_the_view_and_only_seal_makes_a_redacted() -> None:
    red = Redactor(
        DocumentKind.CARE_PLAN,
        Recipient.PROVIDER,
        Scrubber(secrets_of_protected("Hemligavägen 17", "999 99", "Gömstadby", "", "")),
    )
    view = _View(
        "Plan för Gömstadby",
        (_Line("Bor på Hemligavägen 17, 999 99", DocumentKind.CARE_PLAN),),
        None,
        3,
    )
    sealed = red.seal(view)
    assert isinstance(sealed, Redacted)
    assert (sealed.kind, sealed.recipient) == (DocumentKind.CARE_PLAN, Recipient.PROVIDER)
    assert sealed.view == _View(
        f"Plan för {REMOVED}",
        (_Line(f"Bor på {REMOVED}, {REMOVED}", DocumentKind.CARE_PLAN),),
        None,
        3,
    )
    with pytest.raises(TypeError):
        Redacted(view, DocumentKind.CARE_PLAN, Recipient.PROVIDER, object())
    with pytest.raises(InvalidInput, match="mottagaren"):
        Redactor(DocumentKind.CASE_SUMMARY, Recipient.PROVIDER, Scrubber([]))
    assert red.opt(Field.GOALS, "mål") == "mål" and red.opt(Field.JOURNAL, "text") is None


def test_every_kind_has_recipients_and_a_title() -> None:
    from vinr_desktop.domain.redaction import TITLE_KEYS
    from vinr_desktop.resources import document_texts

    for kind in DocumentKind:
        assert recipients_for(kind), kind
        assert document_texts()[TITLE_KEYS[kind]]
    assert recipients_for(DocumentKind.RISK_ASSESSMENT) == (Recipient.FILE, Recipient.MANAGER)
    assert recipients_for(DocumentKind.AUDIT_REPORT) == (Recipient.BOARD,)


def test_a_protected_postal_code_is_removed_however_it_is_typed() -> None:
    """Stored as "841 31" (the written form), typed in a note as "84131" or "841 31"."""
    scrub = Scrubber(secrets_of_protected("", "841 31", "", "", ""))
    out = scrub("Flyttade till 84131, sedan 841 31 och 841  31; 8413 och 184131 är annat.")
    assert out.count(REMOVED) == 3
    assert "8413 och 184131 är annat." in out
