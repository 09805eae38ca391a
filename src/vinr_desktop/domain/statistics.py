"""Statistik: the kartläggning of a period counted from facts of the register, and the three
Kolada key figures (DOMAIN.md, "Closing reasons and the numbers the municipality reports").

Pure: the services gather `RegisterFacts` (services/statistics/), this module counts them into
`Count` tables (each cell with the cases behind it, for the unit's own drill-down), and
domain/statistics_suppression.py decides what is hidden when a table leaves the program.
Every case counts, protected ones included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from vinr_desktop.domain.markers import MARKERS, MarkerGroup

ADULT_AGE = 18
PER = 10_000  # Kolada: per 10 000 adult inhabitants


@dataclass(frozen=True)
class Period:
    """From `start` up to, not including, `end`."""

    start: date
    end: date
    label: str

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year + 1, 1, 1), str(year))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        if half not in (1, 2):
            raise ValueError("half is 1 or 2")
        first = date(year, 1, 1) if half == 1 else date(year, 7, 1)
        end = date(year, 7, 1) if half == 1 else date(year + 1, 1, 1)
        return cls(first, end, f"{year}, {'första' if half == 1 else 'andra'} halvåret")

    @classmethod
    def months(cls, year: int, first: int, last: int) -> Period:
        if not 1 <= first <= last <= 12:
            raise ValueError("months 1-12, first <= last")
        end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
        names = (MONTHS[first - 1], MONTHS[last - 1])
        label = f"{names[0]} {year}" if first == last else f"{names[0]}–{names[1]} {year}"
        return cls(date(year, first, 1), end, label)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day < self.end

    def nights(self, first: date | None, last: date | None) -> int:
        """Dygn of a stay from `first` to `last` (None: still there at the period's end) that
        fall in the period: each night counts on the day it begins."""
        if first is None:
            return 0
        stop = min(self.end, last if last is not None else self.end)
        begin = max(self.start, first)
        return max(0, (stop - begin).days)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def age_on(birth: date, day: date) -> int:
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


# -- the facts, as the services gather them ------------------------------------------------


@dataclass(frozen=True)
class CaseFacts:
    case_id: str
    intake_on: date
    intake_kind: str
    reporter_kind: str
    is_child_case: bool
    main_sex: str  # domain/case_facts.Sex code of the main person
    main_birth: date | None
    markers: frozenset[str]
    closed_on: date | None = None
    closing_reason: str | None = None
    protected: bool = False
    children: int = 0  # children linked to the case (barn som berörs)

    @property
    def adult(self) -> bool:
        """The main person was 18 or older when the case came in (unknown age: not a child
        case means an adult)."""
        if self.main_birth is not None:
            return age_on(self.main_birth, self.intake_on) >= ADULT_AGE
        return not self.is_child_case


@dataclass(frozen=True)
class InsatsFacts:
    """A granted, signed insats."""

    case_id: str
    decision_id: str
    insats_type: str
    provider: str  # the provider's name ("" for none)
    shelter: bool
    decided_on: date
    start: date | None
    end: date | None  # the day it ended or its period ends
    price_per_night: int | None = None  # kronor per dygn from the provider's agreement
    children_along: int = 0


@dataclass(frozen=True)
class AssessmentFacts:
    case_id: str
    instrument: str
    standardised: bool
    judgement: str | None  # RiskLevel code, None when not judged
    signed_on: date


@dataclass(frozen=True)
class FollowUpFacts:
    case_id: str
    held_on: date
    client_took_part: bool
    goals_reached: int = 0
    goals_partly: int = 0
    goals_not: int = 0


@dataclass(frozen=True)
class DeadlineFacts:
    """One deadline of the egenkontroll: its kind (DEADLINE_LABELS), when it was due and when
    it was met (None: not yet)."""

    kind: str
    case_id: str
    due_on: date
    met_on: date | None


DEADLINE_LABELS = {
    "preliminary": "Förhandsbedömning inom 14 dagar",
    "investigation": "Barnutredning inom 4 månader",
    "follow_up": "Uppföljning av insats inom 6 månader",
}


@dataclass(frozen=True)
class RegisterFacts:
    cases: tuple[CaseFacts, ...] = ()
    insatser: tuple[InsatsFacts, ...] = ()
    assessments: tuple[AssessmentFacts, ...] = ()
    follow_ups: tuple[FollowUpFacts, ...] = ()
    deadlines: tuple[DeadlineFacts, ...] = ()
    visits: tuple[tuple[date, str], ...] = ()  # (day back, incident code) of ended hembesök
    goal_reasons: frozenset[str] = frozenset({"goal_reached", "goal_partly_reached"})


# -- counted tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """One table: rows × columns of counts, each cell with the case ids behind it.

    `additive`: each counted thing is in exactly one cell, so rows and columns add up to
    totals (suppressed with complementary cells). Otherwise (markers: a case has many) the
    totals are `case_total`, the number of distinct cases, and only the primary rule applies.
    `measure`: what is counted ("ärenden", "insatser", "dygn", …).
    """

    key: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (code, label)
    columns: tuple[tuple[str, str], ...]
    cells: tuple[tuple[int, ...], ...]
    members: tuple[tuple[frozenset[str], ...], ...]
    additive: bool = True
    case_total: int | None = None
    measure: str = "ärenden"
    note: str = ""
    figures: bool = False  # a list of figures (rows not comparable): no chart of shares

    @property
    def case_ids(self) -> frozenset[str]:
        return frozenset(i for row in self.members for cell in row for i in cell)


@dataclass
class _Tally:
    rows: list[tuple[str, str]]
    columns: list[tuple[str, str]]
    found: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    amounts: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, row: str, column: str, case_id: str, amount: int = 1) -> None:
        if (row, column) not in self.amounts:
            if row not in {r for r, _ in self.rows}:
                self.rows.append((row, row))
            if column not in {c for c, _ in self.columns}:
                self.columns.append((column, column))
        self.found.setdefault((row, column), set()).add(case_id)
        self.amounts[(row, column)] = self.amounts.get((row, column), 0) + amount

    def count(self, key: str, title: str, **kw: object) -> Count:
        rows, cols = tuple(self.rows), tuple(self.columns)
        cells = tuple(tuple(self.amounts.get((r, c), 0) for c, _ in cols) for r, _ in rows)
        members = tuple(
            tuple(frozenset(self.found.get((r, c), ())) for c, _ in cols) for r, _ in rows
        )
        return Count(key, title, rows, cols, cells, members, **kw)  # type: ignore[arg-type]


PERSON_COLUMNS = (
    ("woman", "Kvinnor"),
    ("man", "Män"),
    ("other", "Annat/okänt kön"),
    ("child", "Barn"),
)


def person_group(case: CaseFacts) -> str:
    if not case.adult:
        return "child"
    return case.main_sex if case.main_sex in ("woman", "man") else "other"


Labels = dict[str, str]


def count_all(
    facts: RegisterFacts,
    period: Period,
    *,
    intake_labels: Labels,
    reporter_labels: Labels,
    insats_labels: Labels,
    today: date,
) -> tuple[Count, ...]:
    """Every table of the Statistik page for `period`."""
    new = [c for c in facts.cases if period.contains(c.intake_on)]
    tables = [
        _by_person(new, "intake", "Aktualiserade ärenden efter aktualisering", intake_labels,
                   lambda c: c.intake_kind),
        _by_person(new, "source", "Aktualiserade ärenden efter källa", reporter_labels,
                   lambda c: c.reporter_kind),
    ]  # fmt: skip
    for group, title in (
        (MarkerGroup.VIOLENCE, "Våldstyp"),
        (MarkerGroup.TARGET, "Målgrupp"),
        (MarkerGroup.RELATION, "Relation till våldsutövaren"),
        (MarkerGroup.VULNERABILITY, "Särskild utsatthet"),
    ):
        tables.append(_markers(new, group, title))
    tables.append(_children(new))
    running = [i for i in facts.insatser if _overlaps(i, period)]
    tables.append(_insatser(running, insats_labels))
    tables.append(_shelter(running, period))
    tables.append(_assessments([a for a in facts.assessments if period.contains(a.signed_on)]))
    tables.append(_follow_ups([f for f in facts.follow_ups if period.contains(f.held_on)]))
    tables.append(deadline_compliance(facts.deadlines, period, today))
    tables.append(_visits(facts.visits, period))
    return tuple(tables)


def _by_person(
    cases: Sequence[CaseFacts], key: str, title: str, labels: Labels, by: Callable[..., str]
) -> Count:
    tally = _Tally([(k, v) for k, v in labels.items()], list(PERSON_COLUMNS))
    for case in cases:
        tally.add(by(case), person_group(case), case.case_id)
    return _drop_empty_rows(tally.count(key, title, case_total=len(cases)), keep=labels)


def _drop_empty_rows(count: Count, keep: Labels) -> Count:
    """Rows with no count and not in the fixed list (codes met in old data) are left out."""
    wanted = [i for i, (code, _) in enumerate(count.rows) if code in keep or any(count.cells[i])]
    return Count(
        count.key,
        count.title,
        tuple(count.rows[i] for i in wanted),
        count.columns,
        tuple(count.cells[i] for i in wanted),
        tuple(count.members[i] for i in wanted),
        count.additive,
        count.case_total,
        count.measure,
        count.note,
        count.figures,
    )


def _markers(cases: Sequence[CaseFacts], group: MarkerGroup, title: str) -> Count:
    rows = [(m.code, m.label[:1].upper() + m.label[1:]) for m in MARKERS if m.group is group]
    tally = _Tally(rows, [("adult", "Vuxna"), ("child", "Barn")])
    marked = set()
    codes = {code for code, _ in rows}
    for case in cases:
        for code in case.markers & codes:
            tally.add(code, "adult" if case.adult else "child", case.case_id)
            marked.add(case.case_id)
    return tally.count(
        f"markers_{group.value}",
        title,
        additive=False,
        case_total=len(marked),
        note="Ett ärende kan ha flera markeringar; summan är antalet ärenden med någon av dem.",
    )


def _children(cases: Sequence[CaseFacts]) -> Count:
    """Children affected: a child's own case, and the children linked to an adult's case."""
    tally = _Tally([(k, v) for k, v in CHILDREN_ROWS.items()], [("value", "Antal")])
    for case in cases:
        if not case.adult:
            tally.add("own_case", "value", case.case_id)
        elif case.children:
            tally.add("in_adult_case", "value", case.case_id, case.children)
    return tally.count(
        "children",
        "Barn som berörs",
        additive=False,
        figures=True,
        measure="barn",
        note="Ett barn med eget ärende kan också finnas med i en förälders ärende.",
    )


CHILDREN_ROWS = {
    "own_case": "Barn med eget ärende",
    "in_adult_case": "Barn i en vuxens ärende",
}


def _overlaps(insats: InsatsFacts, period: Period) -> bool:
    start = insats.start or insats.decided_on
    return start < period.end and (insats.end is None or insats.end >= period.start)


def _insatser(running: Sequence[InsatsFacts], labels: Labels) -> Count:
    tally = _Tally([(k, v) for k, v in labels.items()], [])
    for i in running:
        tally.add(i.insats_type, i.provider or "Ingen utförare", i.case_id)
    return _drop_empty_rows(
        tally.count("insatser", "Insatser efter slag och utförare", measure="insatser"),
        keep={},
    )


def _shelter(running: Sequence[InsatsFacts], period: Period) -> Count:
    stays = [i for i in running if i.shelter]
    tally = _Tally([], [("value", "Antal")])
    for code in ("placements", "nights", "cost", "children"):
        tally.rows.append((code, SHELTER_ROWS[code]))
    unpriced = 0
    for stay in stays:
        nights = period.nights(stay.start, stay.end)
        tally.add("placements", "value", stay.case_id)
        tally.add("nights", "value", stay.case_id, nights)
        if stay.price_per_night is None:
            unpriced += 1
        else:
            tally.add("cost", "value", stay.case_id, nights * stay.price_per_night)
        if stay.children_along:
            tally.add("children", "value", stay.case_id, stay.children_along)
    note = (
        "Dygn inom perioden; kostnad = dygn × avtalat pris per dygn hos utföraren. Är "
        "placeringarna färre än 5 visas inte heller dygn och kostnad."
    )
    if unpriced:
        note += f" {unpriced} placering(ar) saknar pris i avtalet och ingår inte i kostnaden."
    return tally.count("shelter", "Skyddat boende", additive=False, figures=True, note=note)


SHELTER_ROWS = {
    "placements": "Placeringar",
    "nights": "Dygn",
    "cost": "Kostnad (kr)",
    "children": "Barn som följt med",
}

JUDGEMENT_COLUMNS = (("low", "Låg"), ("medium", "Medel"), ("high", "Hög"), ("none", "Ej bedömd"))


def _assessments(found: Sequence[AssessmentFacts]) -> Count:
    tally = _Tally([], list(JUDGEMENT_COLUMNS))
    for a in sorted(found, key=lambda a: (not a.standardised, a.instrument)):
        label = f"{a.instrument} ({'standardiserad' if a.standardised else 'ej standardiserad'})"
        tally.add(label, a.judgement or "none", a.case_id)
    return tally.count(
        "assessments", "Riskbedömningar efter instrument och bedömning", measure="bedömningar"
    )


def _follow_ups(found: Sequence[FollowUpFacts]) -> Count:
    tally = _Tally([(k, v) for k, v in FOLLOW_UP_ROWS.items()], [("value", "Antal")])
    for f in found:
        tally.add("held", "value", f.case_id)
        if f.client_took_part:
            tally.add("with_client", "value", f.case_id)
        for code, n in (
            ("goals_reached", f.goals_reached),
            ("goals_partly", f.goals_partly),
            ("goals_not", f.goals_not),
        ):
            if n:
                tally.add(code, "value", f.case_id, n)
    return tally.count("follow_ups", "Uppföljningar", additive=False, figures=True)


FOLLOW_UP_ROWS = {
    "held": "Uppföljningar hållna",
    "with_client": "Med klienten",
    "goals_reached": "Mål uppnådda",
    "goals_partly": "Mål delvis uppnådda",
    "goals_not": "Mål inte uppnådda",
}


def deadline_compliance(deadlines: Iterable[DeadlineFacts], period: Period, today: date) -> Count:
    """The egenkontroll's deadlines due in the period: met in time, or late (met late, or
    passed unmet). One not yet due is not counted. The one place this is counted, so it can
    later follow domain/compliance.py's rules."""
    columns = [("in_time", "Inom tid"), ("late", "Försenade")]
    tally = _Tally([(k, v) for k, v in DEADLINE_LABELS.items()], columns)
    for d in deadlines:
        if not period.contains(d.due_on):
            continue
        if d.met_on is not None and d.met_on <= d.due_on:
            tally.add(d.kind, "in_time", d.case_id)
        elif d.met_on is not None or d.due_on < today:
            tally.add(d.kind, "late", d.case_id)
    return tally.count("deadlines", "Tidsfrister (egenkontroll)", measure="frister")


def _visits(visits: Iterable[tuple[date, str]], period: Period) -> Count:
    tally = _Tally([(k, v) for k, v in VISIT_ROWS.items()], [("value", "Antal")])
    for day, incident in visits:
        if period.contains(day):
            tally.add("made", "value", "")
            if incident in VISIT_ROWS:
                tally.add(incident, "value", "")
    return tally.count("visits", "Hembesök", additive=False, figures=True, measure="besök")


VISIT_ROWS = {
    "made": "Hembesök gjorda",
    "threat": "Hot",
    "violence": "Våld",
    "other": "Annan händelse",
}


# -- Kolada --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    key: str
    title: str
    count: int
    per_10000: float | None  # None without a population for the year
    definition: str
    case_ids: frozenset[str]


KOLADA_DEFINITIONS = {
    "k1": (
        "Ärenden där huvudpersonen var 18 år eller äldre när ärendet aktualiserades, "
        "aktualiserade under året (aktualiseringsår), med minst en markering av våldstyp "
        "(våld i nära relation eller hedersrelaterat våld) och inte enbart som våldsutövare."
    ),
    "k2": (
        "Av ärendena i nyckeltal 1: de som fått minst en beviljad, signerad insats med "
        "beslutsdatum till och med årets sista dag."
    ),
    "k3": (
        "Ärenden som uppfyller villkoren i nyckeltal 1 (oavsett aktualiseringsår) och fått "
        "insats, avslutade under året (avslutsår) med skälet övergripande mål uppnått eller "
        "mål delvis uppnått."
    ),
}


def _violence_case(case: CaseFacts) -> bool:
    violence = any(m.startswith("violence_") for m in case.markers)
    only_perpetrator = "target_perpetrator" in case.markers and not (
        case.markers & {"target_adult_victim"}
    )
    return case.adult and violence and not only_perpetrator


def kolada(facts: RegisterFacts, year: int, population: int | None) -> tuple[KeyFigure, ...]:
    """The three key figures for violence against adults for `year` (DOMAIN.md)."""
    period = Period.year(year)
    helped = {i.case_id for i in facts.insatser if i.decided_on < period.end}
    adults = [c for c in facts.cases if _violence_case(c)]
    k1 = {c.case_id for c in adults if period.contains(c.intake_on)}
    k2 = k1 & helped
    k3 = {
        c.case_id
        for c in adults
        if c.case_id in helped
        and period.contains(c.closed_on)
        and c.closing_reason in facts.goal_reasons
    }
    titles = (
        ("k1", "Vuxna som aktualiserats för våld i nära relation eller hedersrelaterat våld", k1),
        ("k2", "… av dem som fått minst en insats", k2),
        ("k3", "Ärenden med insats avslutade med målet helt eller delvis uppnått", k3),
    )
    return tuple(
        KeyFigure(key, title, len(ids), per_10000(len(ids), population),
                  KOLADA_DEFINITIONS[key], frozenset(ids))
        for key, title, ids in titles
    )  # fmt: skip


def per_10000(count: int, population: int | None) -> float | None:
    if not population or population <= 0:
        return None
    return round(count * PER / population, 1)
