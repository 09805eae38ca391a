"""Överklagande of a decision: whether the appeal came in in time, and where it stands.

The appeal is to reach the nämnd within three weeks from the day the client got the decision
(fick del av beslutet; förvaltningslagen, the reference is in resources/letters/). Three weeks
from a Monday ends on the Monday three weeks later; a time that ends on a Saturday, Sunday,
holiday or afton ends on the next working day (domain/legal_days.py). Without a recorded day of
delivery the time cannot be counted: the appeal is then to be treated as in time.

After an appeal the nämnd reviews its own decision (omprövning: changed or not), and unless it
changed the decision as she asked, sends the appeal on to the förvaltningsrätt, whose outcome is
recorded when it comes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.legal_days import legal_last_day

APPEAL_WEEKS = 3


class Timeliness(StrEnum):
    IN_TIME = "in_time"
    LATE = "late"
    UNKNOWN = "unknown"  # no delivery day recorded: cannot be counted, treated as in time


TIMELINESS_LABELS: dict[Timeliness, str] = {
    Timeliness.IN_TIME: "i rätt tid",
    Timeliness.LATE: "för sent",
    Timeliness.UNKNOWN: "tiden kan inte räknas: inget datum då klienten fick beslutet",
}


class ReviewOutcome(StrEnum):
    """The nämnd's omprövning after an appeal."""

    CHANGED = "changed"  # ändrat som klienten begär (the appeal falls)
    PARTLY_CHANGED = "partly_changed"
    NOT_CHANGED = "not_changed"  # sent on to the court


REVIEW_LABELS: dict[ReviewOutcome, str] = {
    ReviewOutcome.NOT_CHANGED: "Beslutet inte ändrat",
    ReviewOutcome.PARTLY_CHANGED: "Beslutet delvis ändrat",
    ReviewOutcome.CHANGED: "Beslutet ändrat som klienten begär",
}


class CourtOutcome(StrEnum):
    UPHELD = "upheld"  # avslår överklagandet: the decision stands
    CHANGED = "changed"  # bifaller: the decision is changed
    PARTLY_CHANGED = "partly_changed"
    RETURNED = "returned"  # återförvisar to the nämnd
    DISMISSED = "dismissed"  # avvisar (e.g. late)
    WITHDRAWN = "withdrawn"  # the client withdrew (avskrivet)


COURT_LABELS: dict[CourtOutcome, str] = {
    CourtOutcome.UPHELD: "Överklagandet avslaget (beslutet står fast)",
    CourtOutcome.CHANGED: "Överklagandet bifallet (beslutet ändrat)",
    CourtOutcome.PARTLY_CHANGED: "Överklagandet delvis bifallet",
    CourtOutcome.RETURNED: "Återförvisat till nämnden",
    CourtOutcome.DISMISSED: "Överklagandet avvisat",
    CourtOutcome.WITHDRAWN: "Avskrivet (klienten återkallade)",
}


def appeal_last_day(received_on: date) -> date:
    """The last day an appeal can reach the nämnd when she got the decision on `received_on`."""
    return legal_last_day(received_on + timedelta(weeks=APPEAL_WEEKS))


def timeliness(received_on: date | None, appeal_on: date) -> Timeliness:
    """Whether an appeal that reached the nämnd on `appeal_on` did so in time."""
    if received_on is None:
        return Timeliness.UNKNOWN
    return Timeliness.IN_TIME if appeal_on <= appeal_last_day(received_on) else Timeliness.LATE


@dataclass(frozen=True)
class AppealState:
    """What the decision view shows: "Överklagat 2026-03-10 (i rätt tid) · …"."""

    appealed_on: date
    timeliness: Timeliness
    reviewed_on: date | None
    review: ReviewOutcome | None
    court_on: date | None
    court: CourtOutcome | None

    @property
    def text(self) -> str:
        parts = [
            f"Överklagat {self.appealed_on.isoformat()} ({TIMELINESS_LABELS[self.timeliness]})"
        ]
        if self.review is not None and self.reviewed_on is not None:
            parts.append(
                f"omprövat {self.reviewed_on.isoformat()}: {REVIEW_LABELS[self.review].lower()}"
            )
        if self.court is not None and self.court_on is not None:
            parts.append(f"domstolen {self.court_on.isoformat()}: {COURT_LABELS[self.court]}")
        elif self.review is not ReviewOutcome.CHANGED:
            parts.append("väntar på förvaltningsrätten" if self.review else "väntar på omprövning")
        return " · ".join(parts)


def check_appeal(decided_on: date, appeal_on: date, today: date, note: str) -> None:
    """An appeal cannot come before the decision or in the future."""
    if appeal_on > today:
        raise InvalidInput("Datumet då överklagandet kom in kan inte ligga i framtiden.")
    if appeal_on < decided_on:
        raise InvalidInput("Överklagandet kan inte ha kommit in före beslutet.")
    check_text(note, "Kommentaren")


def check_step(earlier: date, on: date, today: date, what: str) -> None:
    """A later step (omprövning, the court's outcome) is dated after the one before it."""
    if on > today:
        raise InvalidInput(f"Datumet för {what} kan inte ligga i framtiden.")
    if on < earlier:
        raise InvalidInput(f"Datumet för {what} ligger före det föregående steget.")
