"""Egenkontroll K5–K7: the granted insatser of a case (plans, follow-up with the client, the
reasons when one ended), and `answer_case`, all ten questions for one case.

A case with several insatser answers as its worst one; each insats is named in the detail. An
insats decided after the review date does not count; one whose period ran out without an
Avsluta insats record answers NEJ for K7 ("avslutad utan skäl").
"""

from __future__ import annotations

from datetime import date

from vinr_desktop.domain.care_deadlines import follow_up_due
from vinr_desktop.domain.compliance import (
    Answer,
    CaseFacts,
    InsatsFact,
    Question,
    Result,
    Rule,
    Rules,
    k1_started_without_delay,
    k2_standardised_method,
    k3_risk_assessment,
    k4_journal,
    k8_preliminary_within_14_days,
    k9_finished_within_4_months,
    k10_child_heard,
    short_day,
    worst,
)


def _insatser(facts: CaseFacts, on: date) -> list[InsatsFact]:
    return [i for i in facts.insatser if i.decided_on <= on]


def _ended_on(insats: InsatsFact, on: date) -> date | None:
    """The day the insats ended as known on `on`: its Avsluta record, or its period's end."""
    if insats.ended_on is not None and insats.ended_on <= on:
        return insats.ended_on
    if insats.period_to is not None and insats.period_to < on:
        return insats.period_to
    return None


def _combine(results: list[tuple[Answer, str]], none_words: str) -> Result:
    if not results:
        return Result(Answer.ET, none_words)
    return Result(worst([a for a, _ in results]), "; ".join(w for _, w in results))


def k5_plans(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """Each granted insats: JA vårdplan and genomförandeplan; DELVIS one of them; NEJ
    neither. A genomförandeplan only requested is not a plan."""
    results = []
    for insats in _insatser(facts, on):
        plan = insats.care_plan_signed_on
        care = plan is not None and plan <= on
        received = insats.implementation_received_on
        got = received is not None and received <= on
        words = [f"vårdplan {short_day(plan)}" if plan is not None and care else "ingen vårdplan"]
        requested = insats.implementation_requested_on
        if got and received is not None:
            words.append(f"genomförandeplan {short_day(received)}")
        elif requested is not None and requested <= on:
            words.append(f"genomförandeplan begärd {short_day(requested)}, ej mottagen")
        else:
            words.append("ingen genomförandeplan")
        answer = Answer.JA if care and got else Answer.DELVIS if care or got else Answer.NEJ
        results.append((answer, f"{insats.label}: {', '.join(words)}"))
    return _combine(results, "ingen beviljad insats")


def k6_follow_up(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """JA a signed follow-up with the client and none overdue; DELVIS follow-ups only with the
    provider (or one overdue after an earlier one); NEJ none although due or ended."""
    results = []
    for insats in _insatser(facts, on):
        if insats.period_from > on:
            continue
        held = [f for f in insats.follow_ups if f.signed_on <= on and f.held_on <= on]
        held.sort(key=lambda f: f.held_on)
        ended = _ended_on(insats, on)
        due = follow_up_due(
            insats.period_from,
            rules.follow_up_months,
            last_proposed=held[-1].next_on if held else None,
            plan_follow_up_on=insats.plan_follow_up_on,
            review_on=insats.review_on,
            period_to=insats.period_to,
        )
        overdue = due < on and (ended is None or due <= ended)
        with_client = [f for f in held if f.client_took_part]
        name = insats.label
        if not held:
            if overdue or ended is not None:
                why = f"försenad sedan {short_day(due)}" if overdue else "insatsen avslutad"
                results.append((Answer.NEJ, f"{name}: ingen uppföljning, {why}"))
            else:
                results.append((Answer.PAGAENDE, f"{name}: uppföljning senast {due.isoformat()}"))
            continue
        last = held[-1]
        words = f"{name}: uppföljd {short_day(last.held_on)}"
        if not with_client:
            results.append((Answer.DELVIS, f"{words} utan klienten"))
        elif overdue:
            results.append((Answer.DELVIS, f"{words}; nästa försenad sedan {short_day(due)}"))
        else:
            results.append((Answer.JA, f"{words} med klienten"))
    return _combine(results, "ingen insats att följa upp")


def k7_ending_reasons(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """JA an ended insats with reason and text; NEJ one ended, or whose period is over,
    without; PÅGÅENDE while it runs."""
    results = []
    for insats in _insatser(facts, on):
        name = insats.label
        if insats.ended_on is not None and insats.ended_on <= on:
            if insats.ending_reason and insats.ending_text.strip():
                day = insats.ended_on.isoformat()
                results.append((Answer.JA, f"{name}: avslutad {day}, {insats.ending_reason}"))
            else:
                results.append((Answer.NEJ, f"{name}: avslutad utan skäl i text"))
        elif insats.period_to is not None and insats.period_to < on:
            day = insats.period_to.isoformat()
            results.append((Answer.NEJ, f"{name}: perioden slut {day}, avslutad utan skäl"))
        else:
            results.append((Answer.PAGAENDE, f"{name}: pågår"))
    return _combine(results, "ingen beviljad insats")


RULES: dict[Question, Rule] = {
    Question.K1: k1_started_without_delay,
    Question.K2: k2_standardised_method,
    Question.K3: k3_risk_assessment,
    Question.K4: k4_journal,
    Question.K5: k5_plans,
    Question.K6: k6_follow_up,
    Question.K7: k7_ending_reasons,
    Question.K8: k8_preliminary_within_14_days,
    Question.K9: k9_finished_within_4_months,
    Question.K10: k10_child_heard,
}


def answer_case(facts: CaseFacts, rules: Rules, on: date) -> dict[Question, Result]:
    """All ten answers for one case on the review date `on` (a case taken in after it has
    nothing to answer yet: ET throughout)."""
    if facts.intake_on > on:
        later = Result(
            Answer.ET, f"aktualiserat {facts.intake_on.isoformat()}, efter granskningsdagen"
        )
        return {question: later for question in RULES}
    return {question: rule(facts, rules, on) for question, rule in RULES.items()}
