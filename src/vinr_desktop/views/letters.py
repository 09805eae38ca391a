"""What the Insatser tab shows of a decision's letters to the client: the kommunicering before
it, the decision letter sent, and the appeal with its omprövning and court outcome."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.views.documents import DocumentHead


@dataclass(frozen=True)
class CommunicationView:
    communication_id: str
    communicated_on: str
    how_label: str
    material: str
    answer_by: str
    answered_on: str  # "" while she has not answered
    answer: str
    recorded_by: str


@dataclass(frozen=True)
class SentView:
    sent_on: str
    how_label: str
    received_on: str  # "" when the day she got it is not known
    language_label: str
    recorded_by: str


@dataclass(frozen=True)
class AppealView:
    appealed_on: str
    timeliness: str  # Timeliness value
    timeliness_label: str
    last_day: str  # the last day to appeal, "" when it cannot be counted
    reviewed_on: str
    review: str  # ReviewOutcome value, "" before the omprövning
    review_label: str
    court_on: str
    court_label: str
    text: str  # the whole state in one line, as the decision shows it
    note: str = ""


@dataclass(frozen=True)
class DecisionLetters:
    """One decision's letters: what the panel shows and which actions make sense."""

    decision_id: str
    signed: bool
    adverse: bool  # avslag or delvis avslag: goes against the client
    decided_on: str
    communications: tuple[CommunicationView, ...]
    signing_warning: str  # for a draft: why signing now would ask for a reason, or ""
    signed_reason: str  # recorded when signed without complete kommunicering
    sent: SentView | None
    appeal_last_day: str  # from the day she got it; "" when unknown or not sent
    appeal: AppealView | None
    languages: tuple[tuple[str, str], ...]  # the decision letter's languages (code, label)


# -- the letters as documents ---------------------------------------------------------------


@dataclass(frozen=True)
class LetterSection:
    """One part of a letter: an optional heading and its paragraphs; `boxed` for the part she
    must not miss (how to appeal, the last day to answer)."""

    heading: str
    paragraphs: tuple[str, ...]
    boxed: bool = False
    compact: bool = False  # short lines (insats, period, extent) without space between


@dataclass(frozen=True)
class LetterDocument:
    """A letter to the client (or its copy for the file), its texts from resources/letters/:
    the head every document has, the sections in order and the law they rest on."""

    head: DocumentHead
    language: str
    sections: tuple[LetterSection, ...]
    references: tuple[str, ...]  # "32 § förvaltningslagen (2017:900)", small print at the end
