"""Statistik's pure rules: periods and their dygn, the person groups, the Kolada figures'
definitions, the deadline shares, and the price per dygn a provider's agreement may hold."""

from __future__ import annotations

from datetime import date

import pytest

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.providers import ProviderInput, check_provider, parse_provider_kinds
from vinr_desktop.domain.statistics import deadline_compliance, person_group
from vinr_desktop.domain.statistics_facts import (
    CaseFacts,
    DeadlineFacts,
    InsatsFacts,
    Period,
    RegisterFacts,
)
from vinr_desktop.domain.statistics_kolada import kolada, per_10000
from vinr_desktop.resources import resources_dir


def case(
    cid: str,
    *,
    birth: date = date(1980, 1, 1),
    markers: tuple[str, ...] = ("violence_physical",),
    intake: date = date(2026, 3, 1),
    **kw: object,
) -> CaseFacts:
    values: dict[str, object] = dict(
        case_id=cid, intake_on=intake, intake_kind="application", reporter_kind="none",
        is_child_case=False, main_sex="woman", main_birth=birth, markers=frozenset(markers),
    )  # fmt: skip
    values.update(kw)
    return CaseFacts(**values)  # type: ignore[arg-type]


def test_periods_and_the_dygn_inside_them() -> None:
    march = Period.months(2026, 3, 3)
    assert (march.start, march.end, march.label) == (
        date(2026, 3, 1),
        date(2026, 4, 1),
        "mars 2026",
    )
    assert Period.months(2026, 11, 12).end == date(2027, 1, 1)
    assert Period.half(2026, 2).label == "2026, andra halvåret"
    # A stay from 25 February to 10 March: the nights beginning 1–9 March are in March.
    assert march.nights(date(2026, 2, 25), date(2026, 3, 10)) == 9
    assert march.nights(date(2026, 3, 20), None) == 12  # still there at the end of March
    assert march.nights(date(2026, 4, 2), None) == 0
    with pytest.raises(ValueError):
        Period.months(2026, 5, 2)


def test_the_person_group_by_age_at_intake_and_recorded_kon() -> None:
    assert person_group(case("a")) == "woman"
    assert person_group(case("b", main_sex="unknown")) == "other"
    assert person_group(case("c", birth=date(2008, 6, 1), intake=date(2026, 5, 31))) == "child"
    assert person_group(case("d", birth=date(2008, 6, 1), intake=date(2026, 6, 1))) == "woman"


def test_kolada_counts_adult_victims_by_intake_year_and_closings_by_closing_year() -> None:
    facts = RegisterFacts(
        cases=(
            case("victim"),
            case("perpetrator", markers=("violence_physical", "target_perpetrator")),
            case(
                "both", markers=("violence_physical", "target_perpetrator", "target_adult_victim")
            ),
            case("child", birth=date(2015, 1, 1)),
            case("no-violence", markers=("vuln_substance",)),
            case(
                "old",
                intake=date(2025, 6, 1),
                closed_on=date(2026, 2, 1),
                closing_reason="goal_partly_reached",
            ),
        ),
        insatser=(
            InsatsFacts("victim", "d1", "stodsamtal", "", False, date(2026, 3, 5), None, None),
            InsatsFacts("old", "d2", "stodsamtal", "", False, date(2025, 7, 1), None, None),
        ),
    )
    k1, k2, k3 = kolada(facts, 2026, 8000)
    assert k1.case_ids == {"victim", "both"}
    assert k2.case_ids == {"victim"}
    assert k3.case_ids == {"old"}  # came in 2025, closed in 2026 with the goal partly reached
    assert k1.per_10000 == 2.5 and per_10000(3, None) is None


def test_the_deadline_answers_counted_per_question() -> None:
    found = deadline_compliance(
        (
            DeadlineFacts("preliminary", "a", "in_time"),
            DeadlineFacts("preliminary", "b", "late"),
            DeadlineFacts("follow_up", "b", "partly"),
            DeadlineFacts("follow_up", "c", "in_time"),
        )
    )
    assert found.cells == ((1, 0, 1), (0, 0, 0), (1, 1, 0))
    assert found.members[2][1] == {"b"}


def test_a_price_per_dygn_is_checked() -> None:
    import json

    data = json.loads((resources_dir() / "care" / "provider_kinds.json").read_text("utf-8"))
    kinds = parse_provider_kinds(data)
    base = ProviderInput(name="Jouren (fiktiv)", kind="kvinnojour")
    assert check_provider(ProviderInput(**{**base.__dict__, "price_per_night": 2400}),
                          kinds).price_per_night == 2400  # fmt: skip
    with pytest.raises(InvalidInput, match="Priset per dygn"):
        check_provider(ProviderInput(**{**base.__dict__, "price_per_night": -1}), kinds)
