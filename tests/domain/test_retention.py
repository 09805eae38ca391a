"""The gallring rule by date: five years after the last entry, research birthdays kept, kept
record kinds, a person with another case waits, and the year-end deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.retention import (
    CaseFacts,
    Verdict,
    add_years,
    evaluate,
    finish_by,
    parse_plan,
    parse_rule_sets,
    rules_in_force,
)
from vinr_desktop.resources import retention_rules_data

LAW = parse_rule_sets(retention_rules_data())
TODAY = date(2031, 3, 1)
RULES = rules_in_force(LAW, None, TODAY)


def _case(case_id: str, persons: tuple[str, ...], last: date, **kw: object) -> CaseFacts:
    return CaseFacts(
        case_id,
        bool(kw.get("closed", True)),
        last,
        persons,
        frozenset(kw.get("insats", ())),
        frozenset(),
    )  # type: ignore[arg-type]


def _one(case: CaseFacts, births: dict[str, date | None], today: date = TODAY) -> Verdict:
    return evaluate([case], births, RULES, today)[case.case_id].verdict


def test_the_rule_set_in_force_moves_with_the_law() -> None:
    assert rules_in_force(LAW, None, date(2025, 6, 30)).code == "sol2001"
    assert rules_in_force(LAW, None, date(2025, 7, 1)).code == "sol2025"
    assert rules_in_force(LAW, None, date(2025, 7, 1)).in_force_since == date(2025, 7, 1)


def test_five_years_after_the_last_entry_and_not_a_day_before() -> None:
    case = _case("a", ("p",), date(2026, 3, 2))
    births = {"p": date(1980, 4, 12)}
    assert _one(case, births, date(2031, 3, 1)) is Verdict.NOT_YET
    assert _one(case, births, date(2031, 3, 2)) is Verdict.DUE


@pytest.mark.parametrize("day", [5, 15, 25])
def test_a_person_born_on_a_research_day_is_kept(day: int) -> None:
    child = _case("c", ("mother", "child"), date(2020, 1, 1))
    births = {"mother": date(1985, 4, 12), "child": date(2016, 8, day)}
    verdict = evaluate([child], births, RULES, TODAY)["c"]
    assert verdict.verdict is Verdict.KEPT_RESEARCH
    assert verdict.research_person_ids == ("child",)


def test_an_open_case_is_never_due_and_holds_back_the_persons_other_cases() -> None:
    old = _case("old", ("p",), date(2019, 1, 1))
    second = _case("new", ("p",), date(2019, 1, 1), closed=False)
    verdicts = evaluate([old, second], {"p": date(1980, 4, 12)}, RULES, TODAY)
    assert verdicts["new"].verdict is Verdict.OPEN
    assert verdicts["old"].verdict is Verdict.LINKED
    assert verdicts["old"].waits_for == ("new",)


def test_waiting_passes_along_a_chain_of_shared_persons() -> None:
    # c1 {A}, c2 {A, B}, c3 {B, C born on the 15th}: nothing about A or B may go while C's
    # case stays.
    cases = [
        _case("c1", ("A",), date(2018, 1, 1)),
        _case("c2", ("A", "B"), date(2018, 1, 1)),
        _case("c3", ("B", "C"), date(2018, 1, 1)),
    ]
    births = {"A": date(1980, 1, 1), "B": date(1981, 1, 2), "C": date(2010, 3, 15)}
    verdicts = evaluate(cases, births, RULES, TODAY)
    assert [verdicts[c].verdict for c in ("c1", "c2", "c3")] == [
        Verdict.LINKED,
        Verdict.LINKED,
        Verdict.KEPT_RESEARCH,
    ]


def test_a_kept_record_kind_keeps_the_case() -> None:
    case = _case("k", ("p",), date(2018, 1, 1), insats=("placering_barn_hvb",))
    verdict = evaluate([case], {"p": date(2012, 2, 2)}, RULES, TODAY)["k"]
    assert verdict.verdict is Verdict.KEPT_KIND
    assert "placerat" in verdict.kept_kinds[0]


def test_the_deadline_is_the_end_of_the_following_year() -> None:
    verdict = evaluate([_case("a", ("p",), date(2025, 3, 2))], {"p": None}, RULES, TODAY)["a"]
    assert (verdict.due_on, verdict.finish_by) == (date(2030, 3, 2), date(2031, 12, 31))


def test_a_leap_day_moves_to_the_28th() -> None:
    assert add_years(date(2024, 2, 29), 5) == date(2029, 2, 28)


@given(
    last=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    birth=st.dates(date(1920, 1, 1), date(2040, 12, 31)),
    offset=st.integers(-4000, 4000),
)
def test_due_exactly_when_five_years_have_passed_unless_born_on_a_research_day(
    last: date, birth: date, offset: int
) -> None:
    today = last + timedelta(days=offset)
    rules = rules_in_force(LAW, None, max(today, date(2002, 1, 1)))
    verdict = evaluate([_case("x", ("p",), last)], {"p": birth}, rules, today)["x"]
    if birth.day in (5, 15, 25):
        assert verdict.verdict is Verdict.KEPT_RESEARCH
    elif today >= add_years(last, 5):
        assert verdict.verdict is Verdict.DUE
    else:
        assert verdict.verdict is Verdict.NOT_YET
    assert verdict.due_on <= verdict.finish_by == finish_by(verdict.due_on, rules)
    assert verdict.finish_by.year == verdict.due_on.year + 1


def test_a_municipal_plan_keeps_more_and_says_since_when() -> None:
    plan = parse_plan(
        {
            "name": "Dokumenthanteringsplan IFO (fiktiv)",
            "decision": "SN § 12/2026",
            "in_force_from": "2026-01-01",
            "research_birth_days": [1],
            "kept_kinds": [
                {"code": "shelter", "label": "Skyddat boende", "insats_types": ["skyddat_boende"]}
            ],
        }
    )
    rules = rules_in_force(LAW, plan, TODAY)
    assert rules.in_force_since == date(2026, 1, 1)
    assert rules.research_birth_days == {1, 5, 15, 25}
    case = _case("s", ("p",), date(2018, 1, 1), insats=("skyddat_boende",))
    assert evaluate([case], {"p": None}, rules, TODAY)["s"].verdict is Verdict.KEPT_KIND
    assert rules_in_force(LAW, plan, date(2025, 12, 31)).plan is None


def test_a_plan_cannot_shorten_the_law_and_lists_every_problem() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_plan({"in_force_from": "2026-13-01", "years_after_last_entry": 2})
    message = refused.value.message
    for words in ("namn", "beslut", "ÅÅÅÅ-MM-DD", "lagens tid"):
        assert words in message


@st.composite
def _registers(draw: st.DrawFn) -> tuple[list[CaseFacts], dict[str, date | None]]:
    persons = [f"p{i}" for i in range(draw(st.integers(1, 6)))]
    births = {
        p: draw(st.one_of(st.none(), st.dates(date(1930, 1, 1), date(2025, 1, 1)))) for p in persons
    }
    cases = [
        CaseFacts(
            f"c{i}",
            draw(st.booleans()),
            draw(st.dates(date(2015, 1, 1), date(2031, 1, 1))),
            tuple(sorted(draw(st.sets(st.sampled_from(persons), min_size=1, max_size=3)))),
            frozenset(draw(st.sets(st.sampled_from(["placering_barn_hvb", "stodsamtal"])))),
        )
        for i in range(draw(st.integers(1, 8)))
    ]
    return cases, births


@given(_registers())
def test_nothing_about_a_person_goes_while_another_record_about_her_stays(
    register: tuple[list[CaseFacts], dict[str, date | None]],
) -> None:
    cases, births = register
    verdicts = evaluate(cases, births, RULES, TODAY)
    due = {c.case_id for c in cases if verdicts[c.case_id].verdict is Verdict.DUE}
    for case in cases:
        if case.case_id in due:
            assert case.closed and add_years(case.last_entry, 5) <= TODAY
            for other in cases:
                if set(other.person_ids) & set(case.person_ids):
                    assert other.case_id in due  # every case of her persons goes with it
            assert not any(
                births[p] is not None and births[p].day in (5, 15, 25)  # type: ignore[union-attr]
                for p in case.person_ids
            )
