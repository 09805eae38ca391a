"""What the Bevakningar page shows: one line per deadline, grouped; protected cases the user
may not open only as counts."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.deadline_rules import Bucket, Tab


@dataclass(frozen=True)
class DeadlineLine:
    case_id: str
    number: str
    main_person: str  # initials when protected
    text: str  # what is due
    due_on: str
    bucket: Bucket
    tab: Tab  # the tab of the case that answers it
    detail: str = ""  # since when and about what: "Skyddat boende, begärd 2026-03-02"


@dataclass(frozen=True)
class DeadlinePage:
    lines: tuple[DeadlineLine, ...]  # late first, then by date
    hidden_protected: dict[Bucket, int]  # deadlines of protected cases the user cannot open

    def in_bucket(self, which: Bucket) -> tuple[DeadlineLine, ...]:
        return tuple(line for line in self.lines if line.bucket is which)
