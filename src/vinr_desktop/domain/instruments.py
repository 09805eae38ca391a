"""Assessment instruments as data: the types an instrument file is read into.

An instrument (a risk-factor checklist, a child protection assessment, the record of an external
instrument's result) is a versioned JSON file. `parse_instrument` (domain/risk_instrument_check.py)
checks every field and reports all problems at once, each naming its place in Swedish
("Avsnitt 2, fråga 3: svarsalternativ saknas"), so a municipality that loads its own file knows
what to fix. The answer "Inte besvarad" is always available and never counts as a risk answer.

Pure Python: the services read the files (resources/instruments/ or an administrator's file)
and keep every version used inside the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput

FORMAT = 1
NOT_ANSWERED = "ej_besvarad"
NOT_ANSWERED_LABEL = "Inte besvarad"
MAX_DAYS = 3650
MAX_FILE_BYTES = 1_000_000


class Subject(StrEnum):
    """Who an instrument is about."""

    VICTIM = "victim"
    PERPETRATOR = "perpetrator"
    CHILD = "child"


SUBJECT_LABELS: dict[Subject, str] = {
    Subject.VICTIM: "Våldsutsatt",
    Subject.PERPETRATOR: "Våldsutövare",
    Subject.CHILD: "Barn",
}


class InstrumentKind(StrEnum):
    CHECKLIST = "checklist"  # sections of items with answer options
    EXTERNAL = "external"  # the result of an instrument used elsewhere: fields, no items


class SummaryKind(StrEnum):
    """How the answers are summed up beside the professional judgement."""

    COUNT = "count"  # risk answers counted, shown as support only
    NONE = "none"
    RATING = "rating"  # the recorded level is the instrument's own rating


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


RISK_LABELS: dict[RiskLevel, str] = {
    RiskLevel.LOW: "låg",
    RiskLevel.MEDIUM: "medel",
    RiskLevel.HIGH: "hög",
}
LEVEL_BY_WORD = {label: level for level, label in RISK_LABELS.items()}
RISK_ORDER: dict[RiskLevel, int] = {RiskLevel.LOW: 1, RiskLevel.MEDIUM: 2, RiskLevel.HIGH: 3}


class FieldKind(StrEnum):
    CHOICE = "choice"
    TEXT = "text"
    LONGTEXT = "longtext"
    DATE = "date"


class Mandatory(StrEnum):
    """Parts of an assessment an instrument can make mandatory before signing."""

    JUDGEMENT = "judgement"
    MOTIVATION = "motivation"
    VICTIM_ESTIMATE = "victim_estimate"
    PROTECTIVE_FACTORS = "protective_factors"
    ACTIONS = "actions"


@dataclass(frozen=True)
class AnswerOption:
    code: str
    label: str
    risk: bool = False  # this answer counts as a risk answer


@dataclass(frozen=True)
class Item:
    item_id: str
    text: str
    guidance: str
    options: tuple[AnswerOption, ...]  # "Inte besvarad" always among them
    mandatory: bool = False  # must be answered (not "Inte besvarad") before signing

    def option(self, code: str) -> AnswerOption | None:
        return next((o for o in self.options if o.code == code), None)

    @property
    def has_risk_answer(self) -> bool:
        return any(o.risk for o in self.options)


@dataclass(frozen=True)
class Section:
    section_id: str
    title: str
    guidance: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ExternalField:
    field_id: str
    label: str
    kind: FieldKind
    choices: tuple[str, ...] = ()
    mandatory: bool = False
    guidance: str = ""
    # The choices that name a standardised method ("instrument": SARA:SV, PATRIARK …).
    standardised_choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instrument:
    """One version of an instrument, as validated from its file."""

    instrument_id: str
    name: str
    version: int
    publisher: str
    licence: str
    about: Subject
    kind: InstrumentKind
    description: str
    journal_text: str  # "Riskbedömning genomförd"
    judgement_label: str  # what the level is called in this instrument
    summary: SummaryKind
    scale: tuple[RiskLevel, ...]
    mandatory: frozenset[Mandatory]
    reassessment_days: int
    sections: tuple[Section, ...] = ()
    fields: tuple[ExternalField, ...] = ()
    # The interval per judged level ("reassessment_days_by_level"): a high risk is assessed
    # again sooner. A level not named uses `reassessment_days`.
    reassessment_by_level: tuple[tuple[RiskLevel, int], ...] = ()
    # The instrument's own words for its levels ("scale_labels"), e.g. the child protection
    # assessment's "nej"/"ja" (omedelbart skyddsbehov) for låg/hög; none: låg/medel/hög.
    scale_labels: tuple[tuple[RiskLevel, str], ...] = ()

    def level_label(self, level: RiskLevel) -> str:
        """The level in this instrument's words ("hög", or "ja" for a yes/no scale)."""
        return dict(self.scale_labels).get(level, RISK_LABELS[level])

    # A standardised method (FREDA, SARA:SV, PATRIARK … loaded by the administrator): the
    # egenkontroll's "standardiserad metod". The program's own checklist is not one.
    standardised: bool = False

    def standardised_method(self, field_values: Mapping[str, str]) -> str | None:
        """The name of the standardised method an assessment used, or None.

        The instrument's own name when it is one; for the record of an external result, the
        chosen value of a field whose choice names one ("SARA:SV").
        """
        if self.standardised:
            return self.name
        for f in self.fields:
            chosen = field_values.get(f.field_id, "")
            if chosen in f.standardised_choices:
                return chosen
        return None

    def reassessment_days_for(self, level: RiskLevel | None) -> int:
        """Days until the next assessment after one judged `level` (None: not judged yet)."""
        found = (days for judged, days in self.reassessment_by_level if judged is level)
        return next(found, self.reassessment_days)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.item_id == item_id), None)

    def field(self, field_id: str) -> ExternalField | None:
        return next((f for f in self.fields if f.field_id == field_id), None)

    @property
    def title(self) -> str:
        return f"{self.name} (version {self.version})"


class InstrumentInvalid(InvalidInput):
    """An instrument file that cannot be used; `problems` lists every fault found."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"• {p}" for p in self.problems[:30])
        more = len(self.problems) - 30
        if more > 0:
            lines += f"\n… och {more} fel till."
        super().__init__(f"Instrumentfilen kan inte användas:\n{lines}")
