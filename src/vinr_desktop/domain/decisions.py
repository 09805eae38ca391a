"""Decisions (beslut) and the insatser they grant.

A decision is drafted (an application registered is a draft with outcome "applied"), then
signed with its outcome: granted, partly granted or refused. A signed decision is read-only (a
trigger in the store refuses changes). A granted or partly granted decision is an insats: it
runs for its period and can be ended early with a closing reason from the list.

Legal grounds and insats types are data (resources/care/*.json): a paragraph reference never
appears in code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.child_placement import (
    GROUND_TAG,
    check_child_placement,
    consent_of,
    placement_needed,
)
from vinr_desktop.domain.errors import InvalidInput

MAX_EXTENT = 500


class DecisionOutcome(StrEnum):
    APPLIED = "applied"  # ansökan registrerad, inte beslutad (a draft only)
    GRANTED = "granted"  # beviljat
    PARTLY_GRANTED = "partly_granted"  # delvis beviljat
    REFUSED = "refused"  # avslag


OUTCOME_LABELS: dict[DecisionOutcome, str] = {
    DecisionOutcome.APPLIED: "Ej beslutat",
    DecisionOutcome.GRANTED: "Bifall",
    DecisionOutcome.PARTLY_GRANTED: "Delvis bifall",
    DecisionOutcome.REFUSED: "Avslag",
}

GRANTING = frozenset({DecisionOutcome.GRANTED, DecisionOutcome.PARTLY_GRANTED})


class InsatsState(StrEnum):
    """Where an insats is on a given day."""

    NOT_INSATS = "not_insats"  # a draft, or a refused decision
    PLANNED = "planned"  # granted, the period has not started
    RUNNING = "running"
    ENDED = "ended"  # ended early with a reason
    EXPIRED = "expired"  # the period is over and no ending was recorded: "avslutad utan skäl"


STATE_LABELS: dict[InsatsState, str] = {
    InsatsState.NOT_INSATS: "Ingen insats",
    InsatsState.PLANNED: "Planerad",
    InsatsState.RUNNING: "Pågår",
    InsatsState.ENDED: "Avslutad",
    InsatsState.EXPIRED: "Avslutad utan skäl",
}


@dataclass(frozen=True)
class LegalGround:
    """A lagrum from resources/care/legal_grounds.json."""

    code: str
    label: str
    reference: str
    valid_from: date | None
    valid_to: date | None
    adults: bool
    children: bool
    # For a child's skyddat boende: "consent" (every guardian consents, the socialtjänstlag) or
    # "without_consent" (the law on placing children in skyddat boende); "" for other grounds.
    child_shelter: str = ""
    law: str = ""  # "socialtjänstlagen (2025:400)"
    chapter: str = ""
    section: str = ""
    verified: bool = False  # the reference was checked against the law text
    source: str = ""  # where it was checked, or why it could not be
    offered: bool = True  # False: kept only so older decisions still show their ground

    @property
    def text(self) -> str:
        """As printed: "Bistånd, 11 kap. 1 § …" (the reference after the label)."""
        return f"{self.label}, {self.reference}" if self.reference else self.label

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class InsatsType:
    code: str
    label: str
    shelter: bool  # skyddat boende and the like: a child coming along needs its own decision


@dataclass(frozen=True)
class DecisionDraft:
    """A decision as the form holds it. Dates may be missing in a draft, not at signing."""

    outcome: DecisionOutcome
    applied_on: date | None
    decided_on: date | None
    legal_ground: str  # LegalGround code, or ""
    insats_type: str  # InsatsType code, or ""
    provider_id: str | None
    period_from: date | None
    period_to: date | None  # None: until further notice (tills vidare)
    extent: str  # omfattning, e.g. "3 månader, 2 samtal i veckan"
    motivation: str
    children_along: tuple[str, ...] = ()  # person ids of children coming along (skyddat boende)
    review_on: date | None = None  # omprövning: the decision is to be reconsidered by then
    child_needs: str = ""  # a child's skyddat boende: the child's own needs, in its own decision
    guardian_consent: str = ""  # GuardianConsent value, or "" while unanswered


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _reference(item: Mapping[str, object]) -> str:
    """ "11 kap. 1 § socialtjänstlagen (2025:400)", or the law alone when its place is unknown."""
    law, chapter, section = (str(item.get(k, "")) for k in ("law", "chapter", "section"))
    if chapter and section:
        return f"{chapter} kap. {section} § {law}"
    return law


def parse_legal_grounds(data: Mapping[str, object]) -> tuple[LegalGround, ...]:
    items = data.get("grounds")
    if not isinstance(items, list) or not items:
        raise ValueError("legal_grounds.json: 'grounds' must be a non-empty list")
    grounds = tuple(
        LegalGround(
            code=str(i["code"]),
            label=str(i["label"]),
            reference=str(i.get("reference") or _reference(i)),
            valid_from=_date(i.get("valid_from")),
            valid_to=_date(i.get("valid_to")),
            adults=bool(i.get("adults", True)),
            children=bool(i.get("children", True)),
            child_shelter=str(i.get("child_shelter", "")),
            law=str(i.get("law", "")),
            chapter=str(i.get("chapter", "")),
            section=str(i.get("section", "")),
            verified=i.get("verified") is True,
            source=str(i.get("source", "")),
            offered=i.get("offered", True) is not False,
        )
        for i in items
    )
    if any(g.child_shelter not in ("", *GROUND_TAG.values()) for g in grounds):
        raise ValueError("legal_grounds.json: 'child_shelter' is 'consent' or 'without_consent'")
    if len({g.code for g in grounds}) != len(grounds):
        raise ValueError("legal_grounds.json: codes must be unique")
    for i in items:
        missing = [k for k in ("law", "chapter", "section", "verified", "source") if k not in i]
        if missing:
            raise ValueError(f"legal_grounds.json: {i['code']} lacks {', '.join(missing)}")
    return grounds


def parse_insats_types(data: Mapping[str, object]) -> tuple[InsatsType, ...]:
    items = data.get("types")
    if not isinstance(items, list) or not items:
        raise ValueError("insats_types.json: 'types' must be a non-empty list")
    types = tuple(
        InsatsType(str(i["code"]), str(i["label"]), bool(i.get("shelter", False))) for i in items
    )
    if len({t.code for t in types}) != len(types):
        raise ValueError("insats_types.json: codes must be unique")
    return types


def grounds_for(
    grounds: Sequence[LegalGround], day: date, *, child: bool
) -> tuple[LegalGround, ...]:
    """The grounds to offer for a decision on `day` about an adult or a child."""
    return tuple(
        g for g in grounds if g.offered and g.valid_on(day) and (g.children if child else g.adults)
    )


def grounds_for_child_shelter(
    grounds: Sequence[LegalGround], day: date, consent_code: str
) -> tuple[LegalGround, ...]:
    """The grounds for a child's skyddat boende on `day` that fit the guardians' answer (every
    child placement ground while it is unanswered)."""
    consent = consent_of(consent_code)
    tags = set(GROUND_TAG.values()) if consent is None else {GROUND_TAG[consent]}
    return tuple(g for g in grounds_for(grounds, day, child=True) if g.child_shelter in tags)


def check_draft(draft: DecisionDraft) -> None:
    """A draft may be incomplete but never too long or back to front."""
    if len(draft.extent) > MAX_EXTENT:
        raise InvalidInput(f"Omfattningen får vara högst {MAX_EXTENT} tecken.")
    check_text(draft.motivation, "Motiveringen")
    check_text(draft.child_needs, "Barnets behov")
    if draft.guardian_consent and consent_of(draft.guardian_consent) is None:
        raise InvalidInput("Okänt svar om vårdnadshavarnas samtycke.")
    if draft.period_from and draft.period_to and draft.period_to < draft.period_from:
        raise InvalidInput("Periodens slut ligger före dess början.")
    if draft.review_on is not None:
        if draft.period_from is not None and draft.review_on <= draft.period_from:
            raise InvalidInput("Omprövningen ska ligga efter periodens början.")
        if draft.period_to is not None and draft.review_on > draft.period_to:
            raise InvalidInput(
                "Omprövningen ligger efter periodens slut. Välj ett datum inom perioden."
            )


def check_signable(
    draft: DecisionDraft,
    today: date,
    grounds: Sequence[LegalGround],
    types: Sequence[InsatsType],
    *,
    child: bool,
) -> tuple[LegalGround, InsatsType]:
    """Everything a signed decision must have; returns its ground and insats type."""
    check_draft(draft)
    if draft.outcome is DecisionOutcome.APPLIED:
        raise InvalidInput("Välj beslutet: bifall, delvis bifall eller avslag.")
    if draft.applied_on is None:
        raise InvalidInput("Ange när ansökan kom in.")
    if draft.decided_on is None:
        raise InvalidInput("Ange beslutsdatum.")
    if draft.decided_on > today:
        raise InvalidInput("Beslutsdatumet kan inte ligga i framtiden.")
    if draft.applied_on > draft.decided_on:
        raise InvalidInput("Ansökan kan inte ha kommit in efter beslutet.")
    insats = next((t for t in types if t.code == draft.insats_type), None)
    if insats is None:
        raise InvalidInput("Välj vilken insats beslutet gäller.")
    ground = next((g for g in grounds if g.code == draft.legal_ground), None)
    if ground is None:
        raise InvalidInput("Välj lagrum.")
    if not ground.valid_on(draft.decided_on) or not (ground.children if child else ground.adults):
        raise InvalidInput("Lagrummet gäller inte för det här beslutet. Välj ett annat.")
    if not draft.motivation.strip():
        raise InvalidInput("Skriv en motivering till beslutet.")
    if draft.outcome in GRANTING:
        if draft.period_from is None:
            raise InvalidInput("Ange från vilket datum insatsen gäller.")
        if not draft.extent.strip():
            raise InvalidInput("Ange insatsens omfattning.")
        if draft.provider_id is None:
            raise InvalidInput("Välj utförare (eller egen insats).")
    if draft.children_along and not insats.shelter:
        raise InvalidInput("Barn som följer med anges bara för skyddat boende.")
    if placement_needed(child, insats.shelter, draft.outcome in GRANTING):
        check_child_placement(draft.child_needs, draft.guardian_consent, ground.child_shelter)
    return ground, insats


def insats_state(
    outcome: DecisionOutcome,
    signed: bool,
    period_from: date | None,
    period_to: date | None,
    ended_on: date | None,
    today: date,
) -> InsatsState:
    """Where a decision's insats is on `today`."""
    if not signed or outcome not in GRANTING or period_from is None:
        return InsatsState.NOT_INSATS
    if ended_on is not None and ended_on <= today:
        return InsatsState.ENDED
    if today < period_from:
        return InsatsState.PLANNED
    if period_to is not None and today > period_to:
        return InsatsState.EXPIRED
    return InsatsState.RUNNING


def check_ending(
    period_from: date,
    period_to: date | None,
    ended_on: date,
    today: date,
    text: str,
    *,
    client_agreed: bool = True,
    decision_reasons: str = "",
) -> None:
    """Ending an insats early: a date inside its period, not in the future, and a text. An end
    the client does not agree to changes a decision in her favour: it is a decision of its own
    (förvaltningslagen), with its reasons, that she can appeal."""
    if ended_on > today:
        raise InvalidInput("Slutdatumet kan inte ligga i framtiden.")
    if ended_on < period_from:
        raise InvalidInput("Insatsen kan inte avslutas före periodens början.")
    if period_to is not None and ended_on > period_to:
        raise InvalidInput("Perioden är redan slut det datumet.")
    if not text.strip():
        raise InvalidInput("Skriv en kommentar till avslutet.")
    check_text(text, "Kommentaren")
    if not client_agreed:
        if not decision_reasons.strip():
            raise InvalidInput(
                "Klienten vill inte att insatsen avslutas: avslutet är ett beslut som hen kan "
                "överklaga. Skriv skälen för beslutet."
            )
        check_text(decision_reasons, "Skälen för beslutet")


def period_text(period_from: date | str | None, period_to: date | str | None) -> str:
    """ "2026-03-01 – 2026-05-31", or "från 2026-03-01 tills vidare"."""
    start = str(period_from) if period_from else ""
    end = str(period_to) if period_to else ""
    if not start:
        return ""
    return f"{start} – {end}" if end else f"från {start} tills vidare"
