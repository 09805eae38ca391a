"""Risk assessments (farlighetsbedömning, skyddsbedömning, external results): the draft a
handläggare fills in, what must be there before signing, the support count, the next
assessment date, and the rule that flags a case needing a new assessment.

The count of risk answers supports the professional judgement and never replaces it: it is
computed here from the answers, never stored, and always labelled as support.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from vinr_desktop.domain.cases import MAX_TEXT
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.instruments import (
    NOT_ANSWERED,
    RISK_LABELS,
    FieldKind,
    Instrument,
    InstrumentKind,
    Mandatory,
    RiskLevel,
    Subject,
    SummaryKind,
)
from vinr_desktop.domain.persons import PersonRole

MAX_SHORT = 500


class ContactState(StrEnum):
    """Whether a violent person has contact with the victim (a fact the handläggare records)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


CONTACT_LABELS: dict[ContactState, str] = {
    ContactState.YES: "Ja",
    ContactState.NO: "Nej",
    ContactState.UNKNOWN: "Okänt",
}

# Instruments about these subjects count as a risk assessment for the case's flag.
FLAG_SUBJECTS: frozenset[Subject] = frozenset({Subject.VICTIM, Subject.PERPETRATOR})


@dataclass(frozen=True)
class Answer:
    option: str = NOT_ANSWERED
    comment: str = ""


@dataclass(frozen=True)
class AssessmentDraft:
    """What the assessment form holds; saved as typed (autosave) and checked at signing."""

    assessed_on: date | None = None  # the date of the conversation / assessment
    answers: Mapping[str, Answer] = field(default_factory=dict)  # item id → answer
    field_values: Mapping[str, str] = field(default_factory=dict)  # external instrument fields
    victim_estimate: str = ""  # the victim's own estimate of the risk, in her words
    victim_level: RiskLevel | None = None  # …and as a level, if she gave one
    protective_factors: str = ""
    judgement: RiskLevel | None = None  # the professional judgement
    motivation: str = ""
    actions: str = ""  # actions decided (see the safety plan)
    next_assessment_on: date | None = None  # None: proposed from the instrument's interval


@dataclass(frozen=True)
class SupportCount:
    """Risk answers among the items: support for the judgement, never the judgement."""

    risk_answers: int
    items: int  # items that have a risk answer at all
    answered: int  # of those, answered (not "Inte besvarad")

    @property
    def text(self) -> str:
        return f"Stöd: {self.risk_answers} av {self.items} riskfaktorer besvarade ja"


def support_count(instrument: Instrument, answers: Mapping[str, Answer]) -> SupportCount | None:
    """The count of risk answers, for instruments whose summary is a count; else None."""
    if instrument.summary is not SummaryKind.COUNT:
        return None
    risky = [item for item in instrument.items if item.has_risk_answer]
    count = answered = 0
    for item in risky:
        answer = answers.get(item.item_id)
        if answer is None or answer.option == NOT_ANSWERED:
            continue
        answered += 1
        option = item.option(answer.option)
        if option is not None and option.risk:
            count += 1
    return SupportCount(count, len(risky), answered)


def check_draft(instrument: Instrument, draft: AssessmentDraft) -> None:
    """A draft may be saved half-done, but only with known items, options and sane lengths."""
    for item_id, answer in draft.answers.items():
        item = instrument.item(item_id)
        if item is None:
            raise InvalidInput(f'Frågan "{item_id}" finns inte i instrumentet.')
        if item.option(answer.option) is None:
            raise InvalidInput(f'Svaret "{answer.option}" finns inte för frågan "{item.text}".')
        _length(answer.comment, "Kommentaren", MAX_TEXT)
    for field_id, value in draft.field_values.items():
        spec = instrument.field(field_id)
        if spec is None:
            raise InvalidInput(f'Uppgiften "{field_id}" finns inte i instrumentet.')
        _length(value, spec.label, MAX_TEXT if spec.kind is FieldKind.LONGTEXT else MAX_SHORT)
    for text, what in (
        (draft.victim_estimate, "Den utsattas egen bedömning"),
        (draft.protective_factors, "Skyddsfaktorerna"),
        (draft.motivation, "Motiveringen"),
        (draft.actions, "Åtgärderna"),
    ):
        _length(text, what, MAX_TEXT)
    if draft.judgement is not None and draft.judgement not in instrument.scale:
        raise InvalidInput("Nivån finns inte i instrumentets skala.")


def missing_for_signing(instrument: Instrument, draft: AssessmentDraft, today: date) -> list[str]:
    """Everything that must be fixed before the assessment can be signed (empty: ready)."""
    missing: list[str] = []
    if draft.assessed_on is None:
        missing.append("Ange datum för bedömningen.")
    elif draft.assessed_on > today:
        missing.append("Bedömningens datum kan inte ligga i framtiden.")
    for item in instrument.items:
        answer = draft.answers.get(item.item_id)
        if item.mandatory and (answer is None or answer.option == NOT_ANSWERED):
            missing.append(f'Besvara frågan "{item.text}".')
    for spec in instrument.fields:
        value = draft.field_values.get(spec.field_id, "").strip()
        if spec.mandatory and not value:
            missing.append(f"Fyll i {spec.label.lower()}.")
        elif value and spec.kind is FieldKind.DATE and not _is_date(value):
            missing.append(f"{spec.label}: skriv datumet som ÅÅÅÅ-MM-DD.")
        elif value and spec.kind is FieldKind.CHOICE and value not in spec.choices:
            missing.append(f"{spec.label}: välj ett av alternativen.")
    words = [instrument.level_label(level) for level in instrument.scale]
    scale = " eller ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
    required = {
        Mandatory.JUDGEMENT: (
            draft.judgement is not None,
            f"Välj {instrument.judgement_label.lower()}: {scale}.",
        ),
        Mandatory.MOTIVATION: (bool(draft.motivation.strip()), "Skriv en motivering."),
        Mandatory.VICTIM_ESTIMATE: (
            bool(draft.victim_estimate.strip()) or draft.victim_level is not None,
            "Skriv den utsattas egen bedömning av risken.",
        ),
        Mandatory.PROTECTIVE_FACTORS: (
            bool(draft.protective_factors.strip()),
            "Skriv skyddsfaktorerna.",
        ),
        Mandatory.ACTIONS: (bool(draft.actions.strip()), "Skriv vilka åtgärder som planeras."),
    }
    for code in Mandatory:
        present, text = required[code]
        if code in instrument.mandatory and not present:
            missing.append(text)
    if draft.next_assessment_on is not None and draft.next_assessment_on <= today:
        missing.append("Nästa bedömning ska ligga efter i dag.")
    return missing


def check_signable(instrument: Instrument, draft: AssessmentDraft, today: date) -> None:
    """InvalidInput listing everything missing, or nothing."""
    check_draft(instrument, draft)
    missing = missing_for_signing(instrument, draft, today)
    if missing:
        raise InvalidInput(
            "Bedömningen kan inte signeras än:\n" + "\n".join(f"• {m}" for m in missing)
        )


def due_date(signed_on: date, instrument: Instrument, level: RiskLevel | None = None) -> date:
    """The day a signed assessment stops counting: signing date + the instrument's interval
    for the judged level (a high risk sooner, as the instrument's file says)."""
    return signed_on + timedelta(days=instrument.reassessment_days_for(level))


def proposed_next_date(
    signed_on: date, instrument: Instrument, level: RiskLevel | None = None
) -> date:
    """The next assessment date proposed at signing (the handläggare may change it)."""
    return due_date(signed_on, instrument, level)


def needs_assessment(contact: ContactState | None, latest_due: date | None, today: date) -> bool:
    """The case flag: a violent person has contact with the victim and no signed risk
    assessment is younger than its interval (none at all, or the newest has run out)."""
    if contact is not ContactState.YES:
        return False
    return latest_due is None or latest_due <= today


def flag_text(contact: ContactState | None, latest_due: date | None, today: date) -> str:
    """Why the case is flagged, in words for the case view (empty when it is not)."""
    if not needs_assessment(contact, latest_due, today):
        return ""
    if latest_due is None:
        return "Våldsutövaren har kontakt med den utsatta och ingen riskbedömning är gjord."
    return (
        "Våldsutövaren har kontakt med den utsatta och den senaste riskbedömningen gällde "
        f"till {latest_due.isoformat()}. Gör en ny bedömning."
    )


def judgement_text(instrument: Instrument, level: RiskLevel) -> str:
    """The journal line written when an assessment is signed ("…, bedömd risk: hög", or in
    the instrument's own words: "…, omedelbart skyddsbehov: ja")."""
    if instrument.scale_labels:
        label = instrument.judgement_label.lower()
        return f"{instrument.journal_text}, {label}: {instrument.level_label(level)}"
    return f"{instrument.journal_text}, bedömd risk: {RISK_LABELS[level]}"


def eligible_roles(subject: Subject, child_case: bool) -> frozenset[PersonRole]:
    """Roles of the persons in a case an instrument about `subject` may be about."""
    if subject is Subject.VICTIM:
        return frozenset({PersonRole.MAIN, PersonRole.RELATIVE, PersonRole.OTHER})
    if subject is Subject.PERPETRATOR:
        return frozenset({PersonRole.PERPETRATOR, PersonRole.MAIN})
    return frozenset({PersonRole.CHILD, PersonRole.MAIN} if child_case else {PersonRole.CHILD})


def is_external(instrument: Instrument) -> bool:
    return instrument.kind is InstrumentKind.EXTERNAL


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _length(text: str, what: str, limit: int) -> None:
    if len(text) > limit:
        raise InvalidInput(f"{what} är för lång (högst {limit} tecken).")
