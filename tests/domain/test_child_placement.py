"""A child's own skyddat boende decision: its needs, the guardians' consent and the ground that
follows from it, checked at signing against the real legal-grounds file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from vinr_desktop.domain.decisions import (
    DecisionDraft,
    DecisionOutcome,
    check_signable,
    grounds_for_child_shelter,
    parse_insats_types,
    parse_legal_grounds,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.resources import care_data

GROUNDS = parse_legal_grounds(care_data("legal_grounds"))
TYPES = parse_insats_types(care_data("insats_types"))
TODAY = date(2026, 3, 2)

CHILD = DecisionDraft(
    outcome=DecisionOutcome.GRANTED,
    applied_on=date(2026, 2, 27),
    decided_on=date(2026, 2, 28),
    legal_ground="sol2025_skyddat_boende_barn",
    insats_type="skyddat_boende",
    provider_id="p1",
    period_from=date(2026, 3, 1),
    period_to=None,
    extent="Tre månader",
    motivation="Barnet behöver skydd (fiktivt).",
    child_needs="Barnet behöver en trygg vardag och skolgång.",
    guardian_consent="all",
)


def sign(draft: DecisionDraft) -> None:
    check_signable(draft, TODAY, GROUNDS, TYPES, child=True)


def test_a_childs_shelter_decision_needs_its_own_needs_and_the_consent() -> None:
    sign(CHILD)
    with pytest.raises(InvalidInput, match="barnets egna behov"):
        sign(replace(CHILD, child_needs="  "))
    with pytest.raises(InvalidInput, match="samtycker"):
        sign(replace(CHILD, guardian_consent=""))


def test_the_ground_follows_the_guardians_consent() -> None:
    with pytest.raises(InvalidInput, match="lagen om placering av barn"):
        sign(replace(CHILD, guardian_consent="not_all"))
    sign(replace(CHILD, guardian_consent="not_all", legal_ground="lpbs_3_1"))
    with pytest.raises(InvalidInput, match="socialtjänstlagen"):
        sign(replace(CHILD, legal_ground="lpbs_4_1"))
    with pytest.raises(InvalidInput, match="socialtjänstlagen"):
        sign(replace(CHILD, legal_ground="sol2025_bistand"))  # not the placement ground


def test_grounds_offered_follow_the_answer_and_the_date() -> None:
    codes = {g.code for g in grounds_for_child_shelter(GROUNDS, TODAY, "not_all")}
    assert codes == {"lpbs_3_1", "lpbs_4_1"}
    codes = {g.code for g in grounds_for_child_shelter(GROUNDS, TODAY, "all")}
    assert codes == {"sol2025_skyddat_boende_barn"}
    # Before 1 April 2024 there was no placement without consent.
    assert not grounds_for_child_shelter(GROUNDS, date(2024, 3, 31), "not_all")


def test_an_adult_or_a_refusal_is_not_a_child_placement() -> None:
    adult = replace(CHILD, legal_ground="sol2025_bistand", child_needs="", guardian_consent="")
    check_signable(adult, TODAY, GROUNDS, TYPES, child=False)
    sign(replace(adult, outcome=DecisionOutcome.REFUSED))
