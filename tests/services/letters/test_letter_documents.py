"""The beslutsmeddelande and the kommunicering letter through the one pipeline, read back with
pypdf: the decision in plain words for every outcome, the reasons and how to appeal when it goes
against her, never a document for the provider, and the texts from the law of the decision day.
(The protected details and the violent person: test_document_redaction.py, for every kind.)"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import pypdf
import pytest

from tests.casework import SECRET_CITY, SECRET_STREET
from tests.services.care.test_care_services import granted, provider
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain.communication import CommunicationHow
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.redaction import POLICY, DocumentKind, Field, Recipient
from vinr_desktop.services.casework import CareServices

REASONS = "Stödet ges redan av kvinnojouren i samma omfattning."
APPEAL = "Hur du överklagar"


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Team]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("letter-docs") / "register")
    team = make_team(env)
    team.act_as("anna")
    yield team
    env.ctx.release()


def text_of(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def signed(team: Team, outcome: DecisionOutcome) -> tuple[str, str, str]:
    """(case, decision, provider) with a signed decision of `outcome`."""
    care = CareServices.for_context(team.env.ctx)
    ref = team.case()
    jour = provider(care)
    changes: dict[str, object] = {"outcome": outcome, "motivation": REASONS}
    refused = outcome is DecisionOutcome.REFUSED
    if refused:
        changes.update(period_from=None, period_to=None, extent="")
    draft: DecisionDraft = granted(None if refused else jour, **changes)  # type: ignore[arg-type]
    reason = "" if outcome is DecisionOutcome.GRANTED else "Klienten avstod från kommunicering."
    decision = care.decisions.sign(ref.case_id, None, draft, communication_reason=reason)
    return ref.case_id, decision, jour


def letter(team: Team, case_id: str, decision: str, recipient: Recipient) -> str:
    document = team.services.documents.render(
        DocumentKind.DECISION_LETTER, case_id, decision, recipient
    )
    assert document.file_name.startswith("beslutsmeddelande-")
    return text_of(document.pdf)


def test_a_granted_decision_says_what_she_gets_and_has_no_appeal_text(team: Team) -> None:
    case_id, decision, _jour = signed(team, DecisionOutcome.GRANTED)
    text = letter(team, case_id, decision, Recipient.CLIENT)
    assert "Du har fått stödsamtal beviljat." in text
    assert "Period: 2026-03-01 – 2026-08-31" in text and "Omfattning: Ett samtal i veckan" in text
    assert "Utförare: Kvinnojouren Fiktiva kvinnojour" in text
    assert "Beslutet är fattat med stöd av" in text
    assert APPEAL not in text and REASONS not in text  # nothing goes against her


def test_a_refusal_gives_the_reasons_and_how_to_appeal(team: Team) -> None:
    case_id, decision, _jour = signed(team, DecisionOutcome.REFUSED)
    text = letter(team, case_id, decision, Recipient.CLIENT)
    assert "Du har fått avslag på din ansökan om stödsamtal." in text
    assert "Skälen för beslutet " + REASONS in text
    assert APPEAL in text and "förvaltningsrätten" in text
    assert "inom tre veckor från den dag du fick del av beslutet" in text
    assert "Skicka eller lämna brevet till socialnämnden i Exempelby kommun (fiktiv)" in text
    assert "32, 33, 43 och 44 §§ förvaltningslagen (2017:900)" in text  # the law of the day
    assert "Period:" not in text  # a refusal grants no period


def test_a_partial_decision_gives_both_what_she_gets_and_how_to_appeal(team: Team) -> None:
    case_id, decision, _jour = signed(team, DecisionOutcome.PARTLY_GRANTED)
    text = letter(team, case_id, decision, Recipient.CLIENT)
    assert "Du har fått stödsamtal delvis beviljat." in text
    assert "Period: 2026-03-01 – 2026-08-31" in text
    assert REASONS in text and APPEAL in text
    copy = letter(team, case_id, decision, Recipient.FILE)
    assert REASONS in copy and APPEAL in copy and "Mottagare Akt" in copy


def test_the_provider_never_gets_the_letter_or_the_reasons(team: Team) -> None:
    case_id, decision, _jour = signed(team, DecisionOutcome.PARTLY_GRANTED)
    docs = team.services.documents
    team.services.care.disclosure.record(case_id, decision, "consent", "")
    with pytest.raises(InvalidInput, match="mottagaren"):
        docs.render(DocumentKind.DECISION_LETTER, case_id, decision, Recipient.PROVIDER)
    assignment = docs.render(DocumentKind.ASSIGNMENT, case_id, decision, Recipient.PROVIDER)
    assert REASONS not in text_of(assignment.pdf)


def test_a_draft_decision_has_no_letter(team: Team) -> None:
    care = CareServices.for_context(team.env.ctx)
    ref = team.case()
    draft = care.decisions.save_draft(ref.case_id, None, granted(provider(care)))
    with pytest.raises(InvalidInput, match="signerat"):
        team.services.documents.render(
            DocumentKind.DECISION_LETTER, ref.case_id, draft, Recipient.CLIENT
        )


def test_the_kommunicering_letter_lists_the_material_and_her_last_day(team: Team) -> None:
    care = CareServices.for_context(team.env.ctx)
    ref = team.case()
    decision = care.decisions.save_draft(ref.case_id, None, granted(provider(care)))
    communication = team.services.letters.record_communication(
        ref.case_id,
        decision,
        date(2026, 2, 26),
        CommunicationHow.POST,
        "Utredningen daterad 2026-02-20 och yttrandet från kvinnojouren.",
        date(2026, 3, 12),
    )
    document = team.services.documents.render(
        DocumentKind.COMMUNICATION_LETTER, ref.case_id, communication, Recipient.CLIENT
    )
    text = text_of(document.pdf)
    assert "Kommunicering inför beslut" in text
    assert "Utredningen daterad 2026-02-20 och yttrandet från kvinnojouren." in text
    assert "senast den 2026-03-12" in text and "25 § förvaltningslagen (2017:900)" in text


def test_only_the_decision_letter_gives_her_the_reasons() -> None:
    """Her letter carries the reasons; no other client document does — except the copy of her
    own file (partsinsyn), where each decision's grounds pass her handläggare's review."""
    for (kind, recipient), fields in POLICY.items():
        if recipient is Recipient.CLIENT:
            reviewed_copy = kind is DocumentKind.INSIGHT_COPY
            assert (Field.DECISION_GROUNDS in fields) is reviewed_copy, kind
            assert (Field.LETTER_REASONS in fields) is (kind is DocumentKind.DECISION_LETTER)


@pytest.mark.parametrize("outcome", [DecisionOutcome.REFUSED, DecisionOutcome.PARTLY_GRANTED])
def test_her_protected_address_typed_into_the_reasons_is_not_printed(
    team: Team, outcome: DecisionOutcome
) -> None:
    care = CareServices.for_context(team.env.ctx)
    ref = team.case(protected=True)
    refused = outcome is DecisionOutcome.REFUSED
    reasons = f"Hon bor tryggt på {SECRET_STREET} i {SECRET_CITY}; ring 070-999 99 99."
    changes: dict[str, object] = {"outcome": outcome, "motivation": reasons}
    if refused:
        changes.update(period_from=None, period_to=None, extent="")
    draft = granted(None if refused else provider(care), **changes)  # type: ignore[arg-type]
    decision = care.decisions.sign(ref.case_id, None, draft, communication_reason="Brådskande.")
    for recipient in (Recipient.CLIENT, Recipient.FILE):
        text = letter(team, ref.case_id, decision, recipient)
        assert "Hon bor tryggt på" in text and APPEAL in text
        assert SECRET_STREET not in text and SECRET_CITY not in text
        assert "0709999999" not in text.replace(" ", "").replace("-", "")
