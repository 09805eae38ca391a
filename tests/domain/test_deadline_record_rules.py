"""The Bevakningar about the record at their boundaries: drafts from their seventh day (a
journal draft at the latest seven days after its event), entries signed more than seven days
after the event (the seventh is not late; shown for 30 days), shares from 14 days before their
last day and nödåtkomst the day it runs out, a case without activity for 30 days, a child in an
adult's household (a child until the day before it turns 18, leap-day births included), and the
next risk assessment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vinr_desktop.domain.child_reports import parse_report_rules
from vinr_desktop.domain.deadline_facts import (
    AccessEndFacts,
    AssessmentDueFacts,
    CaseDeadlineFacts,
    DeadlineSettings,
    DraftFacts,
    DraftKind,
    HouseholdChildFacts,
    SignedEntryFacts,
)
from vinr_desktop.domain.deadline_kinds import DeadlineKind, Tab
from vinr_desktop.domain.deadline_record_rules import (
    access_end_deadline,
    draft_deadline,
    household_child_deadline,
    inactivity_deadline,
    late_signing_deadline,
    reassessment_deadline,
)
from vinr_desktop.domain.deadline_rules import all_deadlines
from vinr_desktop.resources import child_report_rules_data

SETTINGS = DeadlineSettings()  # 7 days for drafts and signing, 30 without activity
ADULT = CaseDeadlineFacts(
    case_id="c",
    is_child_case=False,
    closed=False,
    intake_on=date(2026, 3, 2),
    investigation_started_on=None,
    investigation_extended_to=None,
    investigation_ended_on=None,
    last_activity_on=date(2026, 3, 2),
)


def test_a_draft_from_its_seventh_day() -> None:
    plan = DraftFacts(DraftKind.CARE_PLAN, 1, date(2026, 3, 2))
    assert draft_deadline(plan, date(2026, 3, 8), SETTINGS) is None
    line = draft_deadline(plan, date(2026, 3, 9), SETTINGS)
    assert line is not None
    assert (line.due_on, line.text, line.tab, line.detail) == (
        date(2026, 3, 9),
        "Osignerad vårdplan",
        Tab.CARE,
        "påbörjad 2026-03-02",
    )
    two = draft_deadline(
        replace(plan, kind=DraftKind.ASSESSMENT, count=2), date(2026, 3, 9), SETTINGS
    )
    assert two is not None
    assert (two.text, two.tab) == ("2 osignerade bedömningar", Tab.ASSESSMENTS)


def test_a_journal_draft_is_due_seven_days_after_its_event_if_that_comes_first() -> None:
    dated_back = DraftFacts(DraftKind.JOURNAL, 1, date(2026, 3, 6), date(2026, 3, 1))
    assert draft_deadline(dated_back, date(2026, 3, 7), SETTINGS) is None
    line = draft_deadline(dated_back, date(2026, 3, 8), SETTINGS)
    assert line is not None
    assert (line.due_on, line.text, line.tab, line.detail) == (
        date(2026, 3, 8),
        "Osignerad journalanteckning",
        Tab.JOURNAL,
        "händelse 2026-03-01, påbörjad 2026-03-06",
    )


def test_journal_entries_signed_more_than_seven_days_after_the_event() -> None:
    today = date(2026, 3, 31)
    on_time = SignedEntryFacts(date(2026, 3, 2), date(2026, 3, 9))  # the seventh day
    late = SignedEntryFacts(date(2026, 3, 2), date(2026, 3, 10))  # the eighth
    assert late_signing_deadline((on_time,), today, SETTINGS) is None
    line = late_signing_deadline((on_time, late), today, SETTINGS)
    assert line is not None
    assert (line.due_on, line.text, line.tab) == (
        date(2026, 3, 10),
        "Journalanteckning signerad sent",
        Tab.JOURNAL,
    )
    assert line.detail == "händelse 2026-03-02, signerad 8 dagar senare (gräns 7)"
    also = SignedEntryFacts(date(2026, 2, 1), date(2026, 3, 20))
    several = late_signing_deadline((late, also), today, SETTINGS)
    assert several is not None
    assert (several.text, several.due_on) == (
        "2 journalanteckningar signerade sent",
        date(2026, 3, 20),
    )
    # Shown for 30 days after the signing, then gone.
    assert late_signing_deadline((late,), date(2026, 4, 9), SETTINGS) is not None
    assert late_signing_deadline((late,), date(2026, 4, 10), SETTINGS) is None
    stricter = replace(SETTINGS, journal_signing_days=3)
    assert late_signing_deadline((on_time,), today, stricter) is not None


def test_a_share_from_fourteen_days_before_its_last_day_and_nodatkomst_on_its_day() -> None:
    share = AccessEndFacts(False, date(2026, 3, 16), "Bo Exempelsson")
    assert access_end_deadline(share, date(2026, 3, 1)) is None
    line = access_end_deadline(share, date(2026, 3, 2))
    assert line is not None
    assert (line.kind, line.text, line.detail) == (
        DeadlineKind.SHARE_ENDING,
        "Delning upphör",
        "med Bo Exempelsson, gäller till och med 2026-03-16",
    )
    assert access_end_deadline(share, date(2026, 3, 16)) is not None  # its last day
    assert access_end_deadline(share, date(2026, 3, 17)) is None
    emergency = AccessEndFacts(True, date(2026, 3, 2), "", "14:35")
    grant = access_end_deadline(emergency, date(2026, 3, 2))
    assert grant is not None
    assert (grant.text, grant.detail) == ("Nödåtkomst upphör", "2026-03-02 kl. 14:35")


def test_a_case_without_activity_from_its_thirtieth_day() -> None:
    assert inactivity_deadline(ADULT, date(2026, 3, 31), SETTINGS) is None
    line = inactivity_deadline(ADULT, date(2026, 4, 1), SETTINGS)
    assert line is not None
    assert (line.due_on, line.tab, line.detail) == (
        date(2026, 4, 1),
        Tab.JOURNAL,
        "senaste händelse 2026-03-02",
    )
    active = replace(ADULT, last_activity_on=date(2026, 3, 20))
    assert inactivity_deadline(active, date(2026, 4, 1), SETTINGS) is None
    never = replace(ADULT, last_activity_on=None)  # counted from the intake
    assert inactivity_deadline(never, date(2026, 4, 1), SETTINGS) is not None


def test_a_child_in_the_household_until_the_day_it_turns_eighteen() -> None:
    leap = HouseholdChildFacts("Lo Fiktiv", date(2008, 2, 29), date(2026, 2, 1), False, False)
    line = household_child_deadline(leap, date(2026, 2, 27))
    assert line is not None
    assert (line.due_on, line.tab, line.detail) == (date(2026, 2, 1), Tab.ASSESSMENTS, "Lo Fiktiv")
    assert household_child_deadline(leap, date(2026, 2, 28)) is not None  # no 29th: still 17
    assert household_child_deadline(leap, date(2026, 3, 1)) is None  # 18
    unknown = replace(leap, birth_date=None)
    assert household_child_deadline(unknown, date(2030, 1, 1)) is not None
    assert household_child_deadline(replace(leap, has_own_case=True), date(2026, 2, 2)) is None
    assert household_child_deadline(replace(leap, assessed=True), date(2026, 2, 2)) is None


def test_only_adult_cases_ask_about_the_children_and_every_rule_meets_in_one_list() -> None:
    rules = parse_report_rules(child_report_rules_data())
    child = HouseholdChildFacts("Lo Fiktiv", date(2020, 1, 1), date(2026, 3, 2), False, False)
    facts = replace(
        ADULT,
        household_children=(child,),
        assessments=(AssessmentDueFacts(date(2026, 3, 2), date(2026, 4, 1)),),
        investigation_started_on=date(2026, 3, 2),
    )
    long = replace(SETTINGS, adult_investigation_days=60)
    kinds = {d.kind: d.due_on for d in all_deadlines(facts, rules, date(2026, 3, 3), long)}
    assert kinds == {
        DeadlineKind.HOUSEHOLD_CHILD: date(2026, 3, 2),
        DeadlineKind.REASSESSMENT: date(2026, 4, 1),
        DeadlineKind.ADULT_INVESTIGATION: date(2026, 5, 1),  # 60 days, the setting
    }
    as_child = replace(facts, is_child_case=True, investigation_started_on=None)
    assert DeadlineKind.HOUSEHOLD_CHILD not in {
        d.kind for d in all_deadlines(as_child, rules, date(2026, 3, 3), long)
    }
    assert all_deadlines(replace(facts, closed=True), rules, date(2026, 3, 3), long) == ()


def test_the_next_risk_assessment_names_the_person_only_when_there_are_several() -> None:
    one = reassessment_deadline(AssessmentDueFacts(date(2026, 3, 2), date(2026, 3, 16)))
    assert (one.due_on, one.text, one.tab, one.detail) == (
        date(2026, 3, 16),
        "Ny riskbedömning",
        Tab.ASSESSMENTS,
        "senaste signerad 2026-03-02",
    )
    named = AssessmentDueFacts(date(2026, 3, 2), date(2026, 3, 16), "Lo Fiktiv")
    assert reassessment_deadline(named).detail == "Lo Fiktiv, senaste signerad 2026-03-02"
