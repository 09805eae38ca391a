"""Egenkontroll: the auditors' ten questions (K1–K10), answered for one case from its facts.

Each question is one pure function of the case's `CaseFacts`, the rules in force and the review
date, returning an `Answer` code and a detail in words ("FREDA 2025-01-14, hög"). A fact dated
after the review date does not count, so a closed or expired case answers as it stood then. A
question that does not apply answers ET, never an error. The insats questions (K5–K7) live in
domain/compliance_care.py; the facts types are shared from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vinr_desktop.domain.case_facts import child_investigation_due
from vinr_desktop.domain.plurals import by_count, count_text


class Question(StrEnum):
    K1 = "K1"
    K2 = "K2"
    K3 = "K3"
    K4 = "K4"
    K5 = "K5"
    K6 = "K6"
    K7 = "K7"
    K8 = "K8"
    K9 = "K9"
    K10 = "K10"


QUESTION_LABELS: dict[Question, str] = {
    Question.K1: "Utredning inledd utan dröjsmål",
    Question.K2: "Standardiserad metod",
    Question.K3: "Risk- och skyddsbedömning",
    Question.K4: "Journalen visar vem, källa och när",
    Question.K5: "Vårdplan och genomförandeplan",
    Question.K6: "Uppföljning med klienten",
    Question.K7: "Skäl när insatsen avslutades",
    Question.K8: "Barn: beslut om utredning inom 14 dagar",
    Question.K9: "Barn: utredning klar inom 4 månader",
    Question.K10: "Barn: barnet har kommit till tals",
}

# Short headings for a table column ("K2 Metod").
QUESTION_SHORT: dict[Question, str] = {
    Question.K1: "Inledd",
    Question.K2: "Metod",
    Question.K3: "Bedömning",
    Question.K4: "Journal",
    Question.K5: "Planer",
    Question.K6: "Uppföljning",
    Question.K7: "Avslut",
    Question.K8: "14 dagar",
    Question.K9: "4 månader",
    Question.K10: "Barnets röst",
}


class Answer(StrEnum):
    JA = "JA"
    NEJ = "NEJ"
    DELVIS = "DELVIS"
    PAGAENDE = "PÅGÅENDE"
    ET = "ET"  # ej tillämplig


ANSWER_LABELS: dict[Answer, str] = {
    Answer.JA: "Ja",
    Answer.NEJ: "Nej",
    Answer.DELVIS: "Delvis",
    Answer.PAGAENDE: "Pågående",
    Answer.ET: "Ej tillämplig",
}

# From the worst: a case with several insatser answers as its worst one.
_WORST_FIRST = (Answer.NEJ, Answer.DELVIS, Answer.PAGAENDE, Answer.JA)


def worst(answers: list[Answer]) -> Answer:
    """The worst of several answers (NEJ before DELVIS before PÅGÅENDE before JA)."""
    return min(answers, key=_WORST_FIRST.index)


@dataclass(frozen=True)
class Rules:
    """The numbers the questions are asked with (settings and the report rules)."""

    investigation_start_days: int = 7  # K1, adults
    journal_signing_days: int = 7  # K4
    preliminary_days: int = 14  # K1 and K8, children
    follow_up_months: int = 6  # K6


@dataclass(frozen=True)
class ReportFact:
    """An anmälan about a child and its two first steps."""

    received_on: date
    protection_assessed_on: date | None = None
    preliminary_decided_on: date | None = None
    opened_investigation: bool | None = None  # the förhandsbedömning's outcome, if decided
    extended_to: date | None = None  # synnerliga skäl

    def due(self, rules: Rules) -> date:
        normal = self.received_on + timedelta(days=rules.preliminary_days)
        return max(normal, self.extended_to) if self.extended_to else normal


@dataclass(frozen=True)
class InvestigationFact:
    started_on: date
    method: str  # the method's label ("BBIC")
    standardised: bool
    extended_to: date | None = None
    extension_reason: str = ""
    ended_on: date | None = None


@dataclass(frozen=True)
class AssessmentFact:
    """A signed risk assessment (or the child's skyddsbedömning made with an instrument)."""

    signed_on: date
    instrument: str  # its name
    method: str | None  # the standardised method it used ("FREDA", "SARA:SV"), if any
    level: str = ""  # the judgement in the instrument's words ("hög")


@dataclass(frozen=True)
class JournalFact:
    """A signed entry written by a person (not one the program writes)."""

    signed_on: date
    event_date: date | None
    has_author: bool
    has_source: bool
    count: int = 1  # entries alike in all the above (the store counts them together)


@dataclass(frozen=True)
class MarkFact:
    """A journal entry marked as the case's risk and protection assessment (K3)."""

    entry_date: date  # the entry's event date
    marked_on: date
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class FollowUpFact:
    held_on: date
    signed_on: date
    client_took_part: bool
    provider_took_part: bool
    next_on: date | None = None


@dataclass(frozen=True)
class InsatsFact:
    """A granted, signed decision's insats and what belongs to it."""

    label: str  # the insats type ("Stödsamtal")
    decided_on: date
    period_from: date
    period_to: date | None = None
    review_on: date | None = None
    care_plan_signed_on: date | None = None  # the first signed vårdplan
    plan_follow_up_on: date | None = None  # what the first vårdplan set
    implementation_requested_on: date | None = None
    implementation_received_on: date | None = None
    follow_ups: tuple[FollowUpFact, ...] = ()
    ended_on: date | None = None  # the Avsluta insats record
    ending_reason: str = ""
    ending_text: str = ""


@dataclass(frozen=True)
class ChildHeardFact:
    on: date
    heard: bool
    words: str  # "samtal med barnet" or "ej hörd: barnets ålder"
    learnt_otherwise: str = ""


@dataclass(frozen=True)
class CaseFacts:
    """Everything the ten questions read about one case."""

    case_id: str
    is_child: bool
    intake_on: date
    assigned_on: date | None = None
    closed_on: date | None = None
    reports: tuple[ReportFact, ...] = ()
    investigations: tuple[InvestigationFact, ...] = ()  # oldest first
    assessments: tuple[AssessmentFact, ...] = ()
    marks: tuple[MarkFact, ...] = ()
    journal: tuple[JournalFact, ...] = ()
    insatser: tuple[InsatsFact, ...] = ()
    child_heard: tuple[ChildHeardFact, ...] = ()


@dataclass(frozen=True)
class Result:
    answer: Answer
    detail: str


def short_day(day: date) -> str:
    """'01-19' within a review's year is enough to read; the full date elsewhere."""
    return day.isoformat()[5:]


def _investigation(facts: CaseFacts, on: date) -> InvestigationFact | None:
    started = [i for i in facts.investigations if i.started_on <= on]
    return started[-1] if started else None


def _assigned_words(facts: CaseFacts, base: date, on: date) -> str:
    if facts.assigned_on is None or facts.assigned_on > on:
        return "ingen handläggare tilldelad"
    return f"handläggare efter {(facts.assigned_on - base).days} d"


# -- K1 -------------------------------------------------------------------------------------


def k1_started_without_delay(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """Adults: start − intake within the setting; children: within the förhandsbedömning's 14
    days (or its extension) from the first report. The time to an assigned handläggare beside."""
    reports = [r for r in facts.reports if r.received_on <= on]
    if facts.is_child and reports:
        base, due = reports[0].received_on, reports[0].due(rules)
    else:
        limit = rules.preliminary_days if facts.is_child else rules.investigation_start_days
        base, due = facts.intake_on, facts.intake_on + timedelta(days=limit)
    assigned = _assigned_words(facts, base, on)
    inv = _investigation(facts, on)
    if inv is not None:
        days = (inv.started_on - base).days
        answer = Answer.JA if inv.started_on <= due else Answer.NEJ
        return Result(answer, f"inledd {inv.started_on.isoformat()} ({days} d); {assigned}")
    if facts.is_child and reports and all(r.opened_investigation is False for r in reports):
        return Result(Answer.ET, "ingen utredning inleddes")
    if facts.closed_on is not None and facts.closed_on <= on:
        return Result(Answer.ET, f"avslutat {facts.closed_on.isoformat()} utan utredning")
    if on > due:
        return Result(Answer.NEJ, f"ej inledd, {(on - base).days} d; {assigned}")
    return Result(Answer.PAGAENDE, f"inleds senast {due.isoformat()}; {assigned}")


# -- K2, K3 ---------------------------------------------------------------------------------


def _assessment_words(a: AssessmentFact, name: str) -> str:
    return f"{name} {a.signed_on.isoformat()}" + (f", {a.level}" if a.level else "")


def k2_standardised_method(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """JA with the names when a signed assessment used a standardised method or the
    investigation follows one (BBIC); otherwise NEJ."""
    names = [
        _assessment_words(a, a.method)
        for a in facts.assessments
        if a.signed_on <= on and a.method is not None
    ]
    inv = _investigation(facts, on)
    if inv is not None and inv.standardised:
        names.append(f"{inv.method} {inv.started_on.isoformat()}")
    if names:
        return Result(Answer.JA, "; ".join(names))
    others = [a for a in facts.assessments if a.signed_on <= on]
    if others:
        return Result(Answer.NEJ, f"bara {others[-1].instrument} (ej standardiserad)")
    return Result(Answer.NEJ, "ingen standardiserad bedömning")


def k3_risk_assessment(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """JA with a signed assessment (any instrument), for a child the skyddsbedömning, or an
    entry the handläggare marked as the case's risk and protection assessment."""
    signed = [a for a in facts.assessments if a.signed_on <= on]
    if signed:
        newest = signed[-1]
        return Result(Answer.JA, _assessment_words(newest, newest.instrument))
    if facts.is_child:
        done = [
            r.protection_assessed_on
            for r in facts.reports
            if r.protection_assessed_on is not None and r.protection_assessed_on <= on
        ]
        if done:
            return Result(Answer.JA, f"skyddsbedömning {max(done).isoformat()}")
    marks = [
        m
        for m in facts.marks
        if m.marked_on <= on and (m.withdrawn_on is None or m.withdrawn_on > on)
    ]
    if marks:
        return Result(Answer.JA, f"journalanteckning {marks[-1].entry_date.isoformat()} markerad")
    return Result(Answer.NEJ, "ingen dokumenterad bedömning")


# -- K4 -------------------------------------------------------------------------------------


def k4_journal(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """JA when every signed hand-written entry has author, source and event date and was signed
    within the setting's days of the event."""
    entries = [e for e in facts.journal if e.signed_on <= on]
    if not entries:
        return Result(Answer.ET, "inga signerade anteckningar")
    missing = sum(
        e.count for e in entries if not (e.has_author and e.has_source and e.event_date is not None)
    )
    late = sum(
        e.count
        for e in entries
        if e.event_date is not None
        and (e.signed_on - e.event_date).days > rules.journal_signing_days
    )
    total = count_text(sum(e.count for e in entries), "anteckning", "anteckningar")
    if not missing and not late:
        return Result(Answer.JA, f"{total} i ordning")
    parts = []
    if missing:
        parts.append(
            by_count(missing, "{0} saknar källa eller datum", "{0} saknar källa eller datum")
        )
    if late:
        days = rules.journal_signing_days
        parts.append(
            by_count(late, f"{{0}} signerad efter {days} d", f"{{0}} signerade efter {days} d")
        )
    return Result(Answer.NEJ, f"{', '.join(parts)} (av {total})")


# -- K8–K10 (children) ----------------------------------------------------------------------


def k8_preliminary_within_14_days(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """Child: each report's förhandsbedömning decided within 14 days (or its extension)."""
    if not facts.is_child:
        return Result(Answer.ET, "vuxen")
    reports = [r for r in facts.reports if r.received_on <= on]
    if not reports:
        return Result(Answer.ET, "ingen anmälan")
    late, waiting, words = 0, 0, []
    for r in reports:
        decided = r.preliminary_decided_on
        if decided is not None and decided <= on:
            days = (decided - r.received_on).days
            if decided > r.due(rules):
                late += 1
            words.append(f"anmälan {short_day(r.received_on)}: beslut efter {days} d")
        elif on > r.due(rules):
            late += 1
            words.append(f"anmälan {short_day(r.received_on)}: ej beslutad")
        else:
            waiting += 1
            words.append(f"anmälan {short_day(r.received_on)}: senast {r.due(rules).isoformat()}")
    answer = Answer.NEJ if late else Answer.PAGAENDE if waiting else Answer.JA
    return Result(answer, "; ".join(words))


def k9_finished_within_4_months(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """Child: the investigation finished within four calendar months of its start, or by the
    end date of an extension recorded with a reason."""
    if not facts.is_child:
        return Result(Answer.ET, "vuxen")
    inv = _investigation(facts, on)
    if inv is None:
        return Result(Answer.ET, "ingen utredning")
    extended = inv.extended_to if inv.extension_reason.strip() else None
    due = child_investigation_due(inv.started_on, extended)
    note = f" (förlängd till {extended.isoformat()})" if extended else ""
    if inv.ended_on is not None and inv.ended_on <= on:
        answer = Answer.JA if inv.ended_on <= due else Answer.NEJ
        return Result(answer, f"avslutad {inv.ended_on.isoformat()}, senast {due}{note}")
    if on > due:
        return Result(Answer.NEJ, f"pågår, skulle vara klar {due.isoformat()}{note}")
    return Result(Answer.PAGAENDE, f"klar senast {due.isoformat()}{note}")


def k10_child_heard(facts: CaseFacts, rules: Rules, on: date) -> Result:
    """Child: heard (date and way), or why not and how the situation was learnt."""
    if not facts.is_child:
        return Result(Answer.ET, "vuxen")
    heard = [h for h in facts.child_heard if h.on <= on]
    if heard:
        h = heard[-1]
        return Result(Answer.JA, f"{h.words} {h.on.isoformat()}")
    inv = _investigation(facts, on)
    if inv is None:
        return Result(Answer.ET, "ingen utredning")
    if inv.ended_on is not None and inv.ended_on <= on:
        return Result(Answer.NEJ, f"utredningen avslutad {inv.ended_on.isoformat()} utan uppgift")
    return Result(Answer.PAGAENDE, "utredningen pågår")


Rule = Callable[[CaseFacts, Rules, date], Result]
