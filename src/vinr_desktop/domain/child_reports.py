"""Reports (anmälningar) about a child, one row each: every report needs its own
skyddsbedömning ("genast": the same day, the next day only when it came in late) and its own
förhandsbedömning within 14 days of the day it came in (longer only with synnerliga skäl,
recorded). An ansökan is not a report: a case that began with one has none of these steps until
a report comes in. The day counts are data (resources/child_report_rules.json).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from vinr_desktop.domain.cases import ChildSteps, PreliminaryOutcome, check_reason
from vinr_desktop.domain.errors import InvalidInput


@dataclass(frozen=True)
class ReportRules:
    protection_days: int  # 0: the same day
    protection_days_late: int  # when the report came in late in the day
    preliminary_days: int


def parse_report_rules(data: Mapping[str, object]) -> ReportRules:
    """The rules from resources/child_report_rules.json (whole days, none negative)."""
    values = []
    for key in ("protection_days", "protection_days_late", "preliminary_days"):
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 60:
            raise ValueError(f"child_report_rules.json: '{key}' must be 0-60 days")
        values.append(value)
    return ReportRules(*values)


def protection_due(received: date, came_in_late: bool, rules: ReportRules) -> date:
    """The last day for the skyddsbedömning of a report received on `received`."""
    days = rules.protection_days_late if came_in_late else rules.protection_days
    return received + timedelta(days=days)


def preliminary_due(received: date, rules: ReportRules, extended_to: date | None = None) -> date:
    """The last day for the förhandsbedömning: 14 days from the day the report came in, or the
    later day recorded with synnerliga skäl."""
    normal = received + timedelta(days=rules.preliminary_days)
    return extended_to if extended_to is not None and extended_to > normal else normal


def check_extension(received: date, rules: ReportRules, until: date, reason: str) -> str:
    """A longer time for the förhandsbedömning: a later day and the synnerliga skäl."""
    if until <= received + timedelta(days=rules.preliminary_days):
        raise InvalidInput("Den nya dagen ska ligga efter de 14 dagarna.")
    return check_reason(reason, "De synnerliga skälen")


@dataclass(frozen=True)
class ReportState:
    """Where one report stands with its two steps."""

    protection_assessed: bool
    preliminary_outcome: PreliminaryOutcome | None


def child_steps(is_child_case: bool, reports: Sequence[ReportState]) -> ChildSteps:
    """The case's child steps from its reports: every report assessed for protection, and an
    investigation opened by at least one förhandsbedömning. No report (an ansökan), no steps."""
    outcomes = [r.preliminary_outcome for r in reports if r.preliminary_outcome is not None]
    opened = PreliminaryOutcome.OPEN_INVESTIGATION
    return ChildSteps(
        is_child_case=is_child_case,
        protection_assessed=all(r.protection_assessed for r in reports),
        preliminary_outcome=opened if opened in outcomes else (outcomes[-1] if outcomes else None),
        has_reports=bool(reports),
    )
