"""The facts Statistik counts, as the services gather them from the register
(services/statistics/facts.py), and the periods they are counted over. Pure dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

ADULT_AGE = 18


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
    """One case's answer to an egenkontroll question about a deadline (domain/compliance*.py:
    K8, K9, K6) on the review day: `outcome` is "in_time" (JA), "partly" (DELVIS) or "late"
    (NEJ); a case still within its time or where the question does not apply has none."""

    kind: str  # DEADLINE_LABELS
    case_id: str
    outcome: str  # DEADLINE_COLUMNS


DEADLINE_LABELS = {
    "preliminary": "Barn: beslut om utredning inom 14 dagar (K8)",
    "investigation": "Barn: utredning klar inom 4 månader (K9)",
    "follow_up": "Uppföljning med klienten, minst var 6:e månad (K6)",
}
DEADLINE_COLUMNS = (("in_time", "Ja, inom tid"), ("partly", "Delvis"), ("late", "Nej"))


@dataclass(frozen=True)
class RegisterFacts:
    cases: tuple[CaseFacts, ...] = ()
    insatser: tuple[InsatsFacts, ...] = ()
    assessments: tuple[AssessmentFacts, ...] = ()
    follow_ups: tuple[FollowUpFacts, ...] = ()
    deadlines: tuple[DeadlineFacts, ...] = ()
    visits: tuple[tuple[date, str], ...] = ()  # (day back, incident code) of ended hembesök
    goal_reasons: frozenset[str] = frozenset({"goal_reached", "goal_partly_reached"})
