"""The facts the auditors ask about, for the generated cases: kön on every person, the day the
handläggare was assigned (and a reassignment to the second one), and the investigation record —
started with the status change to Utredning, ended when the case moved on to beslut/insats or
was closed, one child investigation extended with a reason before its four months ran out.

Rows and journal lines are worded as the services write them (services/casefacts/,
services/cases/investigation_record.py). They come from a random stream of their own, so the
rest of the demo stays exactly as the seed made it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from vinr_desktop.domain.care_deadlines import add_months
from vinr_desktop.domain.case_facts import (
    START_WORDS,
    Sex,
    StartBasis,
    child_investigation_due,
)
from vinr_desktop.domain.cases import CaseStatus, IntakeKind
from vinr_desktop.domain.journal import EntryKind, SourceKind
from vinr_desktop.services.casefacts.investigation import methods, outcomes
from vinr_desktop.services.demo.cases.households import Person
from vinr_desktop.services.demo.cases.vocabulary import GIRLS, MEN, WOMEN
from vinr_desktop.store.vault import new_id

OTHER_METHOD = "Kommunens utredningsmall för våld i nära relationer (fiktiv)"
EXTENSION_REASON = (
    "Barnet kan höras först efter sjukhusvistelsen; en utredning från BUP väntas (fiktivt)."
)
# How a closed case's investigation ended, by the case's closing reason.
_OUTCOME_BY_CLOSING = {"handed_over": "handed_over", "client_declines": "client_request"}


@dataclass
class CaseFacts:
    """The facts of the generated cases, filled in case by case."""

    rng: random.Random
    now: datetime
    today: date
    names: dict[str, str]  # user id → full name
    first: str
    second: str
    investigations: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    extended: bool = False  # one child investigation is extended, the first that needs it

    def __post_init__(self) -> None:
        self._methods = {m.code: m.label for m in methods()}
        self._outcomes = {o.code: o.label for o in outcomes()}

    def record_sex(self, persons: list[Person]) -> None:
        """Kön on every person, as a handläggare would have recorded it for these fictional
        names; now and then "annat" or "okänt" (not known to the unit)."""
        for person in persons:
            if person.first_name in WOMEN or person.first_name in GIRLS:
                sex = Sex.WOMAN
            elif person.first_name in MEN:
                sex = Sex.MAN
            else:
                sex = Sex.MAN  # the boys' names of the children
            pick = self.rng.random()
            if pick < 0.02:
                sex = Sex.OTHER
            elif pick < 0.05:
                sex = Sex.UNKNOWN
            person.sex = sex.value

    def for_case(self, case: dict[str, Any], reported: bool) -> list[tuple[Any, ...]]:
        """The case's assignment(s) and investigation; returns their journal rows."""
        events = self._assignments(case)
        events += self._investigation(case, reported)
        author = case["responsible_user_id"]
        return [self._event(case["id"], day, text, author) for day, text in events]

    def _assignments(self, case: dict[str, Any]) -> list[tuple[date, str]]:
        intake = date.fromisoformat(case["intake_date"])
        last = date.fromisoformat(case["closed_on"]) if case["closed_on"] else self.today
        responsible = case["responsible_user_id"]
        first_day = min(intake + timedelta(days=self.rng.choice((0, 1, 1, 2, 3, 6))), last)
        events: list[tuple[date, str]] = []
        # Most of the second handläggare's cases came to her from the first one.
        handed = responsible == self.second != self.first and self.rng.random() < 0.6
        holder = self.first if handed else responsible
        self._assign(case, holder, first_day)
        events.append((first_day, f"Ärendet tilldelat {self.names[holder]} {first_day}."))
        if handed:
            later = min(first_day + timedelta(days=self.rng.randrange(10, 60)), last)
            self._assign(case, responsible, later)
            events.append(
                (later, f"Ärendet överlämnat till {self.names[responsible]} från {later}.")
            )
        return events

    def _assign(self, case: dict[str, Any], user_id: str, on: date) -> None:
        self.assignments.append(
            {
                "id": new_id(),
                "case_id": case["id"],
                "user_id": user_id,
                "assigned_on": on.isoformat(),
                "assigned_by": user_id,
                "created_utc": self._stamp(on),
            }
        )

    def _investigation(self, case: dict[str, Any], reported: bool) -> list[tuple[date, str]]:
        days: dict[CaseStatus, date] = case.pop("_path_days")
        started = days.get(CaseStatus.INVESTIGATION)
        if started is None:
            return []
        child = bool(case["is_child_case"])
        if child and reported:
            basis = StartBasis.PRELIMINARY
        elif case["intake_kind"] == IntakeKind.APPLICATION.value or child:
            basis = StartBasis.APPLICATION
        else:
            basis = StartBasis.DECISION
        if child:
            method = "bbic" if self.rng.random() < 0.85 else "other"
        else:
            method = "none" if self.rng.random() < 0.65 else "other"
        note = OTHER_METHOD if method == "other" else ""
        ended, outcome = None, None
        if CaseStatus.INTERVENTION in days:
            ended, outcome = days[CaseStatus.INTERVENTION], "with_insats"
        elif case["closed_on"]:
            ended = date.fromisoformat(case["closed_on"])
            outcome = _OUTCOME_BY_CLOSING.get(case["closing_reason"], "without_insats")
        text = f"Utredning inledd {started} {START_WORDS[basis]}. Metod: {self._methods[method]}."
        due = child_investigation_due(started)
        if child:
            text += f" Ska vara klar senast {due}."
        events = [(started, text)]
        extended_to, reason = None, ""
        # Extended before its deadline, the first child investigation within two months of it;
        # one already past its four months stays late (the Bevakningar show it).
        if (
            child
            and ended is None
            and not self.extended
            and self.today < due <= self.today + timedelta(days=60)
        ):
            self.extended = True
            extended_to, reason = add_months(due, 2), EXTENSION_REASON
            on = max(started, self.today - timedelta(days=self.rng.randrange(0, 6)))
            events.append((on, f"Utredningstiden förlängd till {extended_to}. Skäl: {reason}"))
        if ended is not None and outcome is not None:
            events.append((ended, f"Utredningen avslutad {ended}: {self._outcomes[outcome]}."))
        stamp = self._stamp(started)
        self.investigations.append(
            {
                "id": new_id(),
                "case_id": case["id"],
                "started_on": started.isoformat(),
                "start_basis": basis.value,
                "method": method,
                "method_note": note,
                "extended_to": extended_to.isoformat() if extended_to else None,
                "extension_reason": reason,
                "ended_on": ended.isoformat() if ended else None,
                "outcome": outcome,
                "created_by": case["responsible_user_id"],
                "created_utc": stamp,
                "updated_utc": self._stamp(ended) if ended else stamp,
            }
        )
        return events

    def _stamp(self, day: date) -> str:
        rng = self.rng
        moment = datetime.combine(
            day, time(rng.randrange(8, 17), rng.randrange(60), rng.randrange(60)), UTC
        )
        return min(moment, self.now).isoformat(timespec="seconds")

    def _event(self, case_id: str, day: date, text: str, author: str) -> tuple[Any, ...]:
        """A signed program entry, in the tuple form of journal.journal_rows."""
        stamp = self._stamp(day)
        kind, source = EntryKind.EVENT.value, SourceKind.PROGRAM.value
        return (stamp, case_id, kind, source, "", day.isoformat(), text, author, stamp, stamp,
                stamp, None, "")  # fmt: skip
