"""What the care services (providers, decisions, vårdplaner, genomförandeplaner, follow-ups)
hand to the UI: plain frozen values. Inputs the UI fills are the domain's drafts:
`domain.providers.ProviderInput`, `domain.decisions.DecisionDraft`,
`domain.care_plans.CarePlanDraft`, `domain.follow_ups.FollowUpDraft` and
`ImplementationPlanInput` below.

Dates are ISO `YYYY-MM-DD` text ("" when not set) as elsewhere in the views; moments are ISO UTC
text. Names of people are the users' full names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.care_deadlines import CareCheck, PlanStatus
from vinr_desktop.domain.care_plans import ResponsibleRole
from vinr_desktop.domain.decisions import (
    DecisionOutcome,
    InsatsState,
    InsatsType,
    LegalGround,
    grounds_for,
    grounds_for_child_shelter,
)
from vinr_desktop.domain.follow_ups import ClientQuestion, FollowUpDecision, GoalOutcome

# -- providers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderView:
    """One provider of the register (its own address: not a client's, fine to show)."""

    provider_id: str
    name: str
    kind: str  # ProviderKind code
    kind_label: str
    own: bool  # "egen insats": the handläggare herself
    street: str
    postal_code: str
    city: str
    phone: str
    email: str
    contact_person: str
    takes_children: bool
    agreement_ref: str
    quality_requirements: str
    permit_number: str
    active: bool
    public: bool = False  # kommunal or regional regi
    ivo_notified: bool = False
    confidentiality_by_contract: bool = False
    price_per_night: int | None = None  # kronor per dygn in the agreement

    @property
    def address_text(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.street, place) if p)


# -- decisions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionOptions:
    """What the decision form offers: the lists come from resources/care/*.json."""

    legal_grounds: tuple[LegalGround, ...]  # all; filter with `grounds_on(day, child=...)`
    insats_types: tuple[InsatsType, ...]
    outcomes: tuple[tuple[DecisionOutcome, str], ...]  # (outcome, label)
    providers: tuple[ProviderView, ...]  # active providers
    closing_reasons: tuple[tuple[str, str], ...]  # (code, label), for ending an insats
    is_child_case: bool  # the case's main person is a child: grounds for children

    def grounds_on(self, day: date) -> tuple[LegalGround, ...]:
        """The grounds valid on `day` for this case's main person."""
        return grounds_for(self.legal_grounds, day, child=self.is_child_case)

    def shelter_grounds_on(self, day: date, consent: str) -> tuple[LegalGround, ...]:
        """The grounds for a child's skyddat boende on `day` fitting the guardians' answer."""
        return grounds_for_child_shelter(self.legal_grounds, day, consent)


@dataclass(frozen=True)
class ChildAlong:
    """A child coming along to skyddat boende, and its own case and decision if made."""

    person_id: str
    name: str
    child_case_id: str | None  # a case where the child is the main person (visible to the user)
    child_case_number: str | None
    has_own_decision: bool  # a signed, granting decision in that case


@dataclass(frozen=True)
class InsatsEnding:
    ended_on: str
    reason_code: str
    reason_label: str
    text: str
    ended_by: str
    client_agreed: bool | None = None  # None: not asked when it was recorded
    decision_reasons: str = ""  # ended against the client's wish: a decision, its reasons

    @property
    def is_decision(self) -> bool:
        return self.client_agreed is False


@dataclass(frozen=True)
class DecisionView:
    """A decision; when granted and signed, also the insats it starts."""

    decision_id: str
    case_id: str
    outcome: DecisionOutcome
    outcome_label: str
    applied_on: str
    decided_on: str
    legal_ground: str  # code
    legal_ground_text: str  # label and reference, as printed
    insats_type: str  # code
    insats_label: str
    shelter: bool  # skyddat boende or the like
    provider_id: str | None
    provider_name: str
    provider_own: bool  # egen insats
    period_from: str
    period_to: str  # "" = tills vidare
    period_text: str
    extent: str
    motivation: str
    children_along: tuple[ChildAlong, ...]
    created_by: str
    saved_utc: str
    signed_by: str
    signed_utc: str | None  # None: a draft (only its author sees it)
    ending: InsatsEnding | None
    state: InsatsState
    state_label: str
    parent_decision_id: str | None  # set in a child's own decision made beside a parent's
    review_on: str = ""  # omprövning, "" when none is set
    child_needs: str = ""  # a child's own skyddat boende decision: the child's needs
    guardian_consent: str = ""  # GuardianConsent value, "" when unanswered
    disclosure: str = ""  # the basis for giving the provider the client's details, in words
    disclosure_needed: bool = False  # a private provider: a document for it needs that basis

    @property
    def is_draft(self) -> bool:
        return self.signed_utc is None

    @property
    def is_insats(self) -> bool:
        return self.state is not InsatsState.NOT_INSATS


@dataclass(frozen=True)
class ChildCaseResult:
    """The child's own case and the draft of its own decision, prepared beside a parent's
    skyddat boende decision (`decision_id` is that draft, or the child's decision if one was
    already made from the parent's)."""

    case_id: str
    number: str
    decision_id: str
    new_case: bool  # False: the child already had a case the user may write in


# -- vårdplan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalView:
    goal_id: str
    position: int  # 1, 2, …
    text: str
    indicator: str  # how it will be seen that the goal is reached


@dataclass(frozen=True)
class ResponsibilityView:
    role: ResponsibleRole
    role_label: str
    text: str


@dataclass(frozen=True)
class CarePlanVersion:
    """One version in a vårdplan's history (for the version list)."""

    plan_id: str
    version: int
    signed_utc: str | None  # None: the draft
    signed_by: str
    saved_utc: str


@dataclass(frozen=True)
class CarePlanView:
    """One version of the vårdplan of one insats."""

    plan_id: str
    decision_id: str
    case_id: str
    version: int
    based_on_id: str | None  # the signed version this one was copied from
    goals: tuple[GoalView, ...]
    responsibilities: tuple[ResponsibilityView, ...]
    period_from: str
    period_to: str
    client_participation: str
    client_view: str
    children_needs: str
    follow_up_on: str
    follow_up_how: str
    created_by: str
    saved_utc: str
    signed_by: str
    signed_utc: str | None
    is_current: bool  # the newest signed version

    @property
    def is_draft(self) -> bool:
        return self.signed_utc is None


@dataclass(frozen=True)
class PlanWithDecision:
    """A vårdplan version with the decision whose insats it plans: what its document shows."""

    plan: CarePlanView
    decision: DecisionView


# -- genomförandeplan ---------------------------------------------------------------------


class ReceivedAs(StrEnum):
    DOCUMENT = "document"  # received on paper / as a file: registered with a note
    TYPED = "typed"  # its content typed in here (or written here for egen insats)


@dataclass(frozen=True)
class Activity:
    """One activity of a genomförandeplan: what, to which goal, who, when, how."""

    activity: str
    goal: str = ""
    who: str = ""
    when: str = ""
    how: str = ""


@dataclass(frozen=True)
class ImplementationPlanInput:
    """The genomförandeplan as received (or, for egen insats, written)."""

    received_on: date
    received_as: ReceivedAs
    document_note: str = ""  # what was received, for a document ("Genomförandeplan daterad …")
    activities: tuple[Activity, ...] = ()
    participation: str = ""  # the client's participation
    adopted_on: date | None = None  # date adopted (fastställd)
    follow_up: str = ""  # how the provider follows it up


@dataclass(frozen=True)
class ImplementationPlanView:
    decision_id: str
    own: bool  # egen insats: the handläggare writes it here, nothing is requested
    status: PlanStatus
    status_label: str
    requested_on: str
    requested_how: str
    reminder_due: str  # "" unless requested and not received
    received_on: str
    received_as: ReceivedAs | None
    document_note: str
    activities: tuple[Activity, ...]
    participation: str
    adopted_on: str
    follow_up: str
    updated_by: str
    updated_utc: str
    reminders: tuple[str, ...] = ()  # each reminder sent, oldest first: "2026-02-21\nTelefon"
    last_contact_on: str = ""  # the request or the latest reminder: the next reminder counts


# -- uppföljning ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalResultView:
    goal_id: str
    position: int
    goal_text: str
    indicator: str
    outcome: GoalOutcome | None
    outcome_label: str
    comment: str


@dataclass(frozen=True)
class ClientAnswerView:
    question: str  # code
    question_text: str
    option: str  # code, "" = not answered
    option_label: str
    text: str


@dataclass(frozen=True)
class FollowUpView:
    follow_up_id: str
    decision_id: str
    case_id: str
    plan_id: str  # the vårdplan version followed up
    plan_version: int
    held_on: str
    client_took_part: bool
    provider_took_part: bool
    others: str
    participants_text: str  # "Klienten, utföraren, …" as printed
    goals: tuple[GoalResultView, ...]
    answers: tuple[ClientAnswerView, ...]
    decision: FollowUpDecision | None
    decision_label: str
    decision_text: str
    next_on: str
    created_by: str
    saved_utc: str
    signed_by: str
    signed_utc: str | None

    @property
    def is_draft(self) -> bool:
        return self.signed_utc is None


@dataclass(frozen=True)
class FollowUpForm:
    """What a new follow-up form starts from: the goals of the current vårdplan, the client
    questions, and the proposed next date (held_on + the interval setting)."""

    decision_id: str
    plan_id: str
    plan_version: int
    goals: tuple[GoalView, ...]
    questions: tuple[ClientQuestion, ...]
    interval_months: int
    proposed_next_on: date  # for a follow-up held today
    review_on: date | None = None  # the decision's omprövning: proposals never pass it
    period_to: date | None = None  # the decision's last day: likewise


# -- the case's insatser together ----------------------------------------------------------


@dataclass(frozen=True)
class InsatsOverview:
    """One decision with where its plans and follow-ups stand (the case's Insatser list)."""

    decision: DecisionView
    care_plan: CarePlanVersion | None  # the newest signed version
    care_plan_draft: CarePlanVersion | None
    implementation_status: PlanStatus | None  # None: not an insats
    implementation_label: str
    last_follow_up_on: str
    next_follow_up_on: str  # "" when not running
    follow_up_overdue: bool
    checks: tuple[CareCheck, ...]


@dataclass(frozen=True)
class CareSettings:
    """The settings the care services use (read by everyone, changed by the administrator)."""

    reminder_days: int
    interval_months: int
    provider_identity: str  # "full" or "birth_date"
