"""Fictional case work for the demo store and the benchmarks: cases, persons, markers and about
a year of journal entries, generated from templates — never real people.

`fill_demo_cases` writes straight into the store with bulk inserts (a few transactions, not one
service call per row) so that 200,000 entries take seconds, but it writes exactly the rows the
services would: case numbers from `domain.cases.case_number`, the program's own event entries
with the services' wording, `cases.protected` and `cases.last_entry_date` kept in step, the
child steps recorded before a child case is investigated, closing reasons from
resources/closing_reasons.json, and `case_registered` events on the audit chain. The
full-text index gets exactly the rows its insert trigger would give it, in one statement.

Everything is recognisably made up: surnames such as "Testsson" and "Demosson-Fiktiv",
addresses on "Fiktiva vägen" in "Demoby" with postal codes 000 xx, phone numbers from the
series set aside for fiction (070-174 06 xx) and e-mail addresses under `.invalid`. The
personnummer are valid by the Luhn rule (they must pass the program's own checks) but are
drawn at random for fictional names, not taken from any register.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from vinr_desktop.access.policy import Role
from vinr_desktop.domain import markers
from vinr_desktop.domain.cases import (
    INTAKE_LABELS,
    PRELIMINARY_LABELS,
    STATUS_LABELS,
    CaseStatus,
    ClosingReason,
    IntakeKind,
    PreliminaryOutcome,
    ReporterKind,
    case_number,
    is_child,
)
from vinr_desktop.domain.identity import IdentityKind, luhn_check_digit
from vinr_desktop.domain.journal import EntryKind, SourceKind
from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole, ProtectionLevel
from vinr_desktop.services.cases.cases import (
    CASE_PREFIX_SETTING,
    DEFAULT_CASE_PREFIX,
    closing_reasons,
)
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.case_schema import (
    CaseMarkerRow,
    CasePersonRow,
    CaseRow,
    ChildReportRow,
    PersonRelationRow,
    PersonRow,
)
from vinr_desktop.store.schema import Base, SettingRow, UserRow
from vinr_desktop.store.vault import new_id

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEMO_CASES = 40
DEFAULT_SEED = 2026
PRIMARY_CASEWORKER = "handlaggare"
SECOND_CASEWORKER = "handlaggare2"
# Rows per executemany call: large enough to be fast, small enough to keep memory flat.
_CHUNK = 5_000
_CACHE_KIB = 256 * 1024
_FTS_TRIGGER = "journal_fts_insert"  # db/versions/0003

# -- vocabulary (all fictional) -----------------------------------------------------------

_WOMEN = (
    "Anna", "Maria", "Sara", "Elin", "Lina", "Fatima", "Amira", "Karin", "Emma", "Jenny",
    "Sofia", "Hanna", "Leila", "Nour", "Ida", "Malin", "Petra", "Aisha", "Helena", "Tove",
)  # fmt: skip
_MEN = (
    "Johan", "Erik", "Ali", "Mohammed", "Mikael", "Anders", "Peter", "Daniel", "Omar",
    "Stefan", "Niklas", "Jonas", "Tomas", "Ahmad", "Patrik", "Fredrik",
)  # fmt: skip
_CHILDREN = (
    "Alva", "Elsa", "Noah", "Liam", "Ella", "Hugo", "Leo", "Maja", "Wilma", "Olle", "Saga",
    "Selma", "Adam", "Yusuf", "Vera", "Alice", "Nils", "Ebbe", "Lova", "Zara",
)  # fmt: skip
_SURNAMES = (
    "Testsson", "Demosson", "Fiktivsson", "Exempelsson", "Låtsasson", "Provström",
    "Övningsson", "Påhittsson", "Testdotter", "Demodotter", "Fiktivberg", "Exempellund",
    "Andersson-Fiktiv", "Nilsson-Fiktiv", "Ali-Testsson", "Hassan-Demosson",
)  # fmt: skip
_LANGUAGES = ("arabiska", "somaliska", "tigrinja", "dari", "persiska", "thai", "polska")
_CITY = "Demoby"
_STREET = "Fiktiva vägen"

_VIOLENCE_WEIGHTS = (
    ("violence_psychological", 70),
    ("violence_physical", 55),
    ("violence_economic", 20),
    ("violence_sexual", 15),
    ("violence_digital", 15),
    ("violence_latent", 10),
    ("violence_material", 10),
    ("violence_honour", 5),
    ("violence_neglect", 4),
    ("violence_forced_marriage", 2),
)
_VULNERABILITY_WEIGHTS = (
    ("vuln_mental_health", 20),
    ("vuln_substance", 12),
    ("vuln_migrant", 12),
    ("vuln_disability", 8),
    ("vuln_young", 8),
    ("vuln_pregnancy", 5),
    ("vuln_elderly", 5),
    ("vuln_honour_context", 3),
    ("vuln_lgbtqi", 3),
)

_SIGNED_KINDS = (
    (EntryKind.PHONE, 34),
    (EntryKind.NOTE, 18),
    (EntryKind.VISIT, 14),
    (EntryKind.LETTER, 12),
    (EntryKind.HOME_VISIT, 9),
    (EntryKind.MEETING, 9),
    (EntryKind.SIP_MEETING, 4),
)

_OPENINGS: dict[EntryKind, tuple[str, ...]] = {
    EntryKind.PHONE: (
        "Telefonsamtal med {name}.",
        "{name} ringer och vill prata om veckan som varit.",
        "Ringer upp {name} som sökt handläggaren på förmiddagen.",
        "Telefonsamtal med {other} om {name}s situation.",
    ),
    EntryKind.HOME_VISIT: (
        "Hembesök hos {name} tillsammans med kollega.",
        "Oanmält hembesök hos {name}, ingen öppnar först.",
        "Hembesök enligt planering; {name} och barnen är hemma.",
    ),
    EntryKind.VISIT: (
        "{name} kommer på besök till socialkontoret.",
        "Besök av {name} på kontoret, samtalet tar en timme.",
        "{name} på besök tillsammans med {other}.",
    ),
    EntryKind.MEETING: (
        "Möte med {other} om {name}.",
        "Nätverksmöte med {name}, {other} och handläggaren.",
        "Uppföljningsmöte med {name} på kontoret.",
    ),
    EntryKind.SIP_MEETING: (
        "SIP-möte med {name}, {other} och regionens representant.",
        "Samordnad individuell plan: SIP-möte där {other} deltar.",
    ),
    EntryKind.LETTER: (
        "Brev skickat till {name} med kallelse till nästa möte.",
        "E-post från {other} angående {name}.",
        "Skickar begäran om uppgifter till {other}.",
    ),
    EntryKind.NOTE: (
        "Anteckning efter samråd i arbetsgruppen om {name}.",
        "Handläggaren noterar inför nästa kontakt med {name}.",
        "Sammanfattning av läget för {name}.",
    ),
}
_OTHERS = (
    "kvinnojouren", "polisen", "skolkuratorn", "BUP", "vårdcentralen", "förskolan",
    "mödravården", "familjerätten", "ekonomiska handläggaren", "frivården", "tolken",
    "barnets mentor", "psykiatrin", "Kriminalvården", "Tjejjouren Demoby",
)  # fmt: skip
_BODY = (
    "{name} berättar att situationen hemma har varit lugnare de senaste dagarna.",
    "{name} beskriver att hen blivit kontrollerad via telefonen och inte fått träffa vänner.",
    "Vi går igenom säkerhetsplanen och uppdaterar telefonnummer till kvinnojouren.",
    "{name} har gjort en polisanmälan och väntar på besked om kontaktförbud.",
    "Kontaktförbudet har beviljats enligt besked från polisen.",
    "Ansökan om ekonomiskt bistånd lämnas in för hyra och mat.",
    "Beslut om ekonomiskt bistånd för nästa månad fattas.",
    "Barnen har fått tid hos BUP för bedömning och samtal.",
    "Skolkuratorn oroar sig för att barnet är trött och frånvarande i skolan.",
    "Tolk på {language} bokas till nästa samtal.",
    "Samtalet genomförs med tolk på {language} via telefon.",
    "{name} bor kvar i skyddat boende och trivs med personalen.",
    "Plats i skyddat boende har ordnats genom kvinnojouren.",
    "Utflyttning från skyddat boende planeras till egen lägenhet.",
    "Vi pratar om vad barnen har bevittnat och vad de behöver.",
    "Risk för nytt våld bedöms som förhöjd; säkerhetsplanen ses över.",
    "{name} vill inte längre ha kontakt med den våldsutövande parten.",
    "Våldsutövaren har sökt upp {name} trots kontaktförbudet; polisen är underrättad.",
    "{name} behöver hjälp med kontakt med hyresvärden om nya lås.",
    "Samverkan med vårdcentralen om sömnproblem och oro.",
    "Barnsamtal genomförs enskilt med barnet i skolan.",
    "Handläggaren informerar om rätten till målsägandebiträde.",
    "Stödsamtal enligt planen; nästa tid bokas om två veckor.",
    "{name} har börjat i samtalsgrupp för våldsutsatta på Kvinnojouren Demoby.",
    "Umgänget med den andra föräldern sker i närvaro av kontaktperson.",
    "Familjerätten informeras om oro kring umgänget.",
    "{name} har fått skyddat telefonnummer och ny e-postadress.",
    "Uppföljning av insatsen visar att {name} känner sig tryggare.",
    "{name} uttrycker oro för ekonomin efter separationen.",
    "Vi går igenom vad en orosanmälan innebär och hur utredningen går till.",
    "Barnet har berättat för förskolan om bråk hemma.",
    "Handläggaren skickar begäran om yttrande till polisen.",
    "Journalkopior begärs från BUP med samtycke från vårdnadshavaren.",
    "{name} avböjer erbjudandet om stödsamtal just nu men vill bli kontaktad igen.",
    "Hyresskuld diskuteras; kontakt tas med budget- och skuldrådgivningen.",
    "Kontaktperson för barnen beviljas enligt beslut.",
    "Missbruk hos den andra parten påverkar barnens situation.",
    "Samtal om sömn, skola och fritid med barnen.",
    "Planering inför rättegången; stödperson från brottsofferjouren följer med.",
    "Handläggaren och {name} gör en ny riskbedömning tillsammans.",
)  # fmt: skip
# Everyday details, one now and then (DETAIL_SHARE of the written entries), the first far more
# often than the last (weights 1, 1/2, 1/3 …): a real journal's long tail of words that occur
# only a few times, which is what a search for a rare word meets.
DETAIL_SHARE = 0.01
_DETAILS = (
    "diskmaskinen", "tvättstugan", "cykelhjälmen", "vinterjackan", "gymnastikpåsen",
    "fritidsgården", "simhallen", "biblioteket", "busskortet", "tandläkaren", "glasögonen",
    "körkortet", "passfotot", "mobilabonnemanget", "elräkningen", "bilbesiktningen",
    "flyttkartongerna", "soffan", "spisen", "kylskåpet", "dammsugaren", "symaskinen",
    "hundpassningen", "kattmaten", "akvariet", "balkongen", "cykelställningen",
    "parkeringsplatsen", "trapphuset", "hissen", "brevlådan", "portkoden", "ytterdörren",
    "brandvarnaren", "gardinerna", "sängkläderna", "madrassen", "barnvagnen", "bilbarnstolen",
    "nappflaskan", "blöjorna", "vällingen", "matlådorna", "lunchlådan", "frukostvanorna",
    "kvällsrutinerna", "läxhjälpen", "matteboken", "skolfotot", "friluftsdagen", "lägerskolan",
    "klassfesten", "födelsedagskalaset", "julklapparna", "påsklovet", "sportlovet", "sommarlovet",
    "midsommarfirandet", "fotbollsträningen", "innebandyn", "ridskolan", "dansuppvisningen",
    "pianolektionen", "gitarren", "scoutlägret", "konfirmationen", "körsången", "teaterkursen",
    "simskolan", "skridskorna", "pulkabacken", "snöskottningen", "gräsklipparen", "växthuset",
    "tomatplantorna", "kolonilotten", "bärplockningen", "svampturen", "fiskespöt", "tältet",
    "sovsäcken", "ryggsäcken", "resväskan", "tågbiljetten", "färjan", "flygresan",
    "semesterveckan", "sommarstugan", "husvagnen", "mopeden", "elsparkcykeln", "vinterdäcken",
    "snökedjorna", "bensinpengarna", "parkeringsboten", "hyresavin", "kontoutdraget",
    "pensionsbeskedet", "deklarationen", "skattejämkningen", "bostadsbidraget", "underhållsstödet",
    "barnbidraget", "studiebidraget", "bankdosan", "kortläsaren", "betalkortet", "sparkontot",
    "hemförsäkringen", "tandvårdskortet", "högkostnadsskyddet", "vaccinationen", "allergin",
    "astman", "glutenintoleransen", "hörapparaten", "rullatorn", "kryckorna", "gipset",
    "fysioterapin", "massagen", "yogapasset", "promenaderna", "löparskorna", "gymkortet",
    "kanoten", "flytvästen", "badplatsen", "lekparken", "gungan", "sandlådan", "rutschkanan",
    "studsmattan", "leksakslådan", "pusslet", "legobygget", "dockskåpet", "ritblocket", "kritorna",
    "vattenfärgerna", "pysselhörnan", "sagoboken", "godnattsagan", "nattlampan", "gosedjuret",
    "snuttefilten", "mössan", "vantarna", "regnstället", "gummistövlarna", "overallen",
    "sandalerna", "baddräkten", "solkrämen", "myggmedlet", "plåstren", "febertermometern",
    "hostmedicinen", "näsdropparna", "tandborsten", "tandkrämen", "schampot", "hårklippningen",
    "frisören", "nagellacket", "smyckeskrinet", "armbandsuret", "vigselringen", "fotoalbumet",
    "släktträffen", "kusinerna", "mormodern", "farfadern", "gudmodern", "grannbarnen",
    "hyresgästföreningen", "bostadskön", "andrahandskontraktet", "inflyttningsfesten",
    "tapetseringen", "målarfärgen", "verktygslådan", "borrmaskinen", "glödlampan", "elementet",
    "värmepumpen", "vattenmätaren", "proppskåpet", "soptunnan", "återvinningen", "pantflaskorna",
    "loppmarknaden", "klädinsamlingen", "klädbytet", "symötet", "kaffekalaset", "kanelbullarna",
    "våffeljärnet", "bakmaskinen", "brödrosten", "mikrovågsugnen", "kaffebryggaren",
    "vattenkokaren",
)  # fmt: skip
_DETAIL_WEIGHTS = tuple(1 / rank for rank in range(1, len(_DETAILS) + 1))
_DETAIL_FRAMES = (
    "Vi pratar också om {detail}.",
    "{name} tar upp frågan om {detail}.",
    "Kort samtal om {detail} i slutet av mötet.",
    "{name} nämner {detail} och vill ha hjälp med det.",
)
_CLOSING_TEXTS = (
    "Insatsen har avslutats enligt plan. {name} har ett fungerande nätverk och vet vart hen "
    "kan vända sig.",
    "{name} har flyttat från kommunen. Överlämning har gjorts.",
    "{name} vill inte ha fortsatt stöd. Information om kvinnojouren har lämnats.",
    "Målen i planen är uppnådda och {name} upplever sig trygg.",
)
_CLOSING_DETAILS = {"client_moved": "Fiktiva kommunen", "handed_over": "Socialtjänsten i Demostad"}
_PRIVATE_REPORTERS = ("Granne (fiktiv)", "Anhörig, moster (fiktiv)", "Vän till familjen (fiktiv)")
# Kinds from resources/reporter_kinds.json (seven and three, as the generator always drew).
_CHILD_REPORTERS = (
    "police",
    "school",
    "school",
    "health_care",
    "child_psychiatry",
    "dental",
    "womens_shelter",
)
_ADULT_REPORTERS = ("police", "womens_shelter", "health_care")


# -- the result ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoFacts:
    """What `fill_demo_cases` wrote (for tests and the benchmark)."""

    case_ids: tuple[str, ...]
    persons: int
    entries: int  # every journal row, the program's event entries and drafts included
    drafts: int
    protected_case_ids: tuple[str, ...]
    big_case_id: str | None  # the case given `big_case_entries` entries, if any
    words: tuple[str, ...] = field(default=())  # words the templates use, for searching
    names: tuple[str, ...] = field(default=())  # first names of some main persons

    @property
    def cases(self) -> int:
        return len(self.case_ids)


# -- generation ---------------------------------------------------------------------------


@dataclass
class _Person:
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
            "street": f"{_STREET} {self.street_no}",
            "postal_code": f"000 {self.street_no % 100:02d}",
            "city": _CITY,
            "phone": f"070-174 06 {5 + self.street_no % 95:02d}",
            "email": f"{slug}@demo.invalid" if self.birth.year < 2010 else "",
            "interpreter_needed": self.interpreter,
            "language": self.language,
            "protection_level": self.protection.value,
            "created_utc": now,
            "updated_utc": now,
        }


class _Generator:
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
        self.persons: list[_Person] = []
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
    ) -> _Person:
        rng = self.rng
        kind = IdentityKind.PERSONNUMMER
        if rng.random() < 0.06:
            kind = IdentityKind.SAMORDNINGSNUMMER
        interpreter = rng.random() < 0.12
        person = _Person(
            id=self.new_id(),
            first_name=rng.choice(first_names),
            last_name=last_name,
            birth=born,
            identity_kind=kind,
            identity_value=self.identity(born, kind),
            interpreter=interpreter,
            language=rng.choice(_LANGUAGES) if interpreter else "",
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
class _Family:
    victim: _Person
    perpetrator: _Person | None
    children: list[_Person]


@dataclass
class _CasePlan:
    main: _Person
    links: list[tuple[_Person, PersonRole]]
    child_case: bool
    markers: list[str]
    family: _Family


def _weighted(rng: random.Random, weights: Sequence[tuple[Any, int]]) -> Any:
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
        code = _weighted(rng, _VIOLENCE_WEIGHTS)
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
        code = _weighted(rng, _VULNERABILITY_WEIGHTS)
        if code not in vulnerability:
            vulnerability.append(code)
    return list(dict.fromkeys([*violence, *target, relation, *vulnerability]))


def _families(gen: _Generator, cases: int) -> list[_CasePlan]:
    """Households and the cases about them, until there are `cases` cases."""
    rng = gen.rng
    plans: list[_CasePlan] = []
    levels = [
        ProtectionLevel.PROTECTED_REGISTRATION,
        ProtectionLevel.CONFIDENTIALITY_MARK,
        ProtectionLevel.FICTITIOUS_IDENTITY,
    ]
    while len(plans) < cases:
        street = gen.street_no()
        surname = rng.choice(_SURNAMES)
        victim = gen.person(
            _WOMEN if rng.random() < 0.85 else _MEN, surname, gen.birth(19, 70), street
        )
        perpetrator = None
        if rng.random() < 0.8:
            other = rng.choice(_SURNAMES) if rng.random() < 0.5 else surname
            names = _MEN if victim.first_name in _WOMEN else _WOMEN
            perpetrator = gen.person(names, other, gen.birth(20, 70), gen.street_no())
        children: list[_Person] = []
        age = (gen.today - victim.birth).days // 365
        if 22 <= age <= 50:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                child = gen.person(_CHILDREN, surname, gen.birth(1, min(17, age - 18)), street)
                children.append(child)
                gen.relations.append({"parent_id": victim.id, "child_id": child.id})
                if perpetrator is not None and rng.random() < 0.7:
                    gen.relations.append({"parent_id": perpetrator.id, "child_id": child.id})
        # The first families carry each protection level once; then about one in sixteen.
        if levels or rng.random() < 0.06:
            level = levels.pop(0) if levels else rng.choice(list(ProtectionLevel)[1:])
            for person in (victim, *children):
                person.protection = level
        family = _Family(victim, perpetrator, children)
        partner = "relation_partner" if rng.random() < 0.55 else "relation_former_partner"
        if perpetrator is None or rng.random() > 0.06:
            links: list[tuple[_Person, PersonRole]] = [(c, PersonRole.CHILD) for c in children]
            if perpetrator is not None:
                links.append((perpetrator, PersonRole.PERPETRATOR))
            plans.append(
                _CasePlan(
                    victim,
                    links,
                    False,
                    _pick_markers(rng, child=False, victim_main=True, relation=partner),
                    family,
                )
            )
        else:  # a case about the one who uses violence (a "våldsutövare" case)
            plans.append(
                _CasePlan(
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
                _CasePlan(
                    child,
                    links,
                    True,
                    _pick_markers(rng, child=True, victim_main=True, relation="relation_parent"),
                    family,
                )
            )
    return plans[:cases]


def fill_demo_cases(
    ctx: AppContext,
    *,
    cases: int = DEMO_CASES,
    entries_per_case: int | None = None,
    seed: int = DEFAULT_SEED,
    big_case_entries: int = 0,
    second_share: float = 0.17,
) -> DemoFacts:
    """Add `cases` fictional cases with persons, markers and journal entries to the open store.

    - `entries_per_case`: written (non-event) journal entries per case; None gives each case
      a realistic number for its age (a few to about 60). The program's own event entries
      (intake, markers, status changes, child steps, closing) come on top.
    - `big_case_entries`: if > 0, the first case gets this many written entries instead.
    - `seed`: the same seed and clock give the same content.
    - `second_share`: the share of unprotected cases the second caseworker is responsible
      for (0 gives every case to the first, as the benchmark wants).

    The store must be unlocked (`ctx.store`); no login is needed. Cases are owned by the
    caseworker "handlaggare" (most) and "handlaggare2" (about one in six) when those users
    exist, else by the store's first and second caseworker (see `second_share`); the big
    case and every protected case belong to the first. Dates lie within the last ~13 months
    before `ctx.now()`.
    """
    if cases < 1:
        raise ValueError("cases must be at least 1")
    store = ctx.require_store()
    rng = random.Random(seed)
    today = ctx.now().astimezone().date()
    now_text = ctx.now().isoformat(timespec="seconds")
    gen = _Generator(rng, ctx.now(), closing_reasons(), random.Random(f"details:{seed}"))

    with store.session() as session:
        first, second = _caseworkers(session)
        prefix_row = session.get(SettingRow, CASE_PREFIX_SETTING)
        prefix = prefix_row.value if prefix_row is not None else DEFAULT_CASE_PREFIX
        running_by_year: dict[int, int] = {
            year: last or 0
            for year, last in session.execute(
                select(CaseRow.year, func.max(CaseRow.running)).group_by(CaseRow.year)
            ).all()
        }
        existing = set(session.execute(select(PersonRow.identity_value)).scalars())
    gen.numbers |= existing

    plans = _families(gen, cases)
    intakes = sorted(today - timedelta(days=rng.randrange(0, 395)) for _ in plans)
    if big_case_entries:
        intakes[0] = today - timedelta(days=395)  # the big case is the oldest
    case_rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    marker_rows: list[dict[str, Any]] = []
    entries: list[tuple[Any, ...]] = []
    protected_ids: list[str] = []
    drafts_left = 2 + cases // 200
    drafts = 0
    for index, (plan, intake) in enumerate(zip(plans, intakes, strict=True)):
        case_id = gen.new_id()
        year = intake.year
        running_by_year[year] = running_by_year.get(year, 0) + 1
        protected = any(
            p.protection is not ProtectionLevel.NONE
            for p in (plan.main, *(p for p, _r in plan.links))
        )
        responsible = first
        if not protected and index > 0 and rng.random() < second_share:
            responsible = second
        if protected:
            protected_ids.append(case_id)
        case = _case_row(gen, plan, case_id, prefix, year, running_by_year[year], intake, first)
        case["responsible_user_id"] = responsible
        case["protected"] = protected
        registered = gen.stamp(intake)
        case["created_utc"] = registered
        for person, role in [(plan.main, PersonRole.MAIN), *plan.links]:
            links.append(
                {
                    "case_id": case_id,
                    "person_id": person.id,
                    "role": role.value,
                    "added_utc": registered,
                }
            )
        for code in plan.markers:
            marker_rows.append(
                {
                    "case_id": case_id,
                    "code": code,
                    "added_utc": registered,
                    "added_by": responsible,
                }
            )
        count = entries_per_case
        if index == 0 and big_case_entries:
            count = big_case_entries
        case_entries = _journal(gen, plan, case, count, responsible, second)
        if drafts_left and responsible == first and case["status"] != CaseStatus.CLOSED.value:
            case_entries.append(_draft(gen, plan, case, first))
            drafts_left -= 1
            drafts += 1
        signed_dates = [e[5] for e in case_entries if e[10] is not None]
        case["last_entry_date"] = max(signed_dates) if signed_dates else None
        case["updated_utc"] = max(e[9] for e in case_entries)
        case_rows.append(case)
        entries += case_entries
    # Rows in the order they would have been written, so ids interleave across cases.
    entries.sort(key=lambda e: e[8])
    columns = (
        "case_id",
        "kind",
        "source",
        "source_detail",
        "event_date",
        "text",
        "author_id",
        "created_utc",
        "saved_utc",
        "signed_utc",
        "corrects_id",
        "correction_reason",
    )

    person_rows = [p.row(now_text) for p in gen.persons]
    with store.session() as session:
        for table, rows in (
            (PersonRow.__tablename__, person_rows),
            (PersonRelationRow.__tablename__, gen.relations),
            (CaseRow.__tablename__, case_rows),
            (CasePersonRow.__tablename__, links),
            (CaseMarkerRow.__tablename__, marker_rows),
            (ChildReportRow.__tablename__, [_first_report(c) for c in case_rows if _reported(c)]),
        ):
            statement = insert(Base.metadata.tables[table])
            for start in range(0, len(rows), _CHUNK):
                session.execute(statement, rows[start : start + _CHUNK])
        for case in case_rows:
            store.record(
                session,
                user_id=case["responsible_user_id"],
                action="case_registered",
                case_id=case["id"],
            )
    journal = (
        f"INSERT INTO journal_entries ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    with store.session() as session, _big_cache(session), _fts_in_one_statement(session):
        connection = session.connection()
        for start in range(0, len(entries), _CHUNK):
            connection.exec_driver_sql(journal, [e[1:] for e in entries[start : start + _CHUNK]])
    main_names = sorted({p.main.first_name for p in plans})
    return DemoFacts(
        case_ids=tuple(c["id"] for c in case_rows),
        persons=len(person_rows),
        entries=len(entries),
        drafts=drafts,
        protected_case_ids=tuple(protected_ids),
        big_case_id=case_rows[0]["id"] if big_case_entries else None,
        words=SEARCH_WORDS,
        names=tuple(main_names),
    )


# Words of varied frequency that the templates above write (checked by the tests).
SEARCH_WORDS: tuple[str, ...] = (
    "telefonsamtal", "hembesök", "kvinnojouren", "säkerhetsplanen", "polisanmälan",
    "kontaktförbud", "bistånd", "BUP", "skolkuratorn", "tolk", "skyddat", "umgänget",
    "hyresvärden", "målsägandebiträde", "budget", "rättegången", "sömnproblem", "SIP",
)  # fmt: skip


@contextmanager
def _big_cache(session: Session) -> Iterator[None]:
    """A page cache big enough for the index and full-text pages of a bulk insert, for the
    length of the block (the store keeps its one connection, so the old size is put back).

    With SQLite's default 2 MB the full-text index and the (case, date) index thrash it, and
    every re-read page is decrypted again (200,000 entries: 9.7 s instead of 8.3 s).
    """
    connection = session.connection()
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def _fts_in_one_statement(session: Session) -> Iterator[None]:
    """Index the inserted entries with one INSERT … SELECT instead of the per-row trigger.

    Row by row through the trigger, 200,000 entries took 24 s here against 8–12 s in one
    statement (2-core machine, memory security off). Inside the caller's transaction the
    insert trigger is dropped, the rows inserted, the full-text rows added exactly as the
    trigger would add them, and the trigger re-created from its own stored SQL; a failure
    anywhere rolls all of it back.
    """
    connection = session.connection()
    trigger_sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_FTS_TRIGGER,)
    ).scalar_one()
    before = connection.exec_driver_sql(
        "SELECT coalesce(max(id), 0) FROM journal_entries"
    ).scalar_one()
    connection.exec_driver_sql(f"DROP TRIGGER {_FTS_TRIGGER}")
    yield
    connection.exec_driver_sql(
        "INSERT INTO journal_fts(rowid, text) SELECT id, text FROM journal_entries WHERE id > ?",
        (before,),
    )
    connection.exec_driver_sql(trigger_sql)


def _caseworkers(session: Session) -> tuple[str, str]:
    """User ids of the main and the second demo caseworker (the same if there is one)."""
    users = session.execute(
        select(UserRow.id, UserRow.username, UserRow.roles).order_by(UserRow.created_utc)
    ).all()
    workers = [(i, u) for i, u, roles in users if Role.CASEWORKER.value in roles.split(",")]
    if not workers:
        raise ValueError("the store has no caseworker to own the demo cases")
    by_name = dict((u, i) for i, u in workers)
    first = by_name.get(PRIMARY_CASEWORKER, workers[0][0])
    others = [i for i, _u in workers if i != first]
    second = by_name.get(SECOND_CASEWORKER, others[0] if others else first)
    return first, second


def _reported(case: dict[str, Any]) -> bool:
    """A case that began with a report, or has a child step recorded, has its first report."""
    return bool(
        case["intake_kind"] == IntakeKind.REPORT.value
        or case["protection_assessed_on"]
        or case["preliminary_decided_on"]
    )


def _first_report(case: dict[str, Any]) -> dict[str, Any]:
    """The case's first report (anmälan) row, from the case's intake and child steps."""
    return {
        "id": new_id(),
        "case_id": case["id"],
        "received_on": case["intake_date"],
        "came_in_late": False,
        "reporter_kind": case["reporter_kind"],
        "reporter_text": case["reporter_text"],
        "protection_assessed_on": case["protection_assessed_on"],
        "protection_needed": case["protection_needed"],
        "protection_note": case["protection_note"],
        "preliminary_decided_on": case["preliminary_decided_on"],
        "preliminary_outcome": case["preliminary_outcome"],
        "preliminary_note": case["preliminary_note"],
        "extended_to": None,
        "extension_reason": "",
        "created_by": case["responsible_user_id"],
        "created_utc": case["created_utc"],
    }


def _case_row(
    gen: _Generator,
    plan: _CasePlan,
    case_id: str,
    prefix: str,
    year: int,
    running: int,
    intake: date,
    responsible: str,
) -> dict[str, Any]:
    rng, today = gen.rng, gen.today
    child = is_child(plan.main.birth, intake)
    if child:
        intake_kind = IntakeKind.REPORT
    else:
        intake_kind = _weighted(
            rng,
            (
                (IntakeKind.APPLICATION, 45),
                (IntakeKind.REPORT, 35),
                (IntakeKind.INITIATIVE, 12),
                (IntakeKind.OTHER, 8),
            ),
        )
    reporter_kind, reporter_text = ReporterKind.NONE.value, ""
    if intake_kind is IntakeKind.REPORT:
        if rng.random() < 0.8:
            reporter_kind = rng.choice(_CHILD_REPORTERS if child else _ADULT_REPORTERS)
        else:
            reporter_kind, reporter_text = ReporterKind.PERSON.value, rng.choice(_PRIVATE_REPORTERS)
    age = (today - intake).days
    # Older cases have come further; some young ones are already closed.
    status = _weighted(
        rng,
        (
            (CaseStatus.INTAKE, 60 if age < 30 else 8),
            (CaseStatus.INVESTIGATION, 30 if age < 120 else 15),
            (CaseStatus.INTERVENTION, 5 if age < 60 else 35),
            (CaseStatus.CLOSED, 3 if age < 30 else 25),
        ),
    )
    row: dict[str, Any] = {
        "id": case_id,
        "number": case_number(prefix, year, running),
        "year": year,
        "running": running,
        "status": status.value,
        "status_before_close": None,
        "intake_kind": intake_kind.value,
        "intake_date": intake.isoformat(),
        "reporter_kind": reporter_kind,
        "reporter_text": reporter_text,
        "responsible_user_id": responsible,
        "is_child_case": child,
        "protected": False,
        "protection_assessed_on": None,
        "protection_needed": None,
        "protection_note": "",
        "preliminary_decided_on": None,
        "preliminary_outcome": None,
        "preliminary_note": "",
        "closed_on": None,
        "closing_reason": None,
        "closing_detail": "",
        "closing_text": "",
        "last_entry_date": None,
        "created_utc": "",
        "updated_utc": "",
    }
    steps: list[tuple[date, str]] = []  # (date, event text) in order
    if child:
        assessed = min(intake + timedelta(days=rng.choice((0, 0, 1))), today)
        needed = rng.random() < 0.15
        note = (
            "Barnet bedöms kunna bo kvar hemma med den skyddande föräldern."
            if not needed
            else ("Barnet och modern erbjuds plats i skyddat boende samma dag.")
        )
        row.update(
            protection_assessed_on=assessed.isoformat(),
            protection_needed=needed,
            protection_note=note,
        )
        outcome_text = "omedelbart skyddsbehov" if needed else "inget omedelbart skyddsbehov"
        steps.append((assessed, f"Skyddsbedömning {assessed.isoformat()}: {outcome_text}.\n{note}"))
        if status is not CaseStatus.INTAKE or age > 14 or rng.random() < 0.5:
            decided = min(intake + timedelta(days=rng.randrange(3, 14)), today)
            outcome = PreliminaryOutcome.OPEN_INVESTIGATION
            if status is CaseStatus.CLOSED and rng.random() < 0.4:
                outcome = PreliminaryOutcome.NO_INVESTIGATION
            reason = (
                "Uppgifterna om våld i hemmet behöver utredas."
                if outcome is PreliminaryOutcome.OPEN_INVESTIGATION
                else "Familjen har redan stöd och barnet bedöms inte vara i behov av utredning."
            )
            row.update(
                preliminary_decided_on=decided.isoformat(),
                preliminary_outcome=outcome.value,
                preliminary_note=reason,
            )
            steps.append(
                (
                    decided,
                    f"Förhandsbedömning {decided.isoformat()}: "
                    f"{PRELIMINARY_LABELS[outcome].lower()}.\n{reason}",
                )
            )
        else:
            status = CaseStatus.INTAKE
        if row["preliminary_outcome"] == PreliminaryOutcome.NO_INVESTIGATION.value:
            status = CaseStatus.CLOSED
    # Status changes and closing, in order after the child steps.
    moves = {
        CaseStatus.INTAKE: [],
        CaseStatus.INVESTIGATION: [CaseStatus.INVESTIGATION],
        CaseStatus.INTERVENTION: [CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION],
        CaseStatus.CLOSED: [],
    }
    path = moves[status]
    closed_before = CaseStatus.INTAKE
    if status is CaseStatus.CLOSED:
        no_investigation = row["preliminary_outcome"] == PreliminaryOutcome.NO_INVESTIGATION.value
        if not no_investigation:
            closed_before = rng.choice((CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION))
            path = moves[closed_before]
    day = max([intake, *(d for d, _t in steps)])
    current = CaseStatus.INTAKE
    for target in path:
        day = min(day + timedelta(days=rng.randrange(7, 40)), today)
        steps.append((day, f"Status ändrad: {STATUS_LABELS[current]} → {STATUS_LABELS[target]}."))
        current = target
    if status is CaseStatus.CLOSED:
        day = min(day + timedelta(days=rng.randrange(14, 120)), today)
        closing = gen.rng.choice(gen.reasons)
        detail = _CLOSING_DETAILS.get(closing.code, "") if closing.detail_label else ""
        text = rng.choice(_CLOSING_TEXTS).format(name=plan.main.first_name)
        row.update(
            status_before_close=closed_before.value,
            closed_on=day.isoformat(),
            closing_reason=closing.code,
            closing_detail=detail,
            closing_text=text,
        )
        line = f"Ärendet avslutat. Orsak: {closing.label}"
        if detail:
            line += f" ({closing.detail_label.lower()}: {detail})"
        steps.append((day, f"{line}.\n{text}"))
    row["status"] = status.value
    row["_steps"] = steps
    row["_intake_kind"] = intake_kind
    return row


def _journal(
    gen: _Generator,
    plan: _CasePlan,
    case: dict[str, Any],
    count: int | None,
    responsible: str,
    second: str,
) -> list[tuple[Any, ...]]:
    """The case's signed entries: the program's events and the written ones.

    Each is (sort key, case_id, kind, source, source_detail, event_date, text, author,
    created, saved, signed, corrects_id, correction_reason).
    """
    rng, today = gen.rng, gen.today
    intake = date.fromisoformat(case["intake_date"])
    end = date.fromisoformat(case["closed_on"]) if case["closed_on"] else today
    steps: list[tuple[date, str]] = case.pop("_steps")
    kind_label = INTAKE_LABELS[case.pop("_intake_kind")].lower()
    events = [(intake, f"Ärendet aktualiserat: {kind_label} {intake.isoformat()}.")]
    events += [(intake, markers.added_text(code)) for code in plan.markers]
    for _person, role in plan.links:
        events.append((intake, f"Person tillagd i ärendet som {ROLE_LABELS[role].lower()}."))
    events += steps
    rows: list[tuple[Any, ...]] = []
    case_id = case["id"]
    for day, text in events:
        stamp = gen.stamp(day)
        rows.append(
            (
                stamp,
                case_id,
                EntryKind.EVENT.value,
                SourceKind.PROGRAM.value,
                "",
                day.isoformat(),
                text,
                responsible,
                stamp,
                stamp,
                stamp,
                None,
                "",
            )
        )
    span = max((end - intake).days, 0)
    if count is None:
        count = min(3 + span // 6 + rng.randrange(0, 6), 60)
    others = [p for p, _r in plan.links]
    for _ in range(count):
        day = intake + timedelta(days=rng.randint(0, span))
        kind = _weighted(rng, _SIGNED_KINDS)
        text, source, detail = _entry_text(rng, kind, plan, others)
        text = _with_detail(gen.detail_rng, text, plan.main.first_name)
        author = second if rng.random() < 0.12 else responsible
        written = gen.stamp(day)
        signed = written
        if rng.random() < 0.3 and day < end:
            signed = gen.stamp(day + timedelta(days=1))
        rows.append(
            (
                written,
                case_id,
                kind.value,
                source.value,
                detail,
                day.isoformat(),
                text,
                author,
                written,
                signed,
                signed,
                None,
                "",
            )
        )
    return rows


def _entry_text(
    rng: random.Random, kind: EntryKind, plan: _CasePlan, others: Sequence[_Person]
) -> tuple[str, SourceKind, str]:
    main = plan.main
    language = main.language or (plan.family.victim.language or "arabiska")
    other = rng.choice(_OTHERS)
    opening = rng.choice(_OPENINGS[kind]).format(name=main.first_name, other=other)
    body = [
        rng.choice(_BODY).format(name=main.first_name, language=language)
        for _ in range(rng.randint(1, 4))
    ]
    if others and rng.random() < 0.25:
        body.append(f"{rng.choice(others).first_name} nämns i samtalet.")
    text = " ".join([opening, *dict.fromkeys(body)])
    if kind is EntryKind.NOTE:
        return text, SourceKind.OWN_OBSERVATION, ""
    if "{other}" in opening or rng.random() < 0.2:
        if other in (
            "polisen",
            "BUP",
            "vårdcentralen",
            "förskolan",
            "frivården",
            "familjerätten",
            "Kriminalvården",
            "psykiatrin",
            "mödravården",
        ):
            return text, SourceKind.AUTHORITY, other.capitalize() if other.islower() else other
        return text, SourceKind.OTHER_PERSON, other.capitalize()
    return text, SourceKind.CLIENT, ""


def _with_detail(rng: random.Random, text: str, name: str) -> str:
    """`text`, now and then with an everyday detail added (see _DETAILS)."""
    if rng.random() >= DETAIL_SHARE:
        return text
    detail = rng.choices(_DETAILS, weights=_DETAIL_WEIGHTS)[0]
    return f"{text} {rng.choice(_DETAIL_FRAMES).format(name=name, detail=detail)}"


def _draft(gen: _Generator, plan: _CasePlan, case: dict[str, Any], author: str) -> tuple[Any, ...]:
    """An unsigned draft the caseworker left open (event date and source filled in)."""
    today = gen.today
    text = (
        f"Utkast: samtal med {plan.main.first_name} om säkerhetsplanen och kontakten med "
        "kvinnojouren. Fortsätter skriva efter mötet."
    )
    day = max(date.fromisoformat(case["intake_date"]), today - timedelta(days=1))
    stamp = gen.stamp(day)
    return (
        stamp,
        case["id"],
        EntryKind.PHONE.value,
        SourceKind.CLIENT.value,
        "",
        day.isoformat(),
        text,
        author,
        stamp,
        stamp,
        None,
        None,
        "",
    )
