"""Cases (ärenden): how they arrive, the status they move through, closing and reopening.

The rules here are pure: the services ask `check_transition` before changing a status and
record what it says in the journal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput

MAX_TEXT = 20_000
CHILD_AGE_LIMIT = 18


class IntakeKind(StrEnum):
    """How the case arrived (aktualisering)."""

    APPLICATION = "application"
    REPORT = "report"
    INITIATIVE = "initiative"
    OTHER = "other"


INTAKE_LABELS: dict[IntakeKind, str] = {
    IntakeKind.APPLICATION: "Ansökan",
    IntakeKind.REPORT: "Anmälan/orosanmälan",
    IntakeKind.INITIATIVE: "Initiativ",
    IntakeKind.OTHER: "Övrigt",
}


class ReporterKind(StrEnum):
    """Reporter codes the program itself relies on. Every kind a user can choose (police,
    school, health care, a kvinnojour …) is data in resources/reporter_kinds.json."""

    NONE = "none"  # the person applied themselves, or own initiative
    PERSON = "person"  # a private person, named in the text
    AUTHORITY = "authority"  # another authority, named in the text


class ReporterText(StrEnum):
    """Whether a reporter kind asks for a text beside it."""

    NONE = "none"
    OPTIONAL = "optional"  # e.g. which school
    REQUIRED = "required"  # the text names the reporter (a private person, another authority)


@dataclass(frozen=True)
class ReporterChoice:
    """A kind of reporter from the data file."""

    code: str
    label: str
    text: ReporterText
    text_label: str = ""
    placeholder: str = ""

    def words(self, text: str) -> str:
        """The reporter as shown: "Polisen", "Skola eller förskola (Ängeskolan)", or the
        named reporter itself ("Granne", "Migrationsverket")."""
        text = text.strip()
        if self.text is ReporterText.REQUIRED and text:
            return text
        if self.code == ReporterKind.NONE:
            return ""
        return f"{self.label} ({text})" if text else self.label


MAX_REPORTER_TEXT = 200


def parse_reporter_kinds(data: Mapping[str, object]) -> tuple[ReporterChoice, ...]:
    """The kinds in resources/reporter_kinds.json ("none" among them, codes unique)."""
    raw = data.get("kinds")
    if not isinstance(raw, list) or not raw:
        raise ValueError("reporter_kinds.json: 'kinds' must be a non-empty list")
    kinds = tuple(
        ReporterChoice(
            code=str(item["code"]),
            label=str(item["label"]),
            text=ReporterText(item.get("text", "none")),
            text_label=str(item.get("text_label", "")),
            placeholder=str(item.get("placeholder", "")),
        )
        for item in raw
    )
    codes = [k.code for k in kinds]
    if len(set(codes)) != len(codes) or any(not c or len(c) > 20 for c in codes):
        raise ValueError("reporter_kinds.json: codes must be unique, 1-20 characters")
    if ReporterKind.NONE.value not in codes:
        raise ValueError("reporter_kinds.json: the kind 'none' is needed")
    return kinds


def reporter_choice(kinds: Iterable[ReporterChoice], code: str) -> ReporterChoice | None:
    return next((k for k in kinds if k.code == code), None)


def check_reporter(
    kinds: Iterable[ReporterChoice], intake: IntakeKind, code: str, text: str
) -> tuple[str, str]:
    """(code, text) of a valid reporter for a case that arrived as `intake`; the text is
    dropped for a kind that asks for none. InvalidInput says what to correct."""
    choice = reporter_choice(kinds, code)
    if choice is None:
        raise InvalidInput("Välj vem som anmälde.")
    if intake is IntakeKind.REPORT and choice.code == ReporterKind.NONE:
        raise InvalidInput("En anmälan har alltid en anmälare. Välj vem som anmälde.")
    cleaned = "" if choice.text is ReporterText.NONE else text.strip()
    if choice.text is ReporterText.REQUIRED and not cleaned:
        raise InvalidInput(f"Skriv {choice.text_label.lower() or 'vem som anmälde'}.")
    if len(cleaned) > MAX_REPORTER_TEXT:
        raise InvalidInput(f"Anmälaren är för lång (högst {MAX_REPORTER_TEXT} tecken).")
    return choice.code, cleaned


class CaseStatus(StrEnum):
    INTAKE = "intake"  # aktualiserad
    INVESTIGATION = "investigation"  # utredning
    INTERVENTION = "intervention"  # beslut/insats pågår
    CLOSED = "closed"  # avslutad


STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.INTAKE: "Aktualiserad",
    CaseStatus.INVESTIGATION: "Utredning",
    CaseStatus.INTERVENTION: "Beslut/insats pågår",
    CaseStatus.CLOSED: "Avslutad",
}

# The forward moves a handläggare may make by hand. Closing and reopening have their own
# calls because they need a reason.
_FORWARD: dict[CaseStatus, CaseStatus] = {
    CaseStatus.INTAKE: CaseStatus.INVESTIGATION,
    CaseStatus.INVESTIGATION: CaseStatus.INTERVENTION,
}


class PreliminaryOutcome(StrEnum):
    """The förhandsbedömning's decision for a report about a child."""

    OPEN_INVESTIGATION = "open_investigation"
    NO_INVESTIGATION = "no_investigation"


PRELIMINARY_LABELS: dict[PreliminaryOutcome, str] = {
    PreliminaryOutcome.OPEN_INVESTIGATION: "Utredning inleds",
    PreliminaryOutcome.NO_INVESTIGATION: "Utredning inleds inte",
}


@dataclass(frozen=True)
class ChildSteps:
    """Where a child case stands with the two first steps after a report."""

    is_child_case: bool
    protection_assessed: bool
    preliminary_outcome: PreliminaryOutcome | None
    has_reports: bool = True  # False: the case began with an ansökan and has no report


def next_status(status: CaseStatus) -> CaseStatus | None:
    """The one status a case may move forward to by hand, if any."""
    return _FORWARD.get(status)


_PATH = (CaseStatus.INTAKE, CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION)


def status_after_decision(current: CaseStatus, granting: bool) -> CaseStatus | None:
    """Where a signed decision says the case has come, when the case still says otherwise.

    A decision ends an investigation: after a refusal the case is at least in utredning, after
    an insats is granted it is "Beslut/insats pågår". None when the case is there already (or
    further on, or closed): nothing to ask.
    """
    if current not in _PATH:
        return None
    target = CaseStatus.INTERVENTION if granting else CaseStatus.INVESTIGATION
    return target if _PATH.index(current) < _PATH.index(target) else None


def steps_to(current: CaseStatus, target: CaseStatus) -> tuple[CaseStatus, ...]:
    """The forward steps from `current` to `target` (each checked with `check_transition`)."""
    if current not in _PATH or target not in _PATH:
        return ()
    return _PATH[_PATH.index(current) + 1 : _PATH.index(target) + 1]


def check_transition(current: CaseStatus, target: CaseStatus, child: ChildSteps) -> None:
    """Raise InvalidInput unless `current → target` is allowed by hand."""
    if current is CaseStatus.CLOSED:
        raise InvalidInput("Ärendet är avslutat. Återöppna det först.")
    if _FORWARD.get(current) is not target:
        raise InvalidInput(
            f"Ett ärende kan inte gå från {STATUS_LABELS[current].lower()} till "
            f"{STATUS_LABELS[target].lower()}."
        )
    if child.is_child_case and child.has_reports and target is CaseStatus.INVESTIGATION:
        if not child.protection_assessed:
            raise InvalidInput("Gör skyddsbedömningen för varje anmälan innan utredningen inleds.")
        if child.preliminary_outcome is not PreliminaryOutcome.OPEN_INVESTIGATION:
            raise InvalidInput(
                "Förhandsbedömningen måste vara beslutad med utfallet att utredning inleds."
            )


AGE_QUESTION = (
    "Huvudpersonens ålder är okänd. Ärendet hanteras som ett barnärende tills födelsedatumet "
    "är angivet under Personer."
)


def is_child(birth_date: date | None, on: date) -> bool:
    """Under 18 on the given day. An unknown birth date is a question to answer, and until it
    is answered the person is treated as a child (every child-protection step applies)."""
    if birth_date is None:
        return True
    years = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return years < CHILD_AGE_LIMIT


# -- case numbers ---------------------------------------------------------------------

_PREFIX = re.compile(r"^[A-ZÅÄÖ]{1,8}$")


def validate_prefix(prefix: str) -> str:
    cleaned = prefix.strip().upper()
    if not _PREFIX.match(cleaned):
        raise InvalidInput("Ärendeprefixet ska vara 1–8 versaler, till exempel VINR.")
    return cleaned


def case_number(prefix: str, year: int, running: int) -> str:
    """The number a case is known by: unit prefix, year, running number (VINR-2026-0042)."""
    return f"{prefix}-{year}-{running:04d}"


# -- closing --------------------------------------------------------------------------


@dataclass(frozen=True)
class ClosingReason:
    code: str
    label: str
    goal_reached: bool  # counted by the Kolada key figure "closed because the goal was reached"
    detail_label: str  # what the optional detail field asks for ("Till vem"), or ""


def parse_closing_reasons(data: Mapping[str, object]) -> tuple[ClosingReason, ...]:
    """The closing reasons from resources/closing_reasons.json."""
    raw = data.get("reasons")
    if not isinstance(raw, list) or not raw:
        raise ValueError("closing_reasons.json: 'reasons' must be a non-empty list")
    reasons = []
    for item in raw:
        if not isinstance(item, dict):
            raise ValueError("closing_reasons.json: each reason must be an object")
        reasons.append(
            ClosingReason(
                code=str(item["code"]),
                label=str(item["label"]),
                goal_reached=bool(item.get("goal_reached", False)),
                detail_label=str(item.get("detail", "")),
            )
        )
    return tuple(reasons)


def check_closing(reasons: Iterable[ClosingReason], code: str, text: str) -> ClosingReason:
    """The chosen reason, if the closing is complete; else InvalidInput."""
    by_code = {r.code: r for r in reasons}
    if code not in by_code:
        raise InvalidInput("Välj en avslutsorsak.")
    if not text.strip():
        raise InvalidInput("Skriv en motivering till avslutet.")
    check_text(text, "Motiveringen")
    return by_code[code]


def check_reason(text: str, what: str = "Skälet") -> str:
    """A required free-text reason (reopening, correction, reveal)."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(f"{what} måste fyllas i.")
    return check_text(cleaned, what)


def check_text(text: str, what: str = "Texten") -> str:
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"{what} är för lång (högst {MAX_TEXT} tecken).")
    return text
