"""The case's investigation record as the case's status needs it: which investigation is
running, how one can end, and ending it with its journal line and audit event.

The status rules and the investigation record must agree: a case comes to "Utredning" only
with an investigation recorded (services/casefacts/investigation.py starts it), and a case is
not closed, nor moved on to "Beslut/insats pågår" by hand, while its investigation still runs
without an end. These helpers live here, beside the case's status changes, because the
casefacts services build on the cases package and not the other way round.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.domain import case_facts as rules
from vinr_desktop.domain.case_facts import Choice
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.resources import investigation_data
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.facts_schema import InvestigationRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork


def investigation_outcomes() -> tuple[Choice, ...]:
    """How an investigation can end (resources/investigation.json)."""
    return rules.parse_choices(investigation_data(), "outcomes")


def running_investigation(session: Session, case_id: str) -> InvestigationRow | None:
    """The case's investigation that has started and not ended, if any."""
    return session.execute(
        select(InvestigationRow).where(
            InvestigationRow.case_id == case_id, InvestigationRow.ended_on.is_(None)
        )
    ).scalar_one_or_none()


def has_investigation(session: Session, case_id: str) -> bool:
    """Whether any investigation (running or ended) is recorded in the case."""
    return (
        session.execute(
            select(InvestigationRow.id).where(InvestigationRow.case_id == case_id).limit(1)
        ).first()
        is not None
    )


def end_investigation(work: CaseWork, row: InvestigationRow, on: date, outcome: str) -> None:
    """End the running investigation `row` on `on` with one of the outcomes; journalled and
    audited in the caller's transaction."""
    chosen = rules.choice_of(investigation_outcomes(), outcome, "hur utredningen avslutades")
    rules.check_past(on, work.today, "Slutdatumet")
    if on.isoformat() < row.started_on:
        raise InvalidInput("Utredningen kan inte avslutas före sin start.")
    row.ended_on = on.isoformat()
    row.outcome = chosen.code
    row.updated_utc = work.now_text
    add_event_entry(work, f"Utredningen avslutad {on.isoformat()}: {chosen.label}.", on)
    work.record("investigation_ended", object_id=row.id)
