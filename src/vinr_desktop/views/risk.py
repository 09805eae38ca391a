"""What the risk services hand to the UI: frozen values, already checked and masked for the user.

Services (see their docstrings for access and audit):
- `InstrumentService` (services/risk/instruments.py): the instruments to choose from; an
  administrator adds a municipality's own instrument file.
- `RiskService` (services/risk/assessments.py): start, autosave, sign and read assessments; history,
  comparison and the judgement over time; the contact fact and the case flag.
- `SafetyPlanService` (services/risk/safety_plans.py): versioned, signed safety plans per person.

The count of risk answers is only ever `SupportCount` (its `text` says "Stöd: …"): it is never
the judgement, which is `judgement` / `judgement_label`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.instruments import (
    NOT_ANSWERED,
    RISK_LABELS,
    RISK_ORDER,
    Instrument,
    InstrumentKind,
    RiskLevel,
    Subject,
)
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.risk import Answer, AssessmentDraft, ContactState, SupportCount

# -- instruments ----------------------------------------------------------------------------


class InstrumentSource(StrEnum):
    BUNDLED = "bundled"  # shipped with the program
    ADDED = "added"  # a file the municipality added from Administration


@dataclass(frozen=True)
class InstrumentInfo:
    """One version of an instrument, as listed for choosing or in Administration."""

    instrument_id: str
    version: int
    name: str
    publisher: str
    licence: str
    about: Subject
    about_label: str  # "Våldsutsatt", "Våldsutövare", "Barn"
    kind: InstrumentKind
    description: str
    reassessment_days: int
    source: InstrumentSource
    sha256: str
    in_store: bool  # copied into the store (used, or added by the municipality)
    current: bool  # the version new assessments are made with
    added_utc: str | None = None
    added_by: str = ""  # full name
    reassessment_by_level: tuple[tuple[RiskLevel, int], ...] = ()  # (level, days), low first


@dataclass(frozen=True)
class PersonChoice:
    """A person in the case an assessment can be about."""

    person_id: str
    name: str
    role: PersonRole
    role_label: str
    protected: bool


# -- assessments ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentView:
    """One assessment with the instrument version it was made with.

    `instrument` holds the questions exactly as they were when the assessment was started
    (a later version of the instrument does not change them). `support` is the count of risk
    answers for count instruments, computed now and never stored: show only `support_text`.
    A draft is only ever seen by its author; `editable` says whether this user may change it.
    """

    assessment_id: str
    case_id: str
    instrument: Instrument
    person_id: str
    person_name: str
    person_role: PersonRole
    person_protected: bool
    author: str
    own: bool
    editable: bool  # an own draft in a case the user may write in
    assessed_on: str  # ISO date or ""
    answers: Mapping[str, Answer]  # item id → answer (missing: "Inte besvarad")
    field_values: Mapping[str, str]
    victim_estimate: str
    victim_level: RiskLevel | None
    protective_factors: str
    judgement: RiskLevel | None
    motivation: str
    actions: str
    next_assessment_on: str | None  # as saved (signed: the date set at signing)
    proposed_next_on: str  # signing today + the interval (what the form proposes)
    due_on: str | None  # signed: signing date + interval (when the flag comes back)
    created_utc: str
    saved_utc: str
    signed_utc: str | None
    signed_on: str | None
    support: SupportCount | None
    safety_plan_id: str | None = None  # the person's current signed plan in the case (a link)

    @property
    def is_draft(self) -> bool:
        return self.signed_utc is None

    @property
    def judgement_label(self) -> str:
        """ "låg" / "medel" / "hög" (or the instrument's own words: "ja" / "nej"), or "" when
        not yet chosen."""
        return self.instrument.level_label(self.judgement) if self.judgement is not None else ""

    @property
    def support_text(self) -> str:
        """ "Stöd: N av M riskfaktorer besvarade ja" (empty for instruments without a count)."""
        return self.support.text if self.support is not None else ""

    def answer(self, item_id: str) -> Answer:
        return self.answers.get(item_id, Answer(NOT_ANSWERED))

    def option_label(self, item_id: str) -> str:
        item = self.instrument.item(item_id)
        option = item.option(self.answer(item_id).option) if item else None
        return option.label if option else ""

    def as_draft(self) -> AssessmentDraft:
        """The form's starting values."""
        return AssessmentDraft(
            assessed_on=date.fromisoformat(self.assessed_on) if self.assessed_on else None,
            answers=dict(self.answers),
            field_values=dict(self.field_values),
            victim_estimate=self.victim_estimate,
            victim_level=self.victim_level,
            protective_factors=self.protective_factors,
            judgement=self.judgement,
            motivation=self.motivation,
            actions=self.actions,
            next_assessment_on=(
                date.fromisoformat(self.next_assessment_on) if self.next_assessment_on else None
            ),
        )


@dataclass(frozen=True)
class AssessmentSummary:
    """One line of the case's assessment history."""

    assessment_id: str
    instrument_id: str
    instrument_name: str
    instrument_version: int
    person_name: str
    author: str
    assessed_on: str
    signed_on: str | None
    judgement: RiskLevel | None
    next_assessment_on: str | None
    due_on: str | None
    own: bool
    judgement_word: str = ""  # the judgement in its instrument version's words ("ja")

    @property
    def is_draft(self) -> bool:
        return self.signed_on is None

    @property
    def judgement_label(self) -> str:
        if self.judgement is None:
            return ""
        return self.judgement_word or RISK_LABELS[self.judgement]


@dataclass(frozen=True)
class JudgementPoint:
    """One signed judgement, for the small chart (value 1 = låg, 2 = medel, 3 = hög)."""

    on: str  # ISO date of the assessment
    level: RiskLevel
    assessment_id: str
    instrument_name: str

    @property
    def value(self) -> int:
        return RISK_ORDER[self.level]

    @property
    def label(self) -> str:
        return RISK_LABELS[self.level]


@dataclass(frozen=True)
class RiskStatus:
    """The case's risk situation: the contact fact, the newest signed assessment, the flag."""

    contact: ContactState | None  # None: never recorded
    contact_label: str  # "Ja", "Nej", "Okänt" or "Inte angivet"
    contact_noted_on: str | None
    latest_judgement: RiskLevel | None
    latest_signed_on: str | None
    due_on: str | None  # the newest flag-counting assessment is valid until (exclusive)
    next_assessment_on: str | None  # the planned date of the newest signed assessment
    flagged: bool
    flag_text: str  # why it is flagged, or ""


@dataclass(frozen=True)
class RiskHistory:
    """Everything the case's Risk tab shows."""

    status: RiskStatus
    assessments: tuple[AssessmentSummary, ...]  # signed ones and the user's drafts, newest first
    series: tuple[JudgementPoint, ...]  # signed judgements, oldest first
    writable: bool  # the user may start assessments and change the contact fact


@dataclass(frozen=True)
class ComparisonCell:
    option_label: str  # "" when the item was not in that version
    comment: str
    risk: bool
    changed: bool  # differs from the assessment before it


@dataclass(frozen=True)
class ComparisonRow:
    item_id: str
    section_title: str
    text: str  # from the newest version that has the item
    cells: tuple[ComparisonCell, ...]  # one per column, oldest first

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.cells)


@dataclass(frozen=True)
class ComparisonView:
    """Signed assessments of one instrument side by side, item by item (what changed)."""

    instrument_id: str
    instrument_name: str
    columns: tuple[AssessmentSummary, ...]  # oldest first
    rows: tuple[ComparisonRow, ...]
    supports: tuple[str, ...]  # per column: "Stöd: …" or ""


# -- safety plans ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanReview:
    """A "ska ses över" mark on a plan version, open or resolved."""

    review_id: str
    raised_utc: str
    resolved_utc: str | None
    resolved_by: str
    resolution: str  # "", "reviewed" or "new_version"
    comment: str

    @property
    def open(self) -> bool:
        return self.resolved_utc is None


@dataclass(frozen=True)
class SafetyPlanSummary:
    """One version of a person's plan, for lists (never the safe places)."""

    plan_id: str
    person_id: str
    person_name: str
    version: int
    author: str
    saved_utc: str
    signed_on: str | None
    current: bool  # the newest signed version
    needs_review: bool  # "ska ses över"
    own: bool

    @property
    def is_draft(self) -> bool:
        return self.signed_on is None


@dataclass(frozen=True)
class SafetyPlanView:
    """One version of a plan. `safe_places` is None while hidden (a protected person: show
    "Skyddad — visa" and call `SafetyPlanService.reveal_safe_places` with a reason)."""

    plan_id: str
    case_id: str
    person_id: str
    person_name: str
    person_protected: bool
    version: int
    contacts: str
    safe_places: str | None
    signals: str
    actions_when: str
    children_part: str
    author: str
    own: bool
    editable: bool
    current: bool
    created_utc: str
    saved_utc: str
    signed_utc: str | None
    signed_on: str | None
    reviews: tuple[PlanReview, ...] = field(default=())

    @property
    def is_draft(self) -> bool:
        return self.signed_utc is None

    @property
    def safe_places_hidden(self) -> bool:
        return self.safe_places is None

    @property
    def needs_review(self) -> bool:
        return any(r.open for r in self.reviews)
