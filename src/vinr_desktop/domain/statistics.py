"""Statistik: the kartläggning of a period, counted from the register's facts
(domain/statistics_facts.py) into `Count` tables, each cell with the cases behind it for the
unit's own drill-down. domain/statistics_suppression.py decides what is hidden when a table
leaves the program; domain/statistics_kolada.py has the key figures. Every case counts,
protected ones included. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from vinr_desktop.domain.markers import MARKERS, MarkerGroup
from vinr_desktop.domain.statistics_facts import (
    DEADLINE_COLUMNS,
    DEADLINE_LABELS,
    AssessmentFacts,
    CaseFacts,
    DeadlineFacts,
    FollowUpFacts,
    InsatsFacts,
    Period,
    RegisterFacts,
)


@dataclass(frozen=True)
class Count:
    """One table: rows × columns of counts, each cell with the case ids behind it.

    `additive`: each counted thing is in exactly one cell, so rows and columns add up to
    totals (suppressed with complementary cells). Otherwise (markers: a case has many) the
    totals are `case_total`, the number of distinct cases, and only the primary rule applies.
    `measure`: what is counted, as a total's label says it ("antal ärenden", "antal insatser").
    """

    key: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (code, label)
    columns: tuple[tuple[str, str], ...]
    cells: tuple[tuple[int, ...], ...]
    members: tuple[tuple[frozenset[str], ...], ...]
    additive: bool = True
    case_total: int | None = None
    measure: str = "antal ärenden"
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
    tables.append(deadline_compliance(facts.deadlines))
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
        measure="antal barn",
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
        tally.count(
            "insats_providers", "Insatser efter slag och utförare", measure="antal insatser"
        ),
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
        "assessments", "Riskbedömningar efter instrument och bedömning", measure="antal bedömningar"
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


def deadline_compliance(deadlines: Iterable[DeadlineFacts]) -> Count:
    """The egenkontroll's deadline questions for the period's cases, as the Egenkontroll page
    answers them (services/statistics/facts.py asks domain/compliance.py): how many cases
    answer yes, partly, no."""
    tally = _Tally([(k, v) for k, v in DEADLINE_LABELS.items()], list(DEADLINE_COLUMNS))
    for d in deadlines:
        tally.add(d.kind, d.outcome, d.case_id)
    return tally.count(
        "deadlines",
        "Tidsfrister (egenkontroll)",
        note=(
            "Egenkontrollens frågor för ärendena som aktualiserades under perioden, på "
            "periodens sista dag (eller i dag): samma regler som sidan Egenkontroll. Ärenden "
            "som ännu är inom tiden, eller där frågan inte gäller, räknas inte."
        ),
    )


def _visits(visits: Iterable[tuple[date, str]], period: Period) -> Count:
    tally = _Tally([(k, v) for k, v in VISIT_ROWS.items()], [("value", "Antal")])
    for day, incident in visits:
        if period.contains(day):
            tally.add("made", "value", "")
            if incident in VISIT_ROWS:
                tally.add(incident, "value", "")
    return tally.count("visits", "Hembesök", additive=False, figures=True, measure="antal besök")


VISIT_ROWS = {
    "made": "Hembesök gjorda",
    "threat": "Hot",
    "violence": "Våld",
    "other": "Annan händelse",
}
