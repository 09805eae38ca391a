"""Bevakningar: the dates the program watches for one case, as pure rules over small frozen
facts, and the grouping of the morning page (Försenat / Idag / Denna vecka / Senare).

The services gather `CaseDeadlineFacts` from the store in one place; nothing here reads it.
Each rule returns `Deadline`s: what is due, on which day, since when, and the tab that answers
it. Here: a child's two first steps for each anmälan and the investigation's time; the insatser
in deadline_care_rules.py; drafts, signing, access, activity, household children and risk
reassessment in deadline_record_rules.py.
"""

from __future__ import annotations

from datetime import date, timedelta

from vinr_desktop.domain.case_facts import child_investigation_due
from vinr_desktop.domain.child_reports import ReportRules, preliminary_due, protection_due
from vinr_desktop.domain.deadline_care_rules import insats_deadlines
from vinr_desktop.domain.deadline_facts import (
    DEFAULT_ADULT_INVESTIGATION_DAYS,
    CaseDeadlineFacts,
    DeadlineSettings,
    ReportFacts,
)
from vinr_desktop.domain.deadline_kinds import (
    BUCKET_LABELS,
    Bucket,
    Deadline,
    DeadlineKind,
    Tab,
    bucket,
)
from vinr_desktop.domain.deadline_record_rules import record_deadlines
from vinr_desktop.domain.plurals import count_text

__all__ = [
    "BUCKET_LABELS",
    "DEFAULT_ADULT_INVESTIGATION_DAYS",
    "Bucket",
    "CaseDeadlineFacts",
    "Deadline",
    "DeadlineKind",
    "DeadlineSettings",
    "ReportFacts",
    "Tab",
    "all_deadlines",
    "bucket",
    "case_deadlines",
]


def case_deadlines(
    facts: CaseDeadlineFacts,
    report_rules: ReportRules,
    *,
    adult_investigation_days: int = DEFAULT_ADULT_INVESTIGATION_DAYS,
) -> tuple[Deadline, ...]:
    """The case's first steps and investigation (none for a closed case): a child's two first
    steps for each anmälan, from the day that anmälan came in (report_rules:
    child_report_rules.json), and the investigation's time."""
    if facts.closed:
        return ()
    out: list[Deadline] = []
    if facts.is_child_case:
        several = len(facts.reports) > 1
        for report in facts.reports:
            which = f" (anmälan {report.received_on.isoformat()})" if several else ""
            received = f"anmälan kom in {report.received_on.isoformat()}"
            if not report.protection_assessed:
                due = protection_due(report.received_on, report.came_in_late, report_rules)
                out.append(
                    Deadline(
                        DeadlineKind.PROTECTION,
                        due,
                        "Skyddsbedömning" + which,
                        Tab.OVERVIEW,
                        received,
                    )
                )
            if not report.preliminary_decided:
                due = preliminary_due(
                    report.received_on, report_rules, report.preliminary_extended_to
                )
                out.append(
                    Deadline(
                        DeadlineKind.PRELIMINARY,
                        due,
                        "Förhandsbedömning" + which,
                        Tab.OVERVIEW,
                        received,
                    )
                )
    started = facts.investigation_started_on
    if started is not None and facts.investigation_ended_on is None:
        since = f"inledd {started.isoformat()}"
        if facts.is_child_case:
            due = child_investigation_due(started, facts.investigation_extended_to)
            extended = (
                f", förlängd till {facts.investigation_extended_to.isoformat()}"
                if facts.investigation_extended_to is not None
                else ""
            )
            out.append(
                Deadline(
                    DeadlineKind.CHILD_INVESTIGATION,
                    due,
                    "Utredning klar",
                    Tab.OVERVIEW,
                    since + extended,
                )
            )
        else:
            due = started + timedelta(days=adult_investigation_days)
            out.append(
                Deadline(
                    DeadlineKind.ADULT_INVESTIGATION,
                    due,
                    "Utredning pågår länge",
                    Tab.OVERVIEW,
                    f"{since}, mer än {count_text(adult_investigation_days, 'dag', 'dagar')}",
                )
            )
    return tuple(out)


def all_deadlines(
    facts: CaseDeadlineFacts,
    report_rules: ReportRules,
    today: date,
    settings: DeadlineSettings,
) -> tuple[Deadline, ...]:
    """Every line of the morning page for one case on `today` (none for a closed case)."""
    if facts.closed:
        return ()
    out = list(
        case_deadlines(
            facts, report_rules, adult_investigation_days=settings.adult_investigation_days
        )
    )
    for insats in facts.insatser:
        out += insats_deadlines(insats, today, settings)
    out += record_deadlines(facts, today, settings)
    return tuple(out)
