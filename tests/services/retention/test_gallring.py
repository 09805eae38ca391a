"""Gallring through the real services on a real register: the proposal, approval by the
enhetschef only, every row about the case gone (journal, full-text index, pages of the file)
and nothing else, the chain still verifying, the gallringslogg without content."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from tests.casework import adult, entry, protected_adult, register
from tests.services.conftest import Env
from tests.services.retention.pages import plain_pages
from tests.team import Team, make_team
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.retention import Verdict
from vinr_desktop.services.retention.service import NO_DECISION, NOT_DUE, RetentionService
from vinr_desktop.store.retention_delete import gallrad_tables
from vinr_desktop.store.tables import METADATA
from vinr_desktop.views.audit import AuditFilter
from vinr_desktop.views.cases import CaseRef

MARKER = "Gallringsmarkör Blåbärssoppa"  # in the journal of the case that is gallrad
KEPT_MARKER = "Bevarandemarkör Lingonsylten"  # in the journal of a case that stays
SIX_YEARS = timedelta(days=6 * 366).total_seconds()


@pytest.fixture
def team(env: Env) -> Team:
    return make_team(env)


def _closed_case(team: Team, person_first: str, birth: date, note: str, serial: int) -> CaseRef:
    team.act_as("anna")
    ref = register(
        team.services, adult(person_first, "Gallringsson-Fiktiv", birth=birth, serial=serial)
    )
    team.services.journal.sign(ref.case_id, None, entry(note))
    team.services.cases.close(ref.case_id, "goal_reached", "", "Målet nått.")
    return ref


def _counts(team: Team) -> dict[str, int]:
    with team.env.ctx.require_store().session() as session:
        return {
            t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in METADATA.sorted_tables
        }


def _fts_hits(team: Team, word: str) -> int:
    with team.env.ctx.require_store().session() as session:
        matches = session.execute(
            text("SELECT count(*) FROM journal_fts WHERE journal_fts MATCH :w"), {"w": word}
        ).scalar_one()
        terms = session.execute(
            text("SELECT count(*) FROM journal_fts_terms WHERE term = :w"), {"w": word.lower()}
        ).scalar_one()
        return int(matches) + int(terms)


def test_only_the_enhetschef_sees_and_approves_and_a_decision_is_required(team: Team) -> None:
    gone = _closed_case(team, "Gunilla", date(1980, 4, 12), MARKER, 311)
    team.env.clock.advance(SIX_YEARS)
    retention = RetentionService(team.env.ctx)
    for name in ("anna", "adm"):
        team.act_as(name)
        with pytest.raises(AccessDenied):
            retention.proposal()
        with pytest.raises(AccessDenied):
            retention.approve([gone.case_id], "SN § 45/2032")
    team.act_as("chef")
    (row,) = retention.proposal().rows
    assert (row.label, row.verdict) == (gone.number, Verdict.DUE)
    assert "5 år efter sista anteckningen" in row.why
    with pytest.raises(InvalidInput) as refused:
        retention.approve([gone.case_id], "   ")
    assert refused.value.message == NO_DECISION


def test_gallring_removes_every_row_of_the_case_and_nothing_else(team: Team) -> None:
    gone = _closed_case(team, "Gunilla", date(1980, 4, 12), MARKER, 311)
    kept = _closed_case(team, "Berit", date(1979, 6, 15), KEPT_MARKER, 312)
    team.act_as("anna")
    still_open = register(team.services, adult("Olga", "Oppensson-Fiktiv", serial=313))
    team.env.clock.advance(SIX_YEARS)
    retention = RetentionService(team.env.ctx)
    team.act_as("chef")
    proposal = retention.proposal()
    verdicts = {r.label: r.verdict for r in proposal.rows}
    assert verdicts == {gone.number: Verdict.DUE, kept.number: Verdict.KEPT_RESEARCH}
    assert proposal.open_cases == 1
    with pytest.raises(InvalidInput) as refused:
        retention.approve([kept.case_id], "SN § 45/2032")
    assert refused.value.message == NOT_DUE
    before = _counts(team)
    assert _fts_hits(team, "Blåbärssoppa") == 2
    approval = retention.approve([gone.case_id], "SN § 45/2032")
    team.act_as("anna")
    with pytest.raises(AccessDenied):
        retention.gallra(approval)
    team.act_as("chef")
    result = retention.gallra(approval)
    assert (result.gallrad, result.persons_deleted, result.skipped) == (1, 1, ())
    after = _counts(team)
    changed = {t for t in before if before[t] != after[t]}
    assert changed <= set(gallrad_tables()) | {
        "audit_events",
        "retention_log",
        "retention_approvals",
        "retention_approval_cases",
    }
    assert before["cases"] - after["cases"] == 1 and before["persons"] - after["persons"] == 1
    with team.env.ctx.require_store().session() as session:
        for table in METADATA.sorted_tables:
            if "case_id" in table.c and table.name not in (
                "audit_events",
                "retention_approval_cases",
            ):
                left = session.execute(
                    select(func.count()).select_from(table).where(table.c.case_id == gone.case_id)
                ).scalar_one()
                assert left == 0, table.name
    assert _fts_hits(team, "Blåbärssoppa") == 0
    assert _fts_hits(team, "Lingonsylten") == 2
    team.act_as("anna")
    assert {c.number for c in team.services.cases.list_cases()} == {kept.number, still_open.number}
    store = team.env.ctx.require_store()
    assert store.verify_audit().ok
    pages = plain_pages(store.paths.db, store.data_key)
    assert "Blåbärssoppa".encode() not in pages
    assert b"Gunilla" not in pages
    assert b"Lingonsylten" in pages  # the scan sees content that stays
    wal = store.paths.db.with_name(store.paths.db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    team.act_as("chef")
    (logged,) = retention.log()
    assert (logged.label, logged.decision, logged.persons_deleted) == (
        gone.number,
        "SN § 45/2032",
        1,
    )
    assert logged.rows_deleted >= 5


def test_a_protected_case_is_listed_without_names_and_the_log_keeps_its_reference(
    team: Team,
) -> None:
    team.act_as("anna")
    ref = register(team.services, protected_adult(last="Skyddsson-Fiktiv"))
    team.services.cases.close(ref.case_id, "goal_reached", "", "Klart.")
    team.env.clock.advance(SIX_YEARS)
    retention = RetentionService(team.env.ctx)
    team.act_as("chef")
    (row,) = retention.proposal().rows
    assert row.hidden and ref.number not in row.label
    assert [p.text for p in row.persons] == ["Skyddad person"]
    retention.gallra(retention.approve([row.case_id], "SN § 46/2032"))
    (logged,) = retention.log()
    assert logged.label != ref.number and logged.label in row.label


def test_a_case_with_a_new_entry_since_the_approval_is_skipped(team: Team) -> None:
    gone = _closed_case(team, "Gunilla", date(1980, 4, 12), MARKER, 311)
    team.env.clock.advance(SIX_YEARS)
    retention = RetentionService(team.env.ctx)
    team.act_as("chef")
    approval = retention.approve([gone.case_id], "SN § 45/2032")
    team.act_as("anna")
    team.services.cases.reopen(gone.case_id, "Ny kontakt från klienten.")
    team.act_as("chef")
    result = retention.gallra(approval)
    assert (result.gallrad, result.skipped) == (0, (gone.number,))
    assert _fts_hits(team, "Blåbärssoppa") == 2


def test_every_table_about_a_case_or_person_is_gallrad_and_the_chain_is_kept() -> None:
    tables = set(gallrad_tables())
    for table in METADATA.sorted_tables:
        about = "case_id" in table.c or any(
            fk.column.table.name in ("cases", "persons") for fk in table.foreign_keys
        )
        if table.name in ("audit_events", "retention_log", "retention_approval_cases"):
            assert table.name not in tables
        elif about or table.name in ("cases", "persons"):
            assert table.name in tables, table.name


def test_signed_rows_stay_read_only_outside_a_gallring(team: Team) -> None:
    gone = _closed_case(team, "Gunilla", date(1980, 4, 12), MARKER, 311)
    kept = _closed_case(team, "Berit", date(1979, 6, 15), KEPT_MARKER, 312)
    team.env.clock.advance(SIX_YEARS)
    retention = RetentionService(team.env.ctx)
    team.act_as("chef")
    retention.gallra(retention.approve([gone.case_id], "SN § 45/2032"))
    store = team.env.ctx.require_store()
    with store.session() as session:
        assert session.execute(text("SELECT count(*) FROM retention_unlock")).scalar_one() == 0
    with pytest.raises(DatabaseError, match="read-only"), store.session() as session:
        session.execute(text("DELETE FROM journal_entries WHERE case_id = :c"), {"c": kept.case_id})
    assert _fts_hits(team, "Lingonsylten") == 2


def test_the_log_review_names_a_gallrad_case_by_the_code_of_the_gallringslogg(team: Team) -> None:
    gone = _closed_case(team, "Gunilla", date(1980, 4, 12), MARKER, 311)
    team.env.clock.advance(SIX_YEARS)
    retention = RetentionService(team.env.ctx)
    team.act_as("chef")
    retention.gallra(retention.approve([gone.case_id], "SN § 45/2032"))
    (logged,) = retention.log()
    page = team.services.audit.events(AuditFilter(case_id=gone.case_id))
    labels = {e.case_label for e in page.events}
    assert labels == {f"Gallrat ärende (ref. {logged.reference})"}
    assert "case_gallrad" in {e.action for e in page.events}
