"""The county file: written from published numbers, valid against its documented schema,
refused with a Swedish message in another version; three municipalities merged equal the
three registers counted as one, and a merged table never shows a hidden part."""

from __future__ import annotations

import random
from datetime import date

import pytest

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.json_schema import validate
from vinr_desktop.domain.statistics_facts import (
    AssessmentFacts,
    CaseFacts,
    DeadlineFacts,
    FollowUpFacts,
    InsatsFacts,
    Period,
    RegisterFacts,
)
from vinr_desktop.resources import indicator_schema
from vinr_desktop.services.statistics.county import file_bytes, indicator_file, merge, read_file
from vinr_desktop.services.statistics.service import build_page
from vinr_desktop.views.statistics import StatisticsPage

YEAR = 2026
NOW = "2027-01-15T09:00:00+00:00"


def case(n: str, *, sex: str = "woman", child: bool = False, kind: str = "application",
         markers: tuple[str, ...] = ("violence_physical",), closed: str | None = None,
         reason: str | None = None) -> CaseFacts:  # fmt: skip
    return CaseFacts(
        case_id=n,
        intake_on=date(YEAR, 3, 1),
        intake_kind=kind,
        reporter_kind="none" if kind == "application" else "police",
        is_child_case=child,
        main_sex=sex,
        main_birth=date(2015, 1, 1) if child else date(1980, 1, 1),
        markers=frozenset(markers),
        closed_on=date.fromisoformat(closed) if closed else None,
        closing_reason=reason,
    )


def municipality(prefix: str, times: int, kinds: tuple[str, ...]) -> RegisterFacts:
    """A register whose every count is a multiple of `times`."""
    cases, insatser, assessments, follow_ups, deadlines = [], [], [], [], []
    for k in range(times):
        for m, kind in enumerate(kinds):
            cid = f"{prefix}-{kind}-{k}-{m}"
            if kind == "woman":
                cases.append(case(cid, markers=("violence_physical", "relation_partner"),
                                  closed=f"{YEAR}-10-01", reason="goal_reached"))  # fmt: skip
                insatser.append(InsatsFacts(cid, f"d{cid}", "skyddat_boende", "Jouren", True,
                                            date(YEAR, 3, 2), date(YEAR, 3, 2),
                                            date(YEAR, 3, 12), 1500, 1))  # fmt: skip
                assessments.append(AssessmentFacts(cid, "SARA:SV", True, "high", date(YEAR, 3, 3)))
                follow_ups.append(FollowUpFacts(cid, date(YEAR, 4, 1), True, 1, 0, 0))
                deadlines.append(DeadlineFacts("follow_up", cid, "in_time"))
            elif kind == "man":
                cases.append(case(cid, sex="man", kind="report",
                                  markers=("violence_psychological",)))  # fmt: skip
            else:
                cases.append(case(cid, child=True, kind="report",
                                  markers=("violence_child_witness",)))  # fmt: skip
                deadlines.append(DeadlineFacts("preliminary", cid, "late"))
    return RegisterFacts(tuple(cases), tuple(insatser), tuple(assessments), tuple(follow_ups),
                         tuple(deadlines))  # fmt: skip


def joined(parts: list[RegisterFacts]) -> RegisterFacts:
    return RegisterFacts(
        *(tuple(x for p in parts for x in getattr(p, name))
          for name in ("cases", "insatser", "assessments", "follow_ups", "deadlines"))
    )  # fmt: skip


def published(facts: RegisterFacts, population: int | None, name: str = "") -> StatisticsPage:
    return build_page(facts, Period.year(YEAR), visible=set(),
                      population=population, municipality=name)  # fmt: skip


def as_file(facts: RegisterFacts, code: str, population: int) -> tuple[str, dict]:  # type: ignore[type-arg]
    data = indicator_file(published(facts, population, f"Kommun {code} (fiktiv)"), code, NOW)
    return f"{code}.json", read_file(f"{code}.json", file_bytes(data))


def test_the_file_is_valid_against_its_schema_and_holds_no_case() -> None:
    _name, data = as_file(municipality("a", 5, ("woman", "man")), "2260", 7000)
    assert validate(data, indicator_schema()) == []
    assert data["municipality_code"] == "2260" and data["schema_version"] == 1
    text = file_bytes(data).decode("utf-8")
    assert "a-woman-" not in text  # no case id, only counts
    assert data["definitions"]["k1"].startswith("Ärenden där huvudpersonen var 18 år")
    broken = dict(data, tables=[dict(data["tables"][0], rows=[{"code": "x"}])])
    problems = validate(broken, indicator_schema())
    assert problems and problems[0].startswith("tables[0].rows[0]: saknar")


def test_another_version_or_kind_of_file_is_refused_in_swedish() -> None:
    _name, data = as_file(municipality("a", 5, ("woman",)), "2260", 7000)
    newer = file_bytes(dict(data, schema_version=2))
    with pytest.raises(InvalidInput, match="har schemaversion 2, men det här programmet läser"):
        read_file("ange.json", newer)
    with pytest.raises(InvalidInput, match="inte en indikatorfil"):
        read_file("brev.json", b'{"hej": 1}')
    with pytest.raises(InvalidInput, match="ingen läsbar JSON"):
        read_file("bild.json", b"\x89PNG")
    with pytest.raises(InvalidInput, match="följer inte schemat"):
        read_file("x.json", file_bytes(dict(data, municipality_code="22")))


def test_three_files_merged_equal_the_three_registers_counted_as_one() -> None:
    parts = [
        municipality("a", 5, ("woman", "man")),
        municipality("b", 10, ("woman", "child")),
        municipality("c", 5, ("man", "child", "woman")),
    ]
    files = [as_file(p, code, pop) for p, code, pop in
             zip(parts, ("2260", "2262", "2280"), (7000, 9000, 40000), strict=True)]  # fmt: skip
    county = merge(files, NOW)
    whole = published(joined(parts), 56000)
    assert [t.key for t in county.tables] == [t.key for t in whole.tables]
    for merged, one in zip(county.tables, whole.tables, strict=True):
        size = {c: i for i, c in enumerate(merged.row_codes)}
        order = {c: i for i, c in enumerate(merged.column_codes)}
        for r, row_code in enumerate(one.row_codes):
            for c, col_code in enumerate(one.column_codes):
                got = merged.values[size[row_code]][order[col_code]]
                assert got == one.values[r][c], (one.key, row_code, col_code)
        assert merged.total == one.total, one.key
        assert not merged.has_hidden, one.key
    assert [(f.count, f.per_10000) for f in county.key_figures] == [
        (f.count, f.per_10000) for f in whole.key_figures
    ]
    assert county.key_figures[0].count == 30  # 20 women and 10 men
    with pytest.raises(InvalidInput, match="finns i mer än en fil"):
        merge([files[0], files[0]], NOW)
    later = (files[1][0], dict(files[1][1], year=YEAR + 1))
    with pytest.raises(InvalidInput, match="olika år"):
        merge([files[0], later], NOW)


@pytest.mark.parametrize("seed", range(12))
def test_a_merged_table_shows_only_true_sums_and_no_small_one(seed: int) -> None:
    rng = random.Random(seed)
    kinds = ("woman", "man", "child")
    parts = [
        municipality(f"m{n}", 1, tuple(rng.choice(kinds) for _ in range(rng.randint(1, 9))))
        for n in range(3)
    ]
    files = [as_file(p, f"22{n:02d}", 5000) for n, p in enumerate(parts)]
    county = merge(files, NOW)
    every = {c.case_id for p in parts for c in p.cases}
    exact = build_page(joined(parts), Period.year(YEAR), visible=every,
                       population=15000, published=False)  # fmt: skip
    assert exact.exact
    for merged in county.tables:
        truth = exact.table(merged.key)
        for r, row_code in enumerate(merged.row_codes):
            for c, col_code in enumerate(merged.column_codes):
                shown = merged.values[r][c]
                if shown is None:
                    continue
                assert not 0 < shown < 5, (merged.key, row_code, col_code)
                true = truth.values[truth.row_codes.index(row_code)][
                    truth.column_codes.index(col_code)]  # fmt: skip
                assert shown == true, (merged.key, row_code, col_code)
