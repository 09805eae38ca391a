"""Statistik through the real services on the hand-built register (tests/services/statistics/
register.py): the counts, the Kolada key figures, exact numbers only for a user who may open
every counted case, the drill-down, the population setting and the CSV."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.services.conftest import Env
from tests.services.statistics.register import Built, build
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.statistics_facts import Period
from vinr_desktop.services.statistics.service import StatisticsService
from vinr_desktop.store.schema import AuditRow
from vinr_desktop.views.statistics import StatisticsPage, TableView


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, unit_template: Template
) -> Iterator[tuple[Team, Built]]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("statistik") / "register")
    team = make_team(env)
    yield team, build(team)
    env.ctx.release()


def cells(table: TableView) -> dict[tuple[str, str], int | None]:
    return {
        (row, col): table.values[r][c]
        for r, row in enumerate(table.row_codes)
        for c, col in enumerate(table.column_codes)
        if table.values[r][c] != 0
    }


def year_page(team: Team, user: str, year: int = 2026) -> StatisticsPage:
    team.act_as(user)
    return StatisticsService(team.env.ctx).page(Period.year(year))


def test_the_responsible_handlaggare_sees_every_count_exactly(built: tuple[Team, Built]) -> None:
    team, _b = built
    page = year_page(team, "anna")
    assert page.exact
    intake = page.table("intake")
    assert cells(intake) == {
        ("application", "woman"): 1,
        ("application", "man"): 1,
        ("report", "woman"): 1,  # the protected case counts
        ("report", "child"): 1,
        ("initiative", "man"): 1,
    }
    assert intake.total == 5  # E came in 2025
    assert intake.column_totals == (2, 2, 0, 1)
    violence = page.table("markers_violence")
    assert cells(violence) == {
        ("violence_physical", "adult"): 3,  # A, B, F
        ("violence_psychological", "adult"): 2,  # A (several markers), C
        ("violence_child_witness", "child"): 1,
    }
    assert violence.total == 5  # cases with any violence marker, each once
    assert cells(page.table("markers_vulnerability")) == {("vuln_substance", "adult"): 1}
    assert page.table("children").values == ((1,), (0,))  # D, the child with her own case
    insatser = page.table("insats_providers")
    assert dict(zip(insatser.row_codes, insatser.row_totals or (), strict=True)) == {
        "skyddat_boende": 1,
        "stodsamtal": 1,  # E's insats runs over the new year
    }
    shelter = page.table("shelter")
    assert [row[0] for row in shelter.values] == [1, 30, 60_000, 0]  # 30 dygn × 2 000 kr
    assert cells(page.table("assessments")) == {
        ("SARA:SV (standardiserad)", "high"): 1,  # the external result names its method
        ("Riskfaktorer vid våld i nära relationer (ej standardiserad)", "medium"): 1,
    }
    follow = dict(zip(page.table("follow_ups").row_codes, page.table("follow_ups").values,
                      strict=True))  # fmt: skip
    assert follow["held"] == (1,) and follow["with_client"] == (1,)
    assert follow["goals_reached"] == (1,) and follow["goals_partly"] == (1,)
    # The egenkontroll's answers for the year's cases (K8, K9, K6): D's förhandsbedömning in 7
    # days; A's month in skyddat boende never followed up; E came in 2025 and is not asked.
    assert cells(page.table("deadlines")) == {
        ("preliminary", "in_time"): 1,
        ("follow_up", "late"): 1,
    }


def test_kolada_figures_per_10000_with_their_definitions(built: tuple[Team, Built]) -> None:
    team, _b = built
    team.act_as("chef")
    service = StatisticsService(team.env.ctx)
    service.set_population(2026, 7000)
    team.act_as("anna")
    page = year_page(team, "anna")
    k1, k2, k3 = page.key_figures
    assert (k1.count, k2.count, k3.count) == (3, 1, 2)  # A B C; A; A and E (closed 2026)
    assert k1.rate_text() == "4,3"  # 3 × 10 000 / 7 000
    assert "aktualiseringsår" in k1.definition and "avslutsår" in k3.definition
    earlier = year_page(team, "anna", 2025)
    assert earlier.key_figures[0].count == 1 and earlier.key_figures[0].per_10000 is None


def test_a_user_who_cannot_open_every_case_gets_suppressed_numbers(
    built: tuple[Team, Built],
) -> None:
    team, b = built
    page = year_page(team, "chef")
    assert not page.exact
    intake = page.table("intake")
    assert all(v in (0, None) for row in intake.values for v in row)  # every count is 1–4
    assert intake.text(intake.values[0][0]) == "< 5"
    assert page.key_figures[0].count_text() == "< 5"
    # The drill-down lists only what she may open: never the protected case.
    listed = {i for ids in page.drill.values() for i in ids}
    assert b.b.case_id not in listed and b.a.case_id in listed
    service = StatisticsService(team.env.ctx)
    lines = service.case_lines((b.a.case_id, b.b.case_id))
    assert [line.case_id for line in lines] == [b.a.case_id]
    team.act_as("anna")
    mine = StatisticsService(team.env.ctx).case_lines((b.b.case_id,))
    assert mine[0].main_person.endswith("(skyddad)")


def test_never_the_administrator_and_the_facts_are_checked(built: tuple[Team, Built]) -> None:
    team, _b = built
    team.act_as("adm")
    service = StatisticsService(team.env.ctx)
    with pytest.raises(AccessDenied):
        service.page(Period.year(2026))
    service.set_municipality_code("2260")  # not case content: the administrator may
    with pytest.raises(InvalidInput, match="fyra siffror"):
        service.set_municipality_code("22")
    with pytest.raises(InvalidInput):
        service.set_population(2026, 0)
    team.act_as("bo")
    with pytest.raises(AccessDenied):
        StatisticsService(team.env.ctx).set_population(2026, 10)


def test_periods_half_year_and_months(built: tuple[Team, Built]) -> None:
    team, _b = built
    team.act_as("anna")
    service = StatisticsService(team.env.ctx)
    assert service.page(Period.half(2026, 2)).table("intake").total == 0
    march = service.page(Period.months(2026, 3, 3))
    assert march.period_label == "mars 2026"
    assert march.table("shelter").values[1] == (30,)  # every dygn of the stay is in March
    feb = service.page(Period.months(2026, 2, 2))
    assert feb.table("shelter").values[0] == (0,)


def test_the_csv_is_suppressed_and_audited(built: tuple[Team, Built], tmp_path: Path) -> None:
    team, _b = built
    team.act_as("anna")
    target = tmp_path / "statistik.csv"
    StatisticsService(team.env.ctx).save_csv(Period.year(2026), target)
    text = target.read_bytes().decode("utf-8-sig")
    assert "Aktualiserade ärenden efter aktualisering;Kvinnor;Män" in text
    assert "< 5" in text and "Flermarksson" not in text and "Anna-Lena" not in text
    store = team.env.ctx.require_store()
    with store.session() as session:
        actions = session.execute(select(AuditRow.action, AuditRow.reason)).all()
    assert ("statistics_exported", "csv") in actions


def test_the_annual_report_for_the_namnd(built: tuple[Team, Built], tmp_path: Path) -> None:
    import io

    import pypdf

    from vinr_desktop.domain.redaction import Recipient
    from vinr_desktop.services.documents.pipeline import DocumentService

    team, _b = built
    team.act_as("anna")  # she may see every case, but the nämnd gets the published numbers
    document = StatisticsService(team.env.ctx).annual_report(Period.year(2026))
    assert document.recipient is Recipient.BOARD and document.case_id is None
    assert document.file_name.startswith("arsrapport-statistik-namnd-")
    reader = pypdf.PdfReader(io.BytesIO(document.pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Årsrapport" in text and "Nyckeltal för våld mot vuxna (Kolada)" in text
    assert "aktualiseringsår" in text and "avslutsår" in text  # the definitions used
    assert "< 5" in text and "Röjandeskydd" in text
    for secret in ("Flermarksson", "Hemligsson", "Barnsson", "Tvåårsson"):
        assert secret not in text
    target = tmp_path / document.file_name
    DocumentService(team.env.ctx).save_document(None, document, target)
    assert target.read_bytes() == document.pdf
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "a.pdf").write_bytes(document.pdf)


def test_no_hidden_count_of_the_published_page_can_be_worked_out(
    built: tuple[Team, Built],
) -> None:
    """The attack of tests/domain/test_statistics_suppression.py on every additive table the
    manager is shown: subtraction along rows and columns and exact elimination find nothing."""
    from tests.domain.test_statistics_suppression import algebra_attack, subtraction_attack

    team, _b = built
    page = year_page(team, "chef")
    for table in page.tables:
        if not table.additive or table.row_totals is None or table.column_totals is None:
            continue
        rows, cols = len(table.row_codes), len(table.column_codes)
        grid: dict[tuple[int, int], int | None] = {}
        for r in range(rows):
            for c in range(cols):
                grid[(r, c)] = table.values[r][c]
            grid[(r, cols)] = table.row_totals[r]
        for c in range(cols):
            grid[(rows, c)] = table.column_totals[c]
        grid[(rows, cols)] = table.total
        assert any(v is None for v in grid.values()), table.key  # something is hidden
        assert subtraction_attack(grid, rows, cols) == {}, table.key
        assert algebra_attack(grid, rows, cols) == set(), table.key


def test_the_deadline_answers_are_the_egenkontroll_page_s(built: tuple[Team, Built]) -> None:
    """The statistics read less (no journal) but answer K6, K8 and K9 as the egenkontroll."""
    from datetime import date

    from vinr_desktop.domain.compliance import Question
    from vinr_desktop.services.compliance.service import case_answers
    from vinr_desktop.services.statistics.facts import deadline_facts, register_facts

    team, b = built
    store = team.env.ctx.require_store()
    period, on = Period.year(2026), date(2026, 6, 1)
    with store.session() as session:
        facts = register_facts(session, period, on)
        mine = {(d.case_id, d.kind): d.outcome for d in facts.deadlines}
        ids = [c.case_id for c in facts.cases if period.contains(c.intake_on)]
        theirs = case_answers(session, ids, on)
        assert deadline_facts(session, facts.cases, period, on) == facts.deadlines
    kinds = {Question.K8: "preliminary", Question.K9: "investigation", Question.K6: "follow_up"}
    words = {"JA": "in_time", "DELVIS": "partly", "NEJ": "late"}
    expected = {
        (case_id, kind): words[answers[question].answer.value]
        for case_id, answers in theirs.items()
        for question, kind in kinds.items()
        if answers[question].answer.value in words
    }
    assert mine == expected and (b.d.case_id, "preliminary") in mine
