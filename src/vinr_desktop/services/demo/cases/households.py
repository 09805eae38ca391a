"""Households and the cases about them: fictional persons with valid personnummer drawn at
random, their family links, the main person of each case and its markers."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from vinr_desktop.domain.cases import (
    ClosingReason,
)
from vinr_desktop.domain.identity import IdentityKind, luhn_check_digit
from vinr_desktop.domain.persons import PersonRole, ProtectionLevel
from vinr_desktop.services.demo.cases.vocabulary import (
    CHILDREN,
    CITY,
    LANGUAGES,
    MEN,
    STREET,
    SURNAMES,
    VIOLENCE_WEIGHTS,
    VULNERABILITY_WEIGHTS,
    WOMEN,
)
from vinr_desktop.store.vault import new_id

# -- generation ---------------------------------------------------------------------------


@dataclass
class Person:
    id: str
    first_name: str
    last_name: str
    birth: date
    identity_kind: IdentityKind
    identity_value: str
    protection: ProtectionLevel = ProtectionLevel.NONE
    interpreter: bool = False
    language: str = ""
    street_no: int = 1
    sex: str = "unknown"  # kön as the handläggare recorded it (facts.py), never from the number

    def row(self, now: str) -> dict[str, Any]:
        slug = f"{self.first_name}.{self.last_name}".lower().replace("å", "a").replace("ä", "a")
        slug = slug.replace("ö", "o").replace("-", "")
        return {
            "id": self.id,
            "identity_kind": self.identity_kind.value,
            "identity_value": self.identity_value,
            "identity_issuer": "",
            "birth_date": self.birth.isoformat(),
            "first_name": self.first_name,
            "last_name": self.last_name,
            "street": f"{STREET} {self.street_no}",
            "postal_code": f"000 {self.street_no % 100:02d}",
            "city": CITY,
            "phone": f"070-174 06 {5 + self.street_no % 95:02d}",
            "email": f"{slug}@demo.invalid" if self.birth.year < 2010 else "",
            "interpreter_needed": self.interpreter,
            "language": self.language,
            "protection_level": self.protection.value,
            "sex": self.sex,
            "created_utc": now,
            "updated_utc": now,
        }


class Generator:
    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        reasons: Sequence[ClosingReason],
        detail_rng: random.Random,
    ) -> None:
        self.rng = rng
        # Its own stream, so the details leave everything else as the seed always made it.
        self.detail_rng = detail_rng
        self.now = now.astimezone(UTC)
        self.today = now.astimezone().date()
        self.reasons = tuple(reasons)
        self.numbers: set[str] = set()
        self.persons: list[Person] = []
        self.relations: list[dict[str, str]] = []
        self._street = 0

    def new_id(self) -> str:
        return new_id()

    def identity(self, born: date, kind: IdentityKind) -> str:
        """A unique, valid 12-digit personnummer or samordningsnummer (day + 60)."""
        day = born.day + (60 if kind is IdentityKind.SAMORDNINGSNUMMER else 0)
        while True:
            # Serial 000 is never issued; mapping it keeps the generator's sequence unchanged.
            serial = self.rng.randrange(0, 1000) or 1
            nine = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial:03d}"
            value = f"{born.year:04d}{nine[2:]}{luhn_check_digit(nine)}"
            if value not in self.numbers:
                self.numbers.add(value)
                return value

    def person(
        self, first_names: Sequence[str], last_name: str, born: date, street_no: int
    ) -> Person:
        rng = self.rng
        kind = IdentityKind.PERSONNUMMER
        if rng.random() < 0.06:
            kind = IdentityKind.SAMORDNINGSNUMMER
        interpreter = rng.random() < 0.12
        person = Person(
            id=self.new_id(),
            first_name=rng.choice(first_names),
            last_name=last_name,
            birth=born,
            identity_kind=kind,
            identity_value=self.identity(born, kind),
            interpreter=interpreter,
            language=rng.choice(LANGUAGES) if interpreter else "",
            street_no=street_no,
        )
        self.persons.append(person)
        return person

    def birth(self, min_age: int, max_age: int) -> date:
        days = self.rng.randrange(min_age * 365 + 1, max_age * 365 + 300)
        return self.today - timedelta(days=days)

    def stamp(self, day: date) -> str:
        """A moment in office hours (UTC) on `day`, never after now."""
        rng = self.rng
        moment = datetime.combine(
            day, time(rng.randrange(8, 17), rng.randrange(60), rng.randrange(60)), UTC
        )
        return min(moment, self.now).isoformat(timespec="seconds")

    def street_no(self) -> int:
        self._street += 1
        return self._street


@dataclass
class Family:
    victim: Person
    perpetrator: Person | None
    children: list[Person]


@dataclass
class CasePlan:
    main: Person
    links: list[tuple[Person, PersonRole]]
    child_case: bool
    markers: list[str]
    family: Family


def weighted(rng: random.Random, weights: Sequence[tuple[Any, int]]) -> Any:
    total = sum(w for _v, w in weights)
    pick = rng.uniform(0, total)
    for value, weight in weights:
        pick -= weight
        if pick <= 0:
            return value
    return weights[-1][0]


def _pick_markers(
    rng: random.Random, *, child: bool, victim_main: bool, relation: str
) -> list[str]:
    violence: list[str] = []
    while not violence or (len(violence) < 4 and rng.random() < 0.45):
        code = weighted(rng, VIOLENCE_WEIGHTS)
        if code not in violence:
            violence.append(code)
    if child:
        target = ["target_child_witness"] + (["target_child_victim"] if rng.random() < 0.3 else [])
        if "violence_physical" in violence and rng.random() < 0.5:
            violence.append("violence_child_witness")
    else:
        target = ["target_adult_victim" if victim_main else "target_perpetrator"]
    vulnerability: list[str] = []
    while rng.random() < 0.35 and len(vulnerability) < 2:
        code = weighted(rng, VULNERABILITY_WEIGHTS)
        if code not in vulnerability:
            vulnerability.append(code)
    return list(dict.fromkeys([*violence, *target, relation, *vulnerability]))


def families(gen: Generator, cases: int) -> list[CasePlan]:
    """Households and the cases about them, until there are `cases` cases."""
    rng = gen.rng
    plans: list[CasePlan] = []
    levels = [
        ProtectionLevel.PROTECTED_REGISTRATION,
        ProtectionLevel.CONFIDENTIALITY_MARK,
        ProtectionLevel.FICTITIOUS_IDENTITY,
    ]
    while len(plans) < cases:
        street = gen.street_no()
        surname = rng.choice(SURNAMES)
        victim = gen.person(
            WOMEN if rng.random() < 0.85 else MEN, surname, gen.birth(19, 70), street
        )
        perpetrator = None
        if rng.random() < 0.8:
            other = rng.choice(SURNAMES) if rng.random() < 0.5 else surname
            names = MEN if victim.first_name in WOMEN else WOMEN
            perpetrator = gen.person(names, other, gen.birth(20, 70), gen.street_no())
        children: list[Person] = []
        age = (gen.today - victim.birth).days // 365
        if 22 <= age <= 50:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                child = gen.person(CHILDREN, surname, gen.birth(1, min(17, age - 18)), street)
                children.append(child)
                gen.relations.append({"parent_id": victim.id, "child_id": child.id})
                if perpetrator is not None and rng.random() < 0.7:
                    gen.relations.append({"parent_id": perpetrator.id, "child_id": child.id})
        # The first families carry each protection level once; then about one in sixteen.
        if levels or rng.random() < 0.06:
            level = levels.pop(0) if levels else rng.choice(list(ProtectionLevel)[1:])
            for person in (victim, *children):
                person.protection = level
        family = Family(victim, perpetrator, children)
        partner = "relation_partner" if rng.random() < 0.55 else "relation_former_partner"
        if perpetrator is None or rng.random() > 0.06:
            links: list[tuple[Person, PersonRole]] = [(c, PersonRole.CHILD) for c in children]
            if perpetrator is not None:
                links.append((perpetrator, PersonRole.PERPETRATOR))
            plans.append(
                CasePlan(
                    victim,
                    links,
                    False,
                    _pick_markers(rng, child=False, victim_main=True, relation=partner),
                    family,
                )
            )
        else:  # a case about the one who uses violence (a "våldsutövare" case)
            plans.append(
                CasePlan(
                    perpetrator,
                    [(victim, PersonRole.RELATIVE)],
                    False,
                    _pick_markers(rng, child=False, victim_main=False, relation=partner),
                    family,
                )
            )
        # A report about a child of the household is its own case.
        for child in children:
            if len(plans) >= cases or rng.random() > 0.45:
                continue
            links = [(victim, PersonRole.RELATIVE)]
            if perpetrator is not None:
                links.append((perpetrator, PersonRole.PERPETRATOR))
            links += [(s, PersonRole.RELATIVE) for s in children if s is not child]
            plans.append(
                CasePlan(
                    child,
                    links,
                    True,
                    _pick_markers(rng, child=True, victim_main=True, relation="relation_parent"),
                    family,
                )
            )
    return plans[:cases]
