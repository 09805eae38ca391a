"""Providers (utförare): who carries out an insats. One register for the unit, not per case.

A provider's own address and phone are the provider's, not a client's, so they may be printed
on documents for it. The kinds come from resources/care/provider_kinds.json: which kinds need
an IVO permit number, and which kind is the handläggare herself ("egen insats"), for whom the
program has her write the genomförandeplan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import ContactDetails, check_contact

MAX_NAME = 200
MAX_SHORT = 200
MAX_PRICE_PER_NIGHT = 100_000  # kronor: a larger figure is a typing mistake


@dataclass(frozen=True)
class ProviderKind:
    """A kind of provider from the data file."""

    code: str
    label: str
    permit: bool  # an IVO permit number is asked for
    own: bool  # the handläggare herself ("egen insats")


@dataclass(frozen=True)
class ProviderInput:
    """A provider as typed in the register's form; checked by `check_provider`."""

    name: str
    kind: str  # a ProviderKind code
    contact: ContactDetails = field(default_factory=ContactDetails)
    contact_person: str = ""
    takes_children: bool = False
    agreement_ref: str = ""  # avtal
    quality_requirements: str = ""
    permit_number: str = ""  # IVO permit, for kinds that need one
    active: bool = True
    public: bool = False  # run by a municipality or region: notifies IVO, has no permit
    ivo_notified: bool = False  # a public provider's notification to IVO (anmäld till IVO)
    confidentiality_by_contract: bool = False  # a private provider bound by the agreement
    price_per_night: int | None = None  # kronor per dygn in the agreement (skyddat boende)


def parse_provider_kinds(data: Mapping[str, object]) -> tuple[ProviderKind, ...]:
    """The kinds in resources/care/provider_kinds.json."""
    items = data.get("kinds")
    if not isinstance(items, list) or not items:
        raise ValueError("provider_kinds.json: 'kinds' must be a non-empty list")
    kinds = tuple(
        ProviderKind(str(i["code"]), str(i["label"]), bool(i["permit"]), bool(i["own"]))
        for i in items
    )
    if len({k.code for k in kinds}) != len(kinds):
        raise ValueError("provider_kinds.json: codes must be unique")
    return kinds


def kind_of(kinds: Sequence[ProviderKind], code: str) -> ProviderKind:
    for kind in kinds:
        if kind.code == code:
            return kind
    raise InvalidInput("Välj vilken sorts utförare det är.")


def check_provider(provider: ProviderInput, kinds: Sequence[ProviderKind]) -> ProviderInput:
    """The provider cleaned, or InvalidInput naming what to correct."""
    name = provider.name.strip()
    if not name:
        raise InvalidInput("Skriv utförarens namn.")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"Namnet får vara högst {MAX_NAME} tecken.")
    kind = kind_of(kinds, provider.kind)
    permit = provider.permit_number.strip()
    if kind.permit and provider.public and not provider.ivo_notified:
        raise InvalidInput(
            f"En kommunal eller regional verksamhet ({kind.label.lower()}) ska vara anmäld "
            "till IVO. Kryssa i när den är anmäld."
        )
    if kind.permit and not provider.public and not permit:
        raise InvalidInput(
            f"En enskild verksamhet ({kind.label.lower()}) behöver tillstånd från IVO. "
            "Ange tillståndets nummer."
        )
    for value, what in (
        (provider.contact_person, "Kontaktpersonen"),
        (provider.agreement_ref, "Avtalsreferensen"),
        (permit, "Tillståndsnumret"),
    ):
        if len(value.strip()) > MAX_SHORT:
            raise InvalidInput(f"{what} får vara högst {MAX_SHORT} tecken.")
    check_text(provider.quality_requirements, "Kvalitetskraven")
    price = provider.price_per_night
    if price is not None and not 0 <= price <= MAX_PRICE_PER_NIGHT:
        raise InvalidInput(
            f"Priset per dygn ska vara mellan 0 och {MAX_PRICE_PER_NIGHT:,} kr.".replace(",", " ")
        )
    return ProviderInput(
        name=name,
        kind=kind.code,
        contact=check_contact(provider.contact),
        contact_person=provider.contact_person.strip(),
        takes_children=provider.takes_children,
        agreement_ref=provider.agreement_ref.strip(),
        quality_requirements=provider.quality_requirements.strip(),
        permit_number=permit if kind.permit and not provider.public else "",
        active=provider.active,
        public=provider.public,
        ivo_notified=provider.ivo_notified if kind.permit and provider.public else False,
        confidentiality_by_contract=(
            provider.confidentiality_by_contract if not provider.public and not kind.own else False
        ),
        price_per_night=price,
    )
