"""One case's row: intake, reporter, status and the path to it (the child steps first,
then the status changes, then the closing), and the first anmälan of a reported case."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from vinr_desktop.domain.cases import (
    PRELIMINARY_LABELS,
    STATUS_LABELS,
    CaseStatus,
    IntakeKind,
    PreliminaryOutcome,
    ReporterKind,
    case_number,
    is_child,
)
from vinr_desktop.services.demo.cases.households import (
    CasePlan,
    Generator,
    weighted,
)
from vinr_desktop.services.demo.cases.vocabulary import (
    ADULT_REPORTERS,
    CHILD_REPORTERS,
    CLOSING_DETAILS,
    CLOSING_TEXTS,
    PRIVATE_REPORTERS,
)
from vinr_desktop.store.vault import new_id


def reported(case: dict[str, Any]) -> bool:
    """A case that began with a report, or has a child step recorded, has its first report."""
    return bool(
        case["intake_kind"] == IntakeKind.REPORT.value
        or case["protection_assessed_on"]
        or case["preliminary_decided_on"]
    )


def first_report(case: dict[str, Any]) -> dict[str, Any]:
    """The case's first report (anmälan) row, from the case's intake and child steps."""
    return {
        "id": new_id(),
        "case_id": case["id"],
        "received_on": case["intake_date"],
        "came_in_late": False,
        "reporter_kind": case["reporter_kind"],
        "reporter_text": case["reporter_text"],
        "protection_assessed_on": case["protection_assessed_on"],
        "protection_needed": case["protection_needed"],
        "protection_note": case["protection_note"],
        "preliminary_decided_on": case["preliminary_decided_on"],
        "preliminary_outcome": case["preliminary_outcome"],
        "preliminary_note": case["preliminary_note"],
        "extended_to": None,
        "extension_reason": "",
        "created_by": case["responsible_user_id"],
        "created_utc": case["created_utc"],
    }


def case_row(
    gen: Generator,
    plan: CasePlan,
    case_id: str,
    prefix: str,
    year: int,
    running: int,
    intake: date,
    responsible: str,
) -> dict[str, Any]:
    rng, today = gen.rng, gen.today
    child = is_child(plan.main.birth, intake)
    if child:
        intake_kind = IntakeKind.REPORT
    else:
        intake_kind = weighted(
            rng,
            (
                (IntakeKind.APPLICATION, 45),
                (IntakeKind.REPORT, 35),
                (IntakeKind.INITIATIVE, 12),
                (IntakeKind.OTHER, 8),
            ),
        )
    reporter_kind, reporter_text = ReporterKind.NONE.value, ""
    if intake_kind is IntakeKind.REPORT:
        if rng.random() < 0.8:
            reporter_kind = rng.choice(CHILD_REPORTERS if child else ADULT_REPORTERS)
        else:
            reporter_kind, reporter_text = ReporterKind.PERSON.value, rng.choice(PRIVATE_REPORTERS)
    age = (today - intake).days
    # Older cases have come further; some young ones are already closed.
    status = weighted(
        rng,
        (
            (CaseStatus.INTAKE, 60 if age < 30 else 8),
            (CaseStatus.INVESTIGATION, 30 if age < 120 else 15),
            (CaseStatus.INTERVENTION, 5 if age < 60 else 35),
            (CaseStatus.CLOSED, 3 if age < 30 else 25),
        ),
    )
    row: dict[str, Any] = {
        "id": case_id,
        "number": case_number(prefix, year, running),
        "year": year,
        "running": running,
        "status": status.value,
        "status_before_close": None,
        "intake_kind": intake_kind.value,
        "intake_date": intake.isoformat(),
        "reporter_kind": reporter_kind,
        "reporter_text": reporter_text,
        "responsible_user_id": responsible,
        "is_child_case": child,
        "protected": False,
        "protection_assessed_on": None,
        "protection_needed": None,
        "protection_note": "",
        "preliminary_decided_on": None,
        "preliminary_outcome": None,
        "preliminary_note": "",
        "closed_on": None,
        "closing_reason": None,
        "closing_detail": "",
        "closing_text": "",
        "last_entry_date": None,
        "created_utc": "",
        "updated_utc": "",
    }
    steps: list[tuple[date, str]] = []  # (date, event text) in order
    if child:
        assessed = min(intake + timedelta(days=rng.choice((0, 0, 1))), today)
        needed = rng.random() < 0.15
        note = (
            "Barnet bedöms kunna bo kvar hemma med den skyddande föräldern."
            if not needed
            else ("Barnet och modern erbjuds plats i skyddat boende samma dag.")
        )
        row.update(
            protection_assessed_on=assessed.isoformat(),
            protection_needed=needed,
            protection_note=note,
        )
        outcome_text = "omedelbart skyddsbehov" if needed else "inget omedelbart skyddsbehov"
        steps.append((assessed, f"Skyddsbedömning {assessed.isoformat()}: {outcome_text}.\n{note}"))
        if status is not CaseStatus.INTAKE or age > 14 or rng.random() < 0.5:
            decided = min(intake + timedelta(days=rng.randrange(3, 14)), today)
            outcome = PreliminaryOutcome.OPEN_INVESTIGATION
            if status is CaseStatus.CLOSED and rng.random() < 0.4:
                outcome = PreliminaryOutcome.NO_INVESTIGATION
            reason = (
                "Uppgifterna om våld i hemmet behöver utredas."
                if outcome is PreliminaryOutcome.OPEN_INVESTIGATION
                else "Familjen har redan stöd och barnet bedöms inte vara i behov av utredning."
            )
            row.update(
                preliminary_decided_on=decided.isoformat(),
                preliminary_outcome=outcome.value,
                preliminary_note=reason,
            )
            steps.append(
                (
                    decided,
                    f"Förhandsbedömning {decided.isoformat()}: "
                    f"{PRELIMINARY_LABELS[outcome].lower()}.\n{reason}",
                )
            )
        else:
            status = CaseStatus.INTAKE
        if row["preliminary_outcome"] == PreliminaryOutcome.NO_INVESTIGATION.value:
            status = CaseStatus.CLOSED
    # Status changes and closing, in order after the child steps.
    moves = {
        CaseStatus.INTAKE: [],
        CaseStatus.INVESTIGATION: [CaseStatus.INVESTIGATION],
        CaseStatus.INTERVENTION: [CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION],
        CaseStatus.CLOSED: [],
    }
    path = moves[status]
    closed_before = CaseStatus.INTAKE
    if status is CaseStatus.CLOSED:
        no_investigation = row["preliminary_outcome"] == PreliminaryOutcome.NO_INVESTIGATION.value
        if not no_investigation:
            closed_before = rng.choice((CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION))
            path = moves[closed_before]
    day = max([intake, *(d for d, _t in steps)])
    current = CaseStatus.INTAKE
    path_days: dict[CaseStatus, date] = {}  # the day the case came to each status
    for target in path:
        day = min(day + timedelta(days=rng.randrange(7, 40)), today)
        steps.append((day, f"Status ändrad: {STATUS_LABELS[current]} → {STATUS_LABELS[target]}."))
        path_days[target] = day
        current = target
    if status is CaseStatus.CLOSED:
        day = min(day + timedelta(days=rng.randrange(14, 120)), today)
        closing = gen.rng.choice(gen.reasons)
        detail = CLOSING_DETAILS.get(closing.code, "") if closing.detail_label else ""
        text = rng.choice(CLOSING_TEXTS).format(name=plan.main.first_name)
        row.update(
            status_before_close=closed_before.value,
            closed_on=day.isoformat(),
            closing_reason=closing.code,
            closing_detail=detail,
            closing_text=text,
        )
        line = f"Ärendet avslutat. Orsak: {closing.label}"
        if detail:
            line += f" ({closing.detail_label.lower()}: {detail})"
        steps.append((day, f"{line}.\n{text}"))
    row["status"] = status.value
    row["_steps"] = steps
    row["_intake_kind"] = intake_kind
    row["_path_days"] = path_days
    return row
