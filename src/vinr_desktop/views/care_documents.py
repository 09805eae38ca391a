"""The view models of the care documents (reports/care_documents.py, reports/case_summary.py).

A builder fills them through the redaction policy (domain/redaction.py): a field the recipient
may not see is None and is never rendered. The document pipeline seals them (every text through
the scrubber) before a report sees them; the report modules never see the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.views.documents import DocumentHead


@dataclass(frozen=True)
class InsatsBlock:
    """The insats a document is about."""

    insats_label: str
    provider_name: str
    period_text: str
    extent: str
    decided_on: str
    outcome_label: str | None  # DECISION_GROUNDS only
    legal_ground_text: str | None
    motivation: str | None


@dataclass(frozen=True)
class PlanContent:
    """A vårdplan version's content, as far as the recipient may see it."""

    version: int
    signed_by: str
    signed_utc: str | None
    goals: tuple[tuple[str, str], ...] | None  # (goal, how it is seen that it is reached)
    responsibilities: tuple[tuple[str, str], ...] | None  # (role label, what)
    client_participation: str | None
    client_view: str | None
    children_needs: str | None
    follow_up_on: str | None
    follow_up_how: str | None


@dataclass(frozen=True)
class CarePlanDocument:
    head: DocumentHead
    insats: InsatsBlock | None
    plan: PlanContent


@dataclass(frozen=True)
class ProviderBlock:
    """The provider an assignment is sent to (its own address: not a client's)."""

    name: str
    kind_label: str
    address: str
    phone: str
    email: str
    contact_person: str
    permit_number: str
    agreement_ref: str | None  # PROVIDER_TERMS
    quality_requirements: str | None


@dataclass(frozen=True)
class AssignmentDocument:
    """Uppdrag: the municipality asks the provider to carry out the insats."""

    head: DocumentHead
    insats: InsatsBlock
    provider: ProviderBlock
    plan: PlanContent | None  # the current signed vårdplan, if any
    implementation_due: str  # the date the genomförandeplan is asked for, or ""
    own: bool  # egen insats: the handläggare herself


@dataclass(frozen=True)
class ActivityLine:
    activity: str
    goal: str
    who: str
    when: str
    how: str


@dataclass(frozen=True)
class ImplementationPlanDocument:
    head: DocumentHead
    insats: InsatsBlock
    status_label: str
    requested_on: str
    requested_how: str
    received_on: str
    document_note: str
    activities: tuple[ActivityLine, ...]
    participation: str
    adopted_on: str
    follow_up: str


@dataclass(frozen=True)
class GoalResultLine:
    position: int
    goal: str
    outcome_label: str
    comment: str


@dataclass(frozen=True)
class AnswerLine:
    question: str
    answer: str
    text: str


@dataclass(frozen=True)
class FollowUpDocument:
    head: DocumentHead
    insats: InsatsBlock
    held_on: str
    participants: str
    plan_version: int
    goals: tuple[GoalResultLine, ...] | None
    answers: tuple[AnswerLine, ...] | None  # the client's own view: not for the provider
    decision_label: str
    decision_text: str
    next_on: str
    signed_by: str


@dataclass(frozen=True)
class PersonLine:
    role_label: str
    name: str
    identity: str
    contact: str  # "" when none; a protected person's is never here
    protection_label: str  # "" when not protected


@dataclass(frozen=True)
class DecisionLine:
    decided_on: str
    outcome_label: str
    insats_label: str
    provider_name: str
    period_text: str
    state_label: str
    legal_ground_text: str
    motivation: str
    signed_by: str


@dataclass(frozen=True)
class FollowUpLine:
    held_on: str
    insats_label: str
    participants: str
    goals_text: str  # "2 uppnådda, 1 delvis, 0 inte uppnådda"
    decision_label: str
    next_on: str


@dataclass(frozen=True)
class JournalLine:
    event_date: str
    kind_label: str
    source_text: str
    author: str
    text: str
    correction_of: int | None  # this entry corrects entry n (by its number in the summary)
    corrected: bool  # a later entry corrects this one
    number: int


@dataclass(frozen=True)
class CaseSummaryDocument:
    """Sammanställning for the file (or the manager): the case in one document."""

    head: DocumentHead
    facts: tuple[tuple[str, str], ...]
    persons: tuple[PersonLine, ...]
    markers: tuple[str, ...]
    decisions: tuple[DecisionLine, ...]
    plans: tuple[tuple[str, PlanContent], ...]  # (insats label, newest signed version)
    follow_ups: tuple[FollowUpLine, ...]
    journal: tuple[JournalLine, ...]
