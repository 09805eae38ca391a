"""Gallring (retention): which cases are due for deletion on a day, and which are kept and why.

The law's rule (12 kap. 1–2 §§ SoL 2001:453, carried on by SoL 2025:400; the references live in
resources/retention/rules.json, never here): a person's records are gallrade five years after
the last entry about the person, not while other records about the same person remain, and the
gallring is finished by the end of the following calendar year. Kept: persons born on the 5th,
15th or 25th of a month (research sample), and some kinds of records (child placements,
faderskap, adoption). A municipality's dokumenthanteringsplan may keep more (more birth days,
more record kinds); it never shortens the law's time.

The unit the program deletes is a case with what only it holds. A case is due when the rule
makes it due for every person in it, and every other case of those persons is due as well
(`evaluate` finds that fixed point), so nothing about a person is deleted while another record
about the same person stays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput


@dataclass(frozen=True)
class KeptKind:
    """A kind of record that is kept (bevaras), and how the program recognises it in a case."""

    code: str
    label: str
    insats_types: frozenset[str] = frozenset()
    markers: frozenset[str] = frozenset()

    def found_in(self, insats_types: frozenset[str], markers: frozenset[str]) -> bool:
        return bool(self.insats_types & insats_types or self.markers & markers)


@dataclass(frozen=True)
class MunicipalPlan:
    """The municipality's dokumenthanteringsplan: what it keeps beyond the law."""

    name: str
    decision: str  # the nämnd's decision adopting it ("SN § 45/2026")
    in_force_from: date
    research_birth_days: frozenset[int] = frozenset()
    kept_kinds: tuple[KeptKind, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    """The rules in force: the law's set, perhaps extended by the municipality's plan."""

    code: str
    name: str
    in_force_from: date
    reference: str
    reference_checked: bool
    years_after_last_entry: int
    finish_by_end_of_following_year: bool
    research_birth_days: frozenset[int]
    kept_kinds: tuple[KeptKind, ...]
    plan: MunicipalPlan | None = None

    @property
    def in_force_since(self) -> date:
        """The later of the law's date and the plan's date."""
        if self.plan is None:
            return self.in_force_from
        return max(self.in_force_from, self.plan.in_force_from)


class Verdict(StrEnum):
    DUE = "due"  # to be gallrad now
    NOT_YET = "not_yet"  # fewer than five years since the last entry
    OPEN = "open"  # the case is not closed
    KEPT_RESEARCH = "kept_research"  # a person born on a research day
    KEPT_KIND = "kept_kind"  # a kind of record that is kept
    LINKED = "linked"  # another record about one of its persons stays


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.DUE: "Gallras",
    Verdict.NOT_YET: "Ännu inte",
    Verdict.OPEN: "Öppet",
    Verdict.KEPT_RESEARCH: "Bevaras (forskning)",
    Verdict.KEPT_KIND: "Bevaras (handlingsslag)",
    Verdict.LINKED: "Väntar",
}


@dataclass(frozen=True)
class CaseFacts:
    """What the rule needs to know about one case; no content."""

    case_id: str
    closed: bool
    last_entry: date
    person_ids: tuple[str, ...]
    insats_types: frozenset[str] = frozenset()
    markers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CaseVerdict:
    case_id: str
    verdict: Verdict
    due_on: date  # the day the duty to gallra starts (five years after the last entry)
    finish_by: date  # the day it must be done by
    last_entry: date
    kept_kinds: tuple[str, ...] = ()  # labels of the kept kinds found
    research_person_ids: tuple[str, ...] = ()
    waits_for: tuple[str, ...] = field(default=())  # cases that hold a person back

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def due_on(last_entry: date, rules: RuleSet) -> date:
    return add_years(last_entry, rules.years_after_last_entry)


def finish_by(due: date, rules: RuleSet) -> date:
    """End of the calendar year after the duty started (or the due day itself)."""
    return date(due.year + 1, 12, 31) if rules.finish_by_end_of_following_year else due


def is_research_birthday(birth: date | None, rules: RuleSet) -> bool:
    return birth is not None and birth.day in rules.research_birth_days


def evaluate(
    cases: Sequence[CaseFacts],
    births: Mapping[str, date | None],
    rules: RuleSet,
    today: date,
) -> dict[str, CaseVerdict]:
    """The verdict of every case on `today`.

    First each case on its own (open, too recent, a research person, a kept kind); then a case
    that would be due waits (LINKED) while any of its persons is in a case that is not due,
    repeated until nothing changes.
    """
    verdicts: dict[str, CaseVerdict] = {}
    for case in cases:
        due = due_on(case.last_entry, rules)
        base = CaseVerdict(case.case_id, Verdict.DUE, due, finish_by(due, rules), case.last_entry)
        research = tuple(p for p in case.person_ids if is_research_birthday(births.get(p), rules))
        kept = tuple(
            k.label for k in rules.kept_kinds if k.found_in(case.insats_types, case.markers)
        )
        if not case.closed:
            verdict = replace(base, verdict=Verdict.OPEN)
        elif research:
            verdict = replace(base, verdict=Verdict.KEPT_RESEARCH, research_person_ids=research)
        elif kept:
            verdict = replace(base, verdict=Verdict.KEPT_KIND, kept_kinds=kept)
        elif today < due:
            verdict = replace(base, verdict=Verdict.NOT_YET)
        else:
            verdict = base
        verdicts[case.case_id] = verdict
    cases_of: dict[str, list[str]] = {}
    for case in cases:
        for person_id in case.person_ids:
            cases_of.setdefault(person_id, []).append(case.case_id)
    changed = True
    while changed:
        changed = False
        for case in cases:
            verdict = verdicts[case.case_id]
            if verdict.verdict is not Verdict.DUE:
                continue
            blocking = sorted(
                {
                    other
                    for person_id in case.person_ids
                    for other in cases_of[person_id]
                    if verdicts[other].verdict is not Verdict.DUE
                }
            )
            if blocking:
                verdicts[case.case_id] = replace(
                    verdict, verdict=Verdict.LINKED, waits_for=tuple(blocking)
                )
                changed = True
    return verdicts


# -- the rules as data ---------------------------------------------------------------------


def _day(value: object, where: str, problems: list[str]) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: datumet måste skrivas ÅÅÅÅ-MM-DD.")
        return date.min


def _days(value: object, where: str, problems: list[str]) -> frozenset[int]:
    if not isinstance(value, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 31 for d in value
    ):
        problems.append(f"{where}: födelsedagar anges som tal 1–31 i en lista.")
        return frozenset()
    return frozenset(value)


def _kinds(value: object, where: str, problems: list[str]) -> tuple[KeptKind, ...]:
    if not isinstance(value, list):
        problems.append(f"{where}: handlingsslag anges som en lista.")
        return ()
    kinds = []
    for index, item in enumerate(value, 1):
        if not isinstance(item, dict) or not item.get("code") or not item.get("label"):
            problems.append(f"{where} nr {index}: kod och benämning krävs.")
            continue
        kinds.append(
            KeptKind(
                str(item["code"]),
                str(item["label"]),
                frozenset(str(t) for t in item.get("insats_types", [])),
                frozenset(str(m) for m in item.get("markers", [])),
            )
        )
    return tuple(kinds)


def parse_rule_sets(data: Mapping[str, object]) -> tuple[RuleSet, ...]:
    """resources/retention/rules.json as rule sets, oldest first; a bad file raises ValueError."""
    items = data.get("rule_sets")
    if not isinstance(items, list) or not items:
        raise ValueError("rules.json: 'rule_sets' must be a non-empty list")
    problems: list[str] = []
    sets = []
    for item in items:
        code = str(item.get("code", ""))
        years = item.get("years_after_last_entry")
        if not isinstance(years, int) or years < 1:
            problems.append(f"{code}: years_after_last_entry must be a positive number")
            years = 5
        sets.append(
            RuleSet(
                code=code,
                name=str(item["name"]),
                in_force_from=_day(item.get("in_force_from"), code, problems),
                reference=str(item["reference"]),
                reference_checked=bool(item.get("reference_checked", False)),
                years_after_last_entry=years,
                finish_by_end_of_following_year=bool(item["finish_by_end_of_following_year"]),
                research_birth_days=_days(item.get("research_birth_days"), code, problems),
                kept_kinds=_kinds(item.get("kept_kinds", []), code, problems),
            )
        )
    if problems:
        raise ValueError("rules.json: " + "; ".join(problems))
    return tuple(sorted(sets, key=lambda s: s.in_force_from))


def parse_plan(data: object) -> MunicipalPlan:
    """A dokumenthanteringsplan file; every problem is listed in one Swedish message."""
    if not isinstance(data, dict):
        raise InvalidInput("Filen är ingen dokumenthanteringsplan (ett JSON-objekt väntades).")
    problems: list[str] = []
    name = str(data.get("name", "")).strip()
    decision = str(data.get("decision", "")).strip()
    if not name:
        problems.append("Planens namn (name) saknas.")
    if not decision:
        problems.append("Nämndens beslut (decision) saknas.")
    start = _day(data.get("in_force_from", ""), "Gäller från (in_force_from)", problems)
    if "years_after_last_entry" in data:
        problems.append(
            "Planen kan inte ändra lagens tid (years_after_last_entry): den kan bara bevara mer."
        )
    days = _days(data.get("research_birth_days", []), "Forskningsdagar", problems)
    kinds = _kinds(data.get("kept_kinds", []), "Handlingsslag som bevaras", problems)
    if problems:
        raise InvalidInput("Dokumenthanteringsplanen kan inte läsas in:\n" + "\n".join(problems))
    return MunicipalPlan(name, decision, start, days, kinds)


def rules_in_force(law: Iterable[RuleSet], plan: MunicipalPlan | None, day: date) -> RuleSet:
    """The law's latest set in force on `day`, with the plan's additions if it is in force."""
    in_force = [s for s in law if s.in_force_from <= day]
    if not in_force:
        raise ValueError(f"no retention rule set in force on {day}")
    rules = in_force[-1]
    if plan is None or plan.in_force_from > day:
        return rules
    known = {k.code for k in rules.kept_kinds}
    return replace(
        rules,
        research_birth_days=rules.research_birth_days | plan.research_birth_days,
        kept_kinds=rules.kept_kinds + tuple(k for k in plan.kept_kinds if k.code not in known),
        plan=plan,
    )
