"""The letters to the client as documents of the one pipeline: the beslutsmeddelande of a
signed decision and the kommunicering letter before one. Their fixed texts come from
resources/letters/ in the version in force on the decision's (or kommunicering's) day; what
comes from the case goes through the recipient's policy here and the scrubber at `seal`.

A decision letter says the decision in plain words, the insats, period and extent, the legal
ground, and for a decision going against her the reasons and how to appeal. The name of a
shelter-type provider is not printed for the client (the paper may be found at home).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from vinr_desktop.domain.communication import ADVERSE
from vinr_desktop.domain.decisions import GRANTING, DecisionOutcome, period_text
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.letter_texts import DEFAULT_LANGUAGE, LawReference, LetterTexts
from vinr_desktop.domain.redaction import Field, Recipient, Redactor
from vinr_desktop.services.care.common import (
    day,
    decision_in_case,
    insats_type,
    legal_ground,
    provider_kind,
)
from vinr_desktop.services.documents.redaction import document_head
from vinr_desktop.services.letters.texts import (
    APPEAL_INSTRUCTIONS,
    COMMUNICATION_LETTER,
    DECISION_LETTER,
    letter_texts,
)
from vinr_desktop.store.care_schema import DecisionRow, ProviderRow
from vinr_desktop.store.letter_schema import CommunicationRow, DecisionLetterRow
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.documents import DocumentHead
from vinr_desktop.views.letters import LetterDocument, LetterSection

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

OUTCOME_KEYS: dict[DecisionOutcome, str] = {
    DecisionOutcome.GRANTED: "outcome_granted",
    DecisionOutcome.PARTLY_GRANTED: "outcome_partly_granted",
    DecisionOutcome.REFUSED: "outcome_refused",
}
NOT_SHOWN = "enligt överenskommelse med dig"


def signed_decision(work: CaseWork, decision_id: str) -> DecisionRow:
    """The pipeline's check: a signed decision of the case (a draft has no letter)."""
    row = decision_in_case(work, decision_id)
    if row.signed_utc is None or row.decided_on is None:
        raise InvalidInput("Beslutsmeddelandet skrivs när beslutet är signerat.")
    return row


def communication_in_case(work: CaseWork, communication_id: str) -> CommunicationRow:
    row = work.session.get(CommunicationRow, communication_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput("Kommuniceringen finns inte i ärendet.")
    return row


def reference_texts(references: Sequence[LawReference]) -> tuple[str, ...]:
    """ "32, 33 och 44 §§ förvaltningslagen (2017:900)": the sections of one law (and chapter)
    together, in the order they first appear; a law without a known section by its name."""
    groups: dict[tuple[str, str], list[str]] = {}
    for ref in references:
        sections = groups.setdefault((ref.law, ref.chapter), [])
        if ref.section and ref.section not in sections:
            sections.append(ref.section)
    texts = []
    for (law, chapter), sections in groups.items():
        place = f"{chapter} kap. " if chapter and sections else ""
        if not sections:
            texts.append(law)
        elif len(sections) == 1:
            texts.append(f"{place}{sections[0]} § {law}")
        else:
            listed = ", ".join(sections[:-1]) + " och " + sections[-1]
            texts.append(f"{place}{listed} §§ {law}")
    return tuple(texts)


def _contact(head: DocumentHead) -> dict[str, str]:
    person = head.contact_person or "din handläggare"
    details = f" ({head.contact_details})" if head.contact_details else ""
    return {"contact_person": person, "contact_details": details}


def _insats_label(row: DecisionRow) -> str:
    kind = insats_type(row.insats_type)
    return (kind.label if kind else row.insats_type).lower()


def _provider(work: CaseWork, red: Redactor, row: DecisionRow) -> str:
    provider = work.session.get(ProviderRow, row.provider_id) if row.provider_id else None
    if provider is None:
        return ""
    kind = provider_kind(provider.kind)
    if kind is not None and kind.own:
        return kind.label
    shelter = bool((t := insats_type(row.insats_type)) and t.shelter)
    return NOT_SHOWN if shelter and red.recipient is Recipient.CLIENT else provider.name


def decision_letter_document(work: CaseWork, red: Redactor, decision_id: str) -> LetterDocument:
    row = signed_decision(work, decision_id)
    decided = day(row.decided_on)
    assert decided is not None
    sent = work.session.get(DecisionLetterRow, row.id)
    language = sent.language if sent is not None else DEFAULT_LANGUAGE
    texts = letter_texts(DECISION_LETTER, decided, language)
    outcome = DecisionOutcome(row.outcome)
    head = document_head(work, red)
    insats = _insats_label(row)
    values = {"insats": insats, "applied_on": row.applied_on or "", "decided_on": decided}
    sections = [
        LetterSection("", (texts.text("intro", **values),)),
        LetterSection(
            texts.text("outcome_heading"), (texts.text(OUTCOME_KEYS[outcome], **values),)
        ),
    ]
    if red.has(Field.INSATS):
        sections.append(_insats_section(work, red, row, texts, insats))
    references = list(texts.references)
    adverse = outcome in ADVERSE
    if adverse and red.has(Field.LETTER_REASONS) and row.motivation.strip():
        sections.append(LetterSection(texts.text("reasons_heading"), (row.motivation,)))
    if adverse:
        appeal = letter_texts(APPEAL_INSTRUCTIONS, decided, language)
        sections.append(_appeal_section(appeal, head, values, decided))
        references += appeal.references
    signer = work.session.get(UserRow, row.signed_by) if row.signed_by else None
    closing = [texts.text("contact", **_contact(head))]
    if signer is not None:
        closing.append(texts.text("signature", decided_by=signer.full_name))
    sections.append(LetterSection(texts.text("contact_heading"), tuple(closing)))
    return LetterDocument(head, language, tuple(sections), reference_texts(references))


def _insats_section(
    work: CaseWork, red: Redactor, row: DecisionRow, texts: LetterTexts, insats: str
) -> LetterSection:
    lines = [texts.text("insats_line", insats=insats.capitalize())]
    if DecisionOutcome(row.outcome) in GRANTING:
        if provider := _provider(work, red, row):
            lines.append(texts.text("provider_line", provider=provider))
        if period := period_text(row.period_from, row.period_to):
            lines.append(texts.text("period_line", period=period))
        if row.extent.strip():
            lines.append(texts.text("extent_line", extent=row.extent))
        if row.review_on:
            lines.append(texts.text("review_line", review_on=row.review_on))
    ground = legal_ground(row.legal_ground, work.session)
    if ground is not None:
        words = f"{ground.reference} ({ground.label.lower()})" if ground.reference else ground.label
        lines.append(texts.text("ground_line", ground=words))
    return LetterSection(texts.text("insats_heading"), tuple(lines), compact=True)


def _appeal_section(
    appeal: LetterTexts, head: DocumentHead, values: dict[str, object], decided: date
) -> LetterSection:
    board = appeal.text("board", municipality=head.municipality or "kommunen")
    contact = _contact(head)
    return LetterSection(
        appeal.text("heading"),
        (
            appeal.text("right"),
            appeal.text("how", decided_on=decided.isoformat(), insats=values["insats"]),
            appeal.text("where", board=board),
            appeal.text("when"),
            appeal.text("help", contact_person=contact["contact_person"]),
        ),
        boxed=True,
    )


def communication_letter_document(
    work: CaseWork, red: Redactor, communication_id: str
) -> LetterDocument:
    row = communication_in_case(work, communication_id)
    decision = decision_in_case(work, row.decision_id)
    texts = letter_texts(COMMUNICATION_LETTER, date.fromisoformat(row.communicated_on))
    head = document_head(work, red)
    contact = _contact(head)
    sections = [LetterSection("", (texts.text("intro", insats=_insats_label(decision)),))]
    if red.has(Field.COMMUNICATION):
        sections.append(LetterSection(texts.text("material_heading"), (row.material,)))
        sections.append(
            LetterSection(
                texts.text("answer_heading"),
                (texts.text("answer", answer_by=row.answer_by, **contact),),
                boxed=True,
            )
        )
    sections.append(LetterSection("", (texts.text("contact", **contact),)))
    return LetterDocument(head, texts.language, tuple(sections), reference_texts(texts.references))
