"""The demo store's generated case work: fictional, consistent with the services, searchable.

One demo store (40 cases, as "Öppna demoregister" makes it) is built for the whole module.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from tests.fakes import FakeWallClock
from tests.stores import Template
from vinr_desktop.access.policy import Relation
from vinr_desktop.domain.audit_events import Flag
from vinr_desktop.domain.cases import CaseStatus, PreliminaryOutcome
from vinr_desktop.domain.identity import IdentityKind, parse_identity_number
from vinr_desktop.domain.persons import PersonRole, ProtectionLevel
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.cases.cases import CaseScope, closing_reasons
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.demo import cases as demo_data
from vinr_desktop.services.demo.cases.vocabulary import SURNAMES
from vinr_desktop.services.demo.register import DEMO_CASES, DEMO_PASSWORD, create_demo_store
from vinr_desktop.store import keys
from vinr_desktop.store.case_schema import (
    CaseMarkerRow,
    CasePersonRow,
    CaseRow,
    JournalEntryRow,
    PersonRelationRow,
    PersonRow,
)
from vinr_desktop.store.device import NoDeviceStore
from vinr_desktop.store.schema import AuditRow, UserRow
from vinr_desktop.views.audit import AuditFilter
from vinr_desktop.views.cases import HIGHLIGHT_START

NUMBER = re.compile(r"^VINR-(\d{4})-(\d{4})$")


@dataclass
class Demo:
    ctx: AppContext
    auth: AuthService
    services: CaseWorkServices
    today: date

    def login(self, username: str) -> None:
        if self.ctx.user is not None:
            if self.ctx.user.username == username:
                return
            self.auth.logout()
        self.auth.login(username, DEMO_PASSWORD)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_template: Template) -> Iterator[Demo]:
    clock = FakeWallClock()
    folder = demo_template.copy_to(tmp_path_factory.mktemp("demo") / "demoregister")
    ctx = AppContext(folder, device=NoDeviceStore(), now=clock, kdf=keys.KdfParams.floor())
    auth = AuthService(ctx)
    environment = Demo(ctx, auth, CaseWorkServices.for_context(ctx), clock.now.date())
    environment.login("handlaggare")
    yield environment
    ctx.release()


def _rows(demo: Demo, statement: Any) -> list[Any]:
    demo.login("handlaggare")
    with demo.ctx.require_store().session() as session:
        return list(session.execute(statement).all())


def test_forty_cases_with_unique_numbers_in_order(demo: Demo) -> None:
    rows = _rows(demo, select(CaseRow.number, CaseRow.year, CaseRow.running, CaseRow.intake_date))
    assert len(rows) == DEMO_CASES
    numbers = [r[0] for r in rows]
    assert len(set(numbers)) == len(numbers)
    by_year: dict[int, list[int]] = {}
    for number, year, running, intake in rows:
        match = NUMBER.match(number)
        assert match is not None
        assert int(match[1]) == year == int(intake[:4])
        assert int(match[2]) == running
        by_year.setdefault(year, []).append(running)
    for runnings in by_year.values():
        assert sorted(runnings) == list(range(1, len(runnings) + 1))


def test_every_identity_number_is_valid_and_unique(demo: Demo) -> None:
    rows = _rows(demo, select(PersonRow.identity_kind, PersonRow.identity_value))
    numbered = [
        (kind, value)
        for kind, value in rows
        if kind in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER)
    ]
    assert len(numbered) == len(rows) > DEMO_CASES
    for kind, value in numbered:
        parsed = parse_identity_number(value, today=demo.today)
        assert parsed.value == value
        assert parsed.kind == kind
    assert len({v for _k, v in numbered}) == len(numbered)


def test_people_are_obviously_fictional(demo: Demo) -> None:
    rows = _rows(demo, select(PersonRow.last_name, PersonRow.street, PersonRow.city))
    for last_name, street, city in rows:
        assert last_name in SURNAMES
        assert street.startswith("Fiktiva vägen ")
        assert city == "Demoby"


def test_families_link_parents_children_and_roles(demo: Demo) -> None:
    roles = Counter(r[0] for r in _rows(demo, select(CasePersonRow.role)))
    assert roles[PersonRole.MAIN] == DEMO_CASES
    assert roles[PersonRole.CHILD] > 0
    assert roles[PersonRole.PERPETRATOR] > 0
    assert roles[PersonRole.RELATIVE] > 0
    assert _rows(demo, select(func.count()).select_from(PersonRelationRow))[0][0] > 0
    # The same person appears in more than one case.
    shared = _rows(
        demo,
        select(CasePersonRow.person_id).group_by(CasePersonRow.person_id).having(func.count() > 1),
    )
    assert shared


def test_markers_mix_violence_types_and_groups(demo: Demo) -> None:
    codes = Counter(r[0] for r in _rows(demo, select(CaseMarkerRow.code)))
    violence = [c for c in codes if c.startswith("violence_")]
    assert len(violence) >= 4
    assert any(c.startswith("target_") for c in codes)
    assert any(c.startswith("relation_") for c in codes)
    assert any(c.startswith("vuln_") for c in codes)


def test_protected_persons_make_protected_cases_of_the_main_caseworker(demo: Demo) -> None:
    levels = {r[0] for r in _rows(demo, select(PersonRow.protection_level))}
    assert set(ProtectionLevel) <= levels
    rows = _rows(
        demo,
        select(CaseRow.id, CaseRow.protected, UserRow.username, PersonRow.protection_level)
        .join(UserRow, UserRow.id == CaseRow.responsible_user_id)
        .join(CasePersonRow, CasePersonRow.case_id == CaseRow.id)
        .join(PersonRow, PersonRow.id == CasePersonRow.person_id),
    )
    # A case is protected exactly when one of its persons is (as the services keep it).
    any_protected: dict[str, bool] = {}
    flags: dict[str, bool] = {}
    for case_id, flag, username, level in rows:
        any_protected[case_id] = any_protected.get(case_id, False) or level != "none"
        flags[case_id] = bool(flag)
        if flag:
            assert username == "handlaggare"
    assert flags == any_protected
    assert 3 <= sum(flags.values()) < len(flags) // 2


def test_protected_main_person_is_masked_in_the_case_list(demo: Demo) -> None:
    demo.login("handlaggare")
    listed = demo.services.cases.list_cases(CaseScope.MINE)
    protected = [c for c in listed if c.protected]
    assert protected
    surnames = SURNAMES
    masked = [c for c in protected if c.main_person.endswith("(skyddad)")]
    assert masked
    for row in masked:
        assert not any(name in row.main_person for name in surnames)


def test_statuses_spread_and_closed_cases_have_a_reason(demo: Demo) -> None:
    rows = _rows(
        demo,
        select(
            CaseRow.status,
            CaseRow.closing_reason,
            CaseRow.closing_text,
            CaseRow.closed_on,
            CaseRow.status_before_close,
        ),
    )
    statuses = Counter(r[0] for r in rows)
    assert set(statuses) == set(CaseStatus)
    codes = {r.code for r in closing_reasons()}
    for status, reason, closing_text, closed_on, before in rows:
        if status == CaseStatus.CLOSED:
            assert reason in codes
            assert closing_text.strip()
            assert closed_on is not None
            assert before in (CaseStatus.INTAKE, CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION)
        else:
            assert reason is None and closed_on is None


def test_child_cases_record_the_child_steps_first(demo: Demo) -> None:
    rows = _rows(
        demo,
        select(
            CaseRow.status,
            CaseRow.status_before_close,
            CaseRow.protection_assessed_on,
            CaseRow.preliminary_outcome,
        ).where(CaseRow.is_child_case),
    )
    assert rows
    for status, before, assessed, outcome in rows:
        assert assessed is not None
        reached = before if status == CaseStatus.CLOSED else status
        if reached in (CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION):
            assert outcome == PreliminaryOutcome.OPEN_INVESTIGATION


def test_a_year_of_signed_entries_with_a_few_drafts(demo: Demo) -> None:
    rows = _rows(
        demo,
        select(
            JournalEntryRow.case_id,
            JournalEntryRow.kind,
            JournalEntryRow.event_date,
            JournalEntryRow.signed_utc,
            UserRow.username,
        ).join(UserRow, UserRow.id == JournalEntryRow.author_id),
    )
    drafts = [r for r in rows if r[3] is None]
    assert 1 <= len(drafts) <= 5
    assert {r[4] for r in drafts} == {"handlaggare"}
    kinds = Counter(r[1] for r in rows)
    assert len(kinds) == 8  # every kind, the program's events included
    authors = Counter(r[4] for r in rows)
    assert authors["handlaggare"] > authors["handlaggare2"] > 0
    oldest = demo.today - timedelta(days=400)
    for _case, _kind, event_date, _signed, _author in rows:
        assert oldest.isoformat() <= event_date <= demo.today.isoformat()
    last = {r[0]: r[1] for r in _rows(demo, select(CaseRow.id, CaseRow.last_entry_date))}
    newest: dict[str, str] = {}
    for case_id, _kind, event_date, signed, _author in rows:
        if signed is not None:
            newest[case_id] = max(newest.get(case_id, ""), event_date)
    assert newest == last


def test_search_finds_template_words_through_the_service(demo: Demo) -> None:
    demo.login("handlaggare")
    found = demo.services.search.search("kvinnojouren")
    assert found.hits
    assert HIGHLIGHT_START in found.hits[0].snippet
    assert demo.services.search.search("polisanmälan").hits
    missing = [w for w in demo_data.SEARCH_WORDS if not demo.services.search.search(w).hits]
    assert len(missing) <= 3, missing


def test_full_text_trigger_is_back_as_the_migration_made_it(demo: Demo) -> None:
    rows = _rows(demo, text("SELECT sql FROM sqlite_master WHERE name = 'journal_fts_insert'"))
    assert len(rows) == 1
    sql = " ".join(str(rows[0][0]).split())
    assert sql == (
        "CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal_entries BEGIN "
        "INSERT INTO journal_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    # Every entry is indexed exactly once.
    fts = _rows(demo, text("SELECT count(*) FROM journal_fts_docsize"))
    entries = _rows(demo, select(func.count()).select_from(JournalEntryRow))
    assert fts[0][0] == entries[0][0]


def test_audit_chain_verifies_with_one_registration_per_case(demo: Demo) -> None:
    demo.login("handlaggare")
    report = demo.ctx.require_store().verify_audit()
    assert report.ok, report.problems
    registered = _rows(
        demo, select(func.count()).select_from(AuditRow).where(AuditRow.action == "case_registered")
    )
    assert registered[0][0] == DEMO_CASES


def test_caseworker_opens_a_case_and_reads_its_timeline(demo: Demo) -> None:
    demo.login("handlaggare")
    listed = demo.services.cases.list_cases(CaseScope.MINE)
    assert len(listed) > DEMO_CASES // 2
    details = demo.services.cases.open_case(listed[0].case_id)
    page = demo.services.journal.timeline(details.case_id)
    assert page.total >= len(page.entries) > 0
    dates = [e.event_date for e in page.entries]
    assert dates == sorted(dates, reverse=True)


def test_manager_sees_the_units_cases_but_not_protected_ones(demo: Demo) -> None:
    demo.login("chef")
    seen = demo.services.cases.list_cases(CaseScope.ALL_VISIBLE)
    assert seen
    assert not any(c.protected for c in seen)
    demo.login("handlaggare")
    total = _rows(demo, select(func.count()).select_from(CaseRow).where(~CaseRow.protected))
    assert len(seen) == total[0][0]


def test_second_caseworker_logs_in_and_is_on_the_demo_info(demo: Demo) -> None:
    demo.login("handlaggare2")
    mine = demo.services.cases.list_cases(CaseScope.MINE)
    assert mine
    assert not any(c.protected for c in mine)
    shared = sorted(c.access for c in mine if not c.own)
    assert shared == [Relation.SHARED_READ, Relation.SHARED_WRITE]  # the stand-in's two
    info = demo.ctx.demo_info()
    assert info is not None
    assert ("handlaggare2", "handläggare (vikarie)") in info.usernames


def test_the_log_review_has_history_to_show(demo: Demo) -> None:
    demo.login("chef")
    review = demo.services.audit
    assert review.open_review().ok
    page = review.events(AuditFilter())
    open_flags = page.events[: page.flagged_unreviewed]
    assert all(e.flag is not None and e.review is None for e in open_flags)
    emergency = next(e for e in open_flags if e.action == "emergency_access_started")
    assert emergency.flag is Flag.EMERGENCY and emergency.reason
    assert emergency.case_label.startswith("Skyddat ärende (ref. ")  # it has run out
    reviewed = [e for e in page.events if e.review is not None]
    assert reviewed and all(e.user_name == "Demo Vikariesson" for e in reviewed)
    assert page.flagged_unreviewed >= 4  # nödåtkomst, its opening, a reveal, a failed login


@pytest.mark.parametrize("cases", [2, 5])
def test_a_small_demo_store_is_made_without_the_parts_that_need_more_cases(
    tmp_path: Path, cases: int
) -> None:
    clock = FakeWallClock()
    ctx = AppContext(
        tmp_path / "demo", device=NoDeviceStore(), now=clock, kdf=keys.KdfParams.floor()
    )
    try:
        create_demo_store(ctx, cases=cases)  # vinr-admin demo --cases N
        small = Demo(ctx, AuthService(ctx), CaseWorkServices.for_context(ctx), clock.now.date())
        small.login("handlaggare")
        assert len(_rows(small, select(CaseRow.id))) == cases
        # Filling an open store leaves its one connection with the page cache it had.
        cache = _rows(small, text("PRAGMA cache_size"))
        demo_data.fill_demo_cases(ctx, cases=1)
        assert len(_rows(small, select(CaseRow.id))) == cases + 1
        assert _rows(small, text("PRAGMA cache_size")) == cache
    finally:
        ctx.release()
