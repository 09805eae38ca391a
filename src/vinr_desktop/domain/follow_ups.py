"""Uppföljning: an insats followed up with the client, goal by goal.

The client must be able to take part: the point is following up WITH the client, not only with
the provider. The client's own view is a short structured question set from
resources/care/follow_up_questions.json (answer options plus free text). Each goal of the
current vårdplan is reached, partly reached or not reached, with a comment; the follow-up ends
in a decision to continue, change or end the insats and proposes the next follow-up date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.errors import InvalidInput

MAX_PARTICIPANTS = 500


class GoalOutcome(StrEnum):
    REACHED = "reached"
    PARTLY = "partly"
    NOT_REACHED = "not_reached"


GOAL_OUTCOME_LABELS: dict[GoalOutcome, str] = {
    GoalOutcome.REACHED: "Uppnått",
    GoalOutcome.PARTLY: "Delvis uppnått",
    GoalOutcome.NOT_REACHED: "Inte uppnått",
}


class FollowUpDecision(StrEnum):
    CONTINUE = "continue"
    CHANGE = "change"  # a new vårdplan version follows
    END = "end"


FOLLOW_UP_DECISION_LABELS: dict[FollowUpDecision, str] = {
    FollowUpDecision.CONTINUE: "Insatsen fortsätter",
    FollowUpDecision.CHANGE: "Insatsen ändras (ny version av vårdplanen)",
    FollowUpDecision.END: "Insatsen avslutas",
}


@dataclass(frozen=True)
class AnswerOption:
    code: str
    label: str


@dataclass(frozen=True)
class ClientQuestion:
    code: str
    text: str
    options: tuple[AnswerOption, ...]

    def label_of(self, option_code: str) -> str:
        return next((o.label for o in self.options if o.code == option_code), "")


@dataclass(frozen=True)
class GoalResult:
    goal_id: str  # a goal of the vårdplan version followed up
    outcome: GoalOutcome | None  # None: not yet assessed (draft)
    comment: str = ""


@dataclass(frozen=True)
class ClientAnswer:
    question: str  # ClientQuestion code
    option: str  # AnswerOption code, or "" (not answered)
    text: str = ""


@dataclass(frozen=True)
class FollowUpDraft:
    """A follow-up as the form holds it."""

    held_on: date | None
    client_took_part: bool
    provider_took_part: bool
    others: str  # others who took part, as text
    goals: tuple[GoalResult, ...]
    answers: tuple[ClientAnswer, ...]
    decision: FollowUpDecision | None
    decision_text: str
    next_on: date | None  # the next follow-up; proposed by `next_follow_up`


def parse_questions(data: Mapping[str, object]) -> tuple[ClientQuestion, ...]:
    items = data.get("questions")
    if not isinstance(items, list) or not items:
        raise ValueError("follow_up_questions.json: 'questions' must be a non-empty list")
    questions = tuple(
        ClientQuestion(
            str(q["code"]),
            str(q["text"]),
            tuple(AnswerOption(str(o["code"]), str(o["label"])) for o in q["options"]),
        )
        for q in items
    )
    if len({q.code for q in questions}) != len(questions):
        raise ValueError("follow_up_questions.json: codes must be unique")
    return questions


def check_draft(draft: FollowUpDraft, questions: Sequence[ClientQuestion]) -> None:
    if len(draft.others) > MAX_PARTICIPANTS:
        raise InvalidInput(f"Deltagarna får vara högst {MAX_PARTICIPANTS} tecken.")
    by_code = {q.code: q for q in questions}
    for answer in draft.answers:
        question = by_code.get(answer.question)
        if question is None:
            raise InvalidInput("Okänd fråga i klientens synpunkter.")
        if answer.option and not question.label_of(answer.option):
            raise InvalidInput("Okänt svarsalternativ.")
        check_text(answer.text, "Svaret")
    for goal in draft.goals:
        check_text(goal.comment, "Kommentaren")
    check_text(draft.decision_text, "Motiveringen")


def check_signable(
    draft: FollowUpDraft,
    goal_ids: Sequence[str],
    questions: Sequence[ClientQuestion],
    today: date,
) -> None:
    """A signed follow-up: dated, with who took part, every goal assessed, a decision."""
    check_draft(draft, questions)
    if draft.held_on is None:
        raise InvalidInput("Ange datum för uppföljningen.")
    if draft.held_on > today:
        raise InvalidInput("Uppföljningens datum kan inte ligga i framtiden.")
    if not (draft.client_took_part or draft.provider_took_part or draft.others.strip()):
        raise InvalidInput("Ange vilka som deltog i uppföljningen.")
    results = {g.goal_id: g for g in draft.goals}
    for number, goal_id in enumerate(goal_ids, 1):
        result = results.get(goal_id)
        if result is None or result.outcome is None:
            raise InvalidInput(f"Bedöm mål {number}: uppnått, delvis eller inte uppnått.")
    if set(results) - set(goal_ids):
        raise InvalidInput("Uppföljningen gäller ett mål som inte finns i vårdplanen.")
    if draft.decision is None:
        raise InvalidInput("Välj om insatsen ska fortsätta, ändras eller avslutas.")
    if draft.decision is not FollowUpDecision.END:
        if draft.next_on is None:
            raise InvalidInput("Ange datum för nästa uppföljning.")
        if draft.next_on <= draft.held_on:
            raise InvalidInput("Nästa uppföljning måste ligga efter den här.")
