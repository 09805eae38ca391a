"""What the case-facts services hand to the UI: the investigation, assignments, the child heard
and samverkan meetings of one case, as plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InvestigationView:
    investigation_id: str
    started_on: str
    start_label: str
    method_label: str
    method_note: str
    due_on: str  # a child investigation's four months or its extension; "" for an adult
    extended_to: str
    extension_reason: str
    ended_on: str
    outcome_label: str

    @property
    def running(self) -> bool:
        return not self.ended_on


@dataclass(frozen=True)
class AssignmentView:
    assigned_on: str
    user_name: str
    assigned_by: str


@dataclass(frozen=True)
class ChildHeardView:
    person_name: str
    on: str
    text: str  # "Samtal med barnet" or "Inte hörd: barnets ålder – …"


@dataclass(frozen=True)
class MeetingView:
    kind_label: str
    held_on: str
    participants: str
    note: str


@dataclass(frozen=True)
class CaseFactsView:
    """Everything the case's "Utredning och samverkan" section shows."""

    is_child_case: bool
    investigations: tuple[InvestigationView, ...]
    assignments: tuple[AssignmentView, ...]
    child_heard: tuple[ChildHeardView, ...]
    meetings: tuple[MeetingView, ...]
    children: tuple[tuple[str, str], ...]  # (person id, name) the child-heard form offers
    colleagues: tuple[tuple[str, str], ...]  # (user id, name) a case can be handed to
    writable: bool
    persons: tuple[tuple[str, str, str], ...] = ()  # (person id, name, kön code)
    from_report: bool = False  # a child case with an anmälan: its förhandsbedömning starts it
    responsible_id: str = ""  # the handläggare responsible now

    @property
    def running(self) -> InvestigationView | None:
        return next((i for i in self.investigations if i.running), None)
