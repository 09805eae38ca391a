"""Frozen views of gallring: the rules in force, the proposal, the gallringslogg."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.retention import Verdict


@dataclass(frozen=True)
class RulesView:
    """Which rule set is in force and since when, and what it keeps."""

    name: str
    reference: str
    reference_checked: bool
    in_force_since: str  # ISO date
    years: int
    research_birth_days: tuple[int, ...]
    kept_kinds: tuple[str, ...]
    plan_name: str  # "" when no dokumenthanteringsplan is loaded or in force
    plan_decision: str
    plan_in_force_from: str


@dataclass(frozen=True)
class PersonLine:
    """A person in a case of the proposal: a name only to someone who may open the case."""

    text: str  # "Testa Testsson", "T. T." or "Skyddad person"
    role_label: str
    kept: bool  # born on a research day
    only_here: bool  # no other case links the person: she goes with the case


@dataclass(frozen=True)
class ProposalRow:
    case_id: str
    label: str  # the case number, or "Skyddat ärende (ABC123)" for one the user may not open
    hidden: bool  # a protected case the user may not open
    protected: bool
    intake_date: str
    last_entry: str
    due_on: str
    finish_by: str
    verdict: Verdict
    verdict_label: str
    why: str  # the rule that makes it due, or the exception that keeps it
    persons: tuple[PersonLine, ...]

    @property
    def due(self) -> bool:
        return self.verdict is Verdict.DUE


@dataclass(frozen=True)
class Proposal:
    rules: RulesView
    today: str
    rows: tuple[ProposalRow, ...]  # due first, then kept and waiting
    not_yet: int  # closed cases whose five years have not passed
    open_cases: int


@dataclass(frozen=True)
class ApprovalView:
    approval_id: str
    decision: str
    approved_by: str
    approved_utc: str
    cases: int
    executed_utc: str | None


@dataclass(frozen=True)
class LogRow:
    """One gallrad case: what, when, by which rule and approval; never its content."""

    label: str  # case number, or its keyed reference for a protected case
    reference: str  # the keyed reference, as the log review names the case's events
    intake_date: str
    last_entry: str
    due_on: str
    rule_set: str
    decision: str
    persons_deleted: int
    rows_deleted: int
    gallrad_utc: str
    gallrad_by: str


@dataclass(frozen=True)
class GallringResult:
    approval_id: str
    gallrad: int
    skipped: tuple[str, ...]  # labels of approved cases no longer due (a new entry came)
    rows_deleted: int
    persons_deleted: int
    compacted: bool = True  # False: the disk was too full to rebuild the file afterwards
