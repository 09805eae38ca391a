"""Egenkontroll K1–K10: each question's answer at its boundaries (day 14, exactly four calendar
months, leap years, a review date before an insats ended), and ET where a question does not
apply."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vinr_desktop.domain.compliance import (
    Answer,
    AssessmentFact,
    CaseFacts,
    ChildHeardFact,
    FollowUpFact,
    InsatsFact,
    InvestigationFact,
    JournalFact,
    MarkFact,
    Question,
    ReportFact,
    Rules,
    k1_started_without_delay,
    k2_standardised_method,
    k3_risk_assessment,
    k4_journal,
    k8_preliminary_within_14_days,
    k9_finished_within_4_months,
    k10_child_heard,
)
from vinr_desktop.domain.compliance_care import (
    answer_case,
    k5_plans,
    k6_follow_up,
    k7_ending_reasons,
)

R = Rules()
D = date
ADULT = CaseFacts("a", is_child=False, intake_on=D(2025, 1, 10), assigned_on=D(2025, 1, 11))
CHILD = CaseFacts(
    "c",
    is_child=True,
    intake_on=D(2025, 1, 2),
    reports=(ReportFact(D(2025, 1, 2)),),
)


def _inv(start: date, **kw: object) -> InvestigationFact:
    return InvestigationFact(start, "Ingen särskild metod", False, **kw)  # type: ignore[arg-type]


def test_k1_adult_within_the_setting_and_one_day_late() -> None:
    on_time = replace(ADULT, investigations=(_inv(D(2025, 1, 17)),))
    result = k1_started_without_delay(on_time, R, D(2025, 3, 1))
    assert result.answer is Answer.JA
    assert "7 d" in result.detail and "handläggare efter 1 d" in result.detail
    late = replace(ADULT, investigations=(_inv(D(2025, 1, 18)),))
    assert k1_started_without_delay(late, R, D(2025, 3, 1)).answer is Answer.NEJ
    assert (
        k1_started_without_delay(late, Rules(investigation_start_days=8), D(2025, 3, 1)).answer
        is Answer.JA
    )


def test_k1_not_started_is_pending_then_no_and_a_later_start_does_not_count() -> None:
    started_later = replace(ADULT, investigations=(_inv(D(2025, 1, 30)),))
    assert k1_started_without_delay(started_later, R, D(2025, 1, 15)).answer is Answer.PAGAENDE
    result = k1_started_without_delay(started_later, R, D(2025, 1, 20))
    assert result.answer is Answer.NEJ and "ej inledd" in result.detail


def test_k1_and_k8_child_day_14_is_in_time_day_15_is_not() -> None:
    day14 = replace(
        CHILD,
        reports=(
            ReportFact(
                D(2025, 1, 2), preliminary_decided_on=D(2025, 1, 16), opened_investigation=True
            ),
        ),
        investigations=(_inv(D(2025, 1, 16)),),
    )
    assert k1_started_without_delay(day14, R, D(2025, 3, 1)).answer is Answer.JA
    assert k8_preliminary_within_14_days(day14, R, D(2025, 3, 1)).answer is Answer.JA
    day15 = replace(
        CHILD,
        reports=(
            ReportFact(
                D(2025, 1, 2), preliminary_decided_on=D(2025, 1, 17), opened_investigation=True
            ),
        ),
        investigations=(_inv(D(2025, 1, 17)),),
    )
    assert k1_started_without_delay(day15, R, D(2025, 3, 1)).answer is Answer.NEJ
    k8 = k8_preliminary_within_14_days(day15, R, D(2025, 3, 1))
    assert k8.answer is Answer.NEJ and "15 d" in k8.detail
    extended = replace(day15, reports=(replace(day15.reports[0], extended_to=D(2025, 1, 20)),))
    assert k8_preliminary_within_14_days(extended, R, D(2025, 3, 1)).answer is Answer.JA


def test_k8_undecided_is_pending_until_day_14_and_et_for_adults() -> None:
    assert k8_preliminary_within_14_days(CHILD, R, D(2025, 1, 16)).answer is Answer.PAGAENDE
    assert k8_preliminary_within_14_days(CHILD, R, D(2025, 1, 17)).answer is Answer.NEJ
    assert k8_preliminary_within_14_days(ADULT, R, D(2025, 1, 17)).answer is Answer.ET
    no_report = replace(CHILD, reports=())
    assert k8_preliminary_within_14_days(no_report, R, D(2025, 1, 17)).answer is Answer.ET


def test_k1_child_not_investigated_is_not_applicable() -> None:
    decided = replace(
        CHILD,
        reports=(
            ReportFact(
                D(2025, 1, 2), preliminary_decided_on=D(2025, 1, 5), opened_investigation=False
            ),
        ),
    )
    assert k1_started_without_delay(decided, R, D(2025, 3, 1)).answer is Answer.ET


def test_k2_names_the_standardised_method_or_bbic() -> None:
    freda = AssessmentFact(D(2025, 1, 14), "FREDA", "FREDA", "hög")
    own = AssessmentFact(D(2025, 1, 12), "VINR riskfaktorer", None, "medel")
    result = k2_standardised_method(replace(ADULT, assessments=(own, freda)), R, D(2025, 2, 1))
    assert result == type(result)(Answer.JA, "FREDA 2025-01-14, hög")
    before = k2_standardised_method(replace(ADULT, assessments=(own, freda)), R, D(2025, 1, 13))
    assert before.answer is Answer.NEJ and "VINR riskfaktorer" in before.detail
    bbic = replace(CHILD, investigations=(InvestigationFact(D(2025, 1, 10), "BBIC", True),))
    assert k2_standardised_method(bbic, R, D(2025, 2, 1)).detail == "BBIC 2025-01-10"


def test_k3_any_signed_assessment_the_skyddsbedomning_or_a_mark_withdrawn_later() -> None:
    own = AssessmentFact(D(2025, 1, 12), "VINR riskfaktorer", None, "medel")
    assert (
        k3_risk_assessment(replace(ADULT, assessments=(own,)), R, D(2025, 2, 1)).answer is Answer.JA
    )
    assert k3_risk_assessment(ADULT, R, D(2025, 2, 1)).answer is Answer.NEJ
    assessed = replace(
        CHILD, reports=(ReportFact(D(2025, 1, 2), protection_assessed_on=D(2025, 1, 2)),)
    )
    assert k3_risk_assessment(assessed, R, D(2025, 2, 1)).detail == "skyddsbedömning 2025-01-02"
    mark = MarkFact(D(2025, 1, 20), marked_on=D(2025, 1, 21), withdrawn_on=D(2025, 3, 1))
    marked = replace(ADULT, marks=(mark,))
    assert k3_risk_assessment(marked, R, D(2025, 1, 20)).answer is Answer.NEJ
    assert k3_risk_assessment(marked, R, D(2025, 2, 1)).answer is Answer.JA
    assert k3_risk_assessment(marked, R, D(2025, 3, 1)).answer is Answer.NEJ


def test_k4_signed_on_day_7_is_fine_day_8_is_late() -> None:
    ok = JournalFact(D(2025, 1, 17), D(2025, 1, 10), True, True)
    late = JournalFact(D(2025, 1, 18), D(2025, 1, 10), True, True)
    assert k4_journal(replace(ADULT, journal=(ok,)), R, D(2025, 2, 1)).answer is Answer.JA
    result = k4_journal(replace(ADULT, journal=(ok, late)), R, D(2025, 2, 1))
    assert (
        result.answer is Answer.NEJ and result.detail == "1 signerad efter 7 d (av 2 anteckningar)"
    )
    assert k4_journal(replace(ADULT, journal=(late,)), R, D(2025, 1, 17)).answer is Answer.ET
    # Alike entries come counted; one without an event date lacks what K4 asks for.
    three = replace(late, count=3)
    undated = JournalFact(D(2025, 1, 18), None, True, True)
    result = k4_journal(replace(ADULT, journal=(ok, three, undated)), R, D(2025, 2, 1))
    assert result.detail == (
        "1 saknar källa eller datum, 3 signerade efter 7 d (av 5 anteckningar)"
    )


def test_k9_exactly_four_calendar_months_and_leap_years() -> None:
    def ended(start: date, end: date) -> CaseFacts:
        return replace(CHILD, investigations=(_inv(start, ended_on=end),))

    on = D(2025, 12, 31)
    assert (
        k9_finished_within_4_months(ended(D(2025, 1, 14), D(2025, 5, 14)), R, on).answer
        is Answer.JA
    )
    assert (
        k9_finished_within_4_months(ended(D(2025, 1, 14), D(2025, 5, 15)), R, on).answer
        is Answer.NEJ
    )
    # 31 October 2023 + 4 months is 29 February 2024 (a leap year), not 2 March.
    assert (
        k9_finished_within_4_months(ended(D(2023, 10, 31), D(2024, 2, 29)), R, on).answer
        is Answer.JA
    )
    assert (
        k9_finished_within_4_months(ended(D(2023, 10, 31), D(2024, 3, 1)), R, on).answer
        is Answer.NEJ
    )
    # 31 October 2024 + 4 months is 28 February 2025.
    assert (
        k9_finished_within_4_months(ended(D(2024, 10, 31), D(2025, 3, 1)), R, on).answer
        is Answer.NEJ
    )


def test_k9_running_extension_needs_a_reason_and_adults_are_et() -> None:
    running = replace(CHILD, investigations=(_inv(D(2025, 1, 14)),))
    assert k9_finished_within_4_months(running, R, D(2025, 5, 14)).answer is Answer.PAGAENDE
    assert k9_finished_within_4_months(running, R, D(2025, 5, 15)).answer is Answer.NEJ
    extended = replace(
        CHILD,
        investigations=(
            _inv(D(2025, 1, 14), extended_to=D(2025, 7, 1), extension_reason="Sjukdom"),
        ),
    )
    result = k9_finished_within_4_months(extended, R, D(2025, 6, 1))
    assert result.answer is Answer.PAGAENDE and "förlängd till 2025-07-01" in result.detail
    assert k9_finished_within_4_months(ADULT, R, D(2025, 6, 1)).answer is Answer.ET


def test_k10_heard_or_why_not_and_missing_after_the_investigation() -> None:
    inv = _inv(D(2025, 1, 14), ended_on=D(2025, 4, 1))
    child = replace(CHILD, investigations=(inv,))
    assert k10_child_heard(child, R, D(2025, 3, 1)).answer is Answer.PAGAENDE
    assert k10_child_heard(child, R, D(2025, 4, 1)).answer is Answer.NEJ
    heard = replace(
        child, child_heard=(ChildHeardFact(D(2025, 2, 1), False, "ej hörd: barnets ålder"),)
    )
    assert k10_child_heard(heard, R, D(2025, 4, 1)).detail == "ej hörd: barnets ålder 2025-02-01"
    assert k10_child_heard(ADULT, R, D(2025, 4, 1)).answer is Answer.ET


INSATS = InsatsFact("Stödsamtal", D(2025, 1, 10), D(2025, 1, 10), D(2025, 12, 31))


def test_k5_both_plans_vardplan_only_and_a_plan_only_requested() -> None:
    both = replace(
        INSATS, care_plan_signed_on=D(2025, 1, 12), implementation_received_on=D(2025, 2, 1)
    )
    assert k5_plans(replace(ADULT, insatser=(both,)), R, D(2025, 3, 1)).answer is Answer.JA
    requested = replace(
        INSATS, care_plan_signed_on=D(2025, 1, 12), implementation_requested_on=D(2025, 1, 19)
    )
    result = k5_plans(replace(ADULT, insatser=(requested,)), R, D(2025, 3, 1))
    assert result.answer is Answer.DELVIS
    assert result.detail == "Stödsamtal: vårdplan 01-12, genomförandeplan begärd 01-19, ej mottagen"
    assert k5_plans(replace(ADULT, insatser=(INSATS,)), R, D(2025, 3, 1)).answer is Answer.NEJ
    assert k5_plans(ADULT, R, D(2025, 3, 1)).answer is Answer.ET
    # The plan received after the review date does not count.
    assert k5_plans(replace(ADULT, insatser=(both,)), R, D(2025, 1, 31)).answer is Answer.DELVIS


def test_k6_with_the_client_only_the_provider_and_overdue() -> None:
    client = FollowUpFact(D(2025, 4, 1), D(2025, 4, 1), True, True, next_on=D(2025, 10, 1))
    provider = replace(client, client_took_part=False)
    on = D(2025, 6, 1)
    assert (
        k6_follow_up(
            replace(ADULT, insatser=(replace(INSATS, follow_ups=(client,)),)), R, on
        ).answer
        is Answer.JA
    )
    assert (
        k6_follow_up(
            replace(ADULT, insatser=(replace(INSATS, follow_ups=(provider,)),)), R, on
        ).answer
        is Answer.DELVIS
    )
    # None yet: pending until six months after the start, then late.
    assert (
        k6_follow_up(replace(ADULT, insatser=(INSATS,)), R, D(2025, 7, 10)).answer
        is Answer.PAGAENDE
    )
    late = k6_follow_up(replace(ADULT, insatser=(INSATS,)), R, D(2025, 7, 11))
    assert late.answer is Answer.NEJ and "försenad sedan 07-10" in late.detail
    over = k6_follow_up(
        replace(ADULT, insatser=(replace(INSATS, follow_ups=(client,)),)), R, D(2025, 10, 2)
    )
    assert over.answer is Answer.DELVIS


def test_k7_review_date_before_the_insats_ended_and_a_period_run_out() -> None:
    ended = replace(
        INSATS, ended_on=D(2025, 5, 1), ending_reason="Målen uppnådda", ending_text="Klart."
    )
    case = replace(ADULT, insatser=(ended,))
    assert k7_ending_reasons(case, R, D(2025, 4, 30)).answer is Answer.PAGAENDE
    assert k7_ending_reasons(case, R, D(2025, 5, 1)).answer is Answer.JA
    no_text = replace(ended, ending_text="")
    assert (
        k7_ending_reasons(replace(ADULT, insatser=(no_text,)), R, D(2025, 6, 1)).answer
        is Answer.NEJ
    )
    run_out = replace(INSATS, period_to=D(2025, 3, 31))
    result = k7_ending_reasons(replace(ADULT, insatser=(run_out,)), R, D(2025, 4, 1))
    assert result.answer is Answer.NEJ and "avslutad utan skäl" in result.detail
    assert (
        k7_ending_reasons(replace(ADULT, insatser=(run_out,)), R, D(2025, 3, 31)).answer
        is Answer.PAGAENDE
    )
    # Decided after the review date: not yet an insats.
    assert k7_ending_reasons(case, R, D(2025, 1, 9)).answer is Answer.ET


def test_answer_case_answers_all_ten_for_an_empty_case() -> None:
    answers = answer_case(ADULT, R, D(2025, 1, 12))
    assert list(answers) == list(Question)
    assert answers[Question.K1].answer is Answer.PAGAENDE
    assert {answers[q].answer for q in (Question.K8, Question.K9, Question.K10)} == {Answer.ET}


def test_a_case_taken_in_after_the_review_date_answers_et_throughout() -> None:
    answers = answer_case(ADULT, R, D(2025, 1, 9))
    assert {a.answer for a in answers.values()} == {Answer.ET}
    assert answers[Question.K1].detail == "aktualiserat 2025-01-10, efter granskningsdagen"
