"""`fill_demo_cases`: generate the cases and write them with bulk inserts (see the
package's docstring), and what was written (`DemoFacts`)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from vinr_desktop.access.policy import Role
from vinr_desktop.domain.cases import (
    CaseStatus,
)
from vinr_desktop.domain.persons import PersonRole, ProtectionLevel
from vinr_desktop.services.cases.cases import (
    CASE_PREFIX_SETTING,
    DEFAULT_CASE_PREFIX,
    closing_reasons,
)
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.demo.cases.case_rows import (
    case_row,
    first_report,
    reported,
)
from vinr_desktop.services.demo.cases.facts import CaseFacts
from vinr_desktop.services.demo.cases.households import (
    Generator,
    families,
)
from vinr_desktop.services.demo.cases.journal import (
    draft_row,
    journal_rows,
)
from vinr_desktop.services.demo.cases.vocabulary import (
    SEARCH_WORDS,
)
from vinr_desktop.store.case_schema import (
    CaseMarkerRow,
    CasePersonRow,
    CaseRow,
    ChildReportRow,
    PersonRelationRow,
    PersonRow,
)
from vinr_desktop.store.facts_schema import CaseAssignmentRow, InvestigationRow
from vinr_desktop.store.schema import Base, SettingRow, UserRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEMO_CASES = 40
DEFAULT_SEED = 2026
PRIMARY_CASEWORKER = "handlaggare"
SECOND_CASEWORKER = "handlaggare2"
# Rows per executemany call: large enough to be fast, small enough to keep memory flat.
_CHUNK = 5_000
_CACHE_KIB = 256 * 1024
_FTS_TRIGGER = "journal_fts_insert"  # db/versions/0003


# -- the result ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoFacts:
    """What `fill_demo_cases` wrote (for tests and the benchmark)."""

    case_ids: tuple[str, ...]
    persons: int
    entries: int  # every journal row, the program's event entries and drafts included
    drafts: int
    protected_case_ids: tuple[str, ...]
    big_case_id: str | None  # the case given `big_case_entries` entries, if any
    words: tuple[str, ...] = field(default=())  # words the templates use, for searching
    names: tuple[str, ...] = field(default=())  # first names of some main persons

    @property
    def cases(self) -> int:
        return len(self.case_ids)


def fill_demo_cases(
    ctx: AppContext,
    *,
    cases: int = DEMO_CASES,
    entries_per_case: int | None = None,
    seed: int = DEFAULT_SEED,
    big_case_entries: int = 0,
    second_share: float = 0.17,
) -> DemoFacts:
    """Add `cases` fictional cases with persons, markers and journal entries to the open store.

    - `entries_per_case`: written (non-event) journal entries per case; None gives each case
      a realistic number for its age (a few to about 60). The program's own event entries
      (intake, markers, status changes, child steps, closing) come on top.
    - `big_case_entries`: if > 0, the first case gets this many written entries instead.
    - `seed`: the same seed and clock give the same content.
    - `second_share`: the share of unprotected cases the second caseworker is responsible
      for (0 gives every case to the first, as the benchmark wants).

    The store must be unlocked (`ctx.store`); no login is needed. Cases are owned by the
    caseworker "handlaggare" (most) and "handlaggare2" (about one in six) when those users
    exist, else by the store's first and second caseworker (see `second_share`); the big
    case and every protected case belong to the first. Dates lie within the last ~13 months
    before `ctx.now()`.
    """
    if cases < 1:
        raise ValueError("cases must be at least 1")
    store = ctx.require_store()
    rng = random.Random(seed)
    today = ctx.now().astimezone().date()
    now_text = ctx.now().isoformat(timespec="seconds")
    gen = Generator(rng, ctx.now(), closing_reasons(), random.Random(f"details:{seed}"))

    with store.session() as session:
        first, second = _caseworkers(session)
        names = {i: n for i, n in session.execute(select(UserRow.id, UserRow.full_name))}
        prefix_row = session.get(SettingRow, CASE_PREFIX_SETTING)
        prefix = prefix_row.value if prefix_row is not None else DEFAULT_CASE_PREFIX
        running_by_year: dict[int, int] = {
            year: last or 0
            for year, last in session.execute(
                select(CaseRow.year, func.max(CaseRow.running)).group_by(CaseRow.year)
            ).all()
        }
        existing = set(session.execute(select(PersonRow.identity_value)).scalars())
    gen.numbers |= existing

    plans = families(gen, cases)
    facts = CaseFacts(random.Random(f"facts:{seed}"), gen.now, today, names, first, second)
    facts.record_sex(gen.persons)
    intakes = sorted(today - timedelta(days=rng.randrange(0, 395)) for _ in plans)
    if big_case_entries:
        intakes[0] = today - timedelta(days=395)  # the big case is the oldest
    case_rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    marker_rows: list[dict[str, Any]] = []
    entries: list[tuple[Any, ...]] = []
    protected_ids: list[str] = []
    drafts_left = 2 + cases // 200
    drafts = 0
    for index, (plan, intake) in enumerate(zip(plans, intakes, strict=True)):
        case_id = gen.new_id()
        year = intake.year
        running_by_year[year] = running_by_year.get(year, 0) + 1
        protected = any(
            p.protection is not ProtectionLevel.NONE
            for p in (plan.main, *(p for p, _r in plan.links))
        )
        responsible = first
        if not protected and index > 0 and rng.random() < second_share:
            responsible = second
        if protected:
            protected_ids.append(case_id)
        case = case_row(gen, plan, case_id, prefix, year, running_by_year[year], intake, first)
        case["responsible_user_id"] = responsible
        case["protected"] = protected
        registered = gen.stamp(intake)
        case["created_utc"] = registered
        for person, role in [(plan.main, PersonRole.MAIN), *plan.links]:
            links.append(
                {
                    "case_id": case_id,
                    "person_id": person.id,
                    "role": role.value,
                    "added_utc": registered,
                }
            )
        for code in plan.markers:
            marker_rows.append(
                {
                    "case_id": case_id,
                    "code": code,
                    "added_utc": registered,
                    "added_by": responsible,
                }
            )
        count = entries_per_case
        if index == 0 and big_case_entries:
            count = big_case_entries
        case_entries = journal_rows(gen, plan, case, count, responsible, second)
        case_entries += facts.for_case(case, reported(case))
        if drafts_left and responsible == first and case["status"] != CaseStatus.CLOSED.value:
            case_entries.append(draft_row(gen, plan, case, first))
            drafts_left -= 1
            drafts += 1
        signed_dates = [e[5] for e in case_entries if e[10] is not None]
        case["last_entry_date"] = max(signed_dates) if signed_dates else None
        case["updated_utc"] = max(e[9] for e in case_entries)
        case_rows.append(case)
        entries += case_entries
    # Rows in the order they would have been written, so ids interleave across cases.
    entries.sort(key=lambda e: e[8])
    columns = (
        "case_id",
        "kind",
        "source",
        "source_detail",
        "event_date",
        "text",
        "author_id",
        "created_utc",
        "saved_utc",
        "signed_utc",
        "corrects_id",
        "correction_reason",
    )

    person_rows = [p.row(now_text) for p in gen.persons]
    with store.session() as session:
        for table, rows in (
            (PersonRow.__tablename__, person_rows),
            (PersonRelationRow.__tablename__, gen.relations),
            (CaseRow.__tablename__, case_rows),
            (CasePersonRow.__tablename__, links),
            (CaseMarkerRow.__tablename__, marker_rows),
            (ChildReportRow.__tablename__, [first_report(c) for c in case_rows if reported(c)]),
            (InvestigationRow.__tablename__, facts.investigations),
            (CaseAssignmentRow.__tablename__, facts.assignments),
        ):
            statement = insert(Base.metadata.tables[table])
            for start in range(0, len(rows), _CHUNK):
                session.execute(statement, rows[start : start + _CHUNK])
        for case in case_rows:
            store.record(
                session,
                user_id=case["responsible_user_id"],
                action="case_registered",
                case_id=case["id"],
            )
    journal = (
        f"INSERT INTO journal_entries ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    with store.session() as session, _big_cache(session), _fts_in_one_statement(session):
        connection = session.connection()
        for start in range(0, len(entries), _CHUNK):
            connection.exec_driver_sql(journal, [e[1:] for e in entries[start : start + _CHUNK]])
    main_names = sorted({p.main.first_name for p in plans})
    return DemoFacts(
        case_ids=tuple(c["id"] for c in case_rows),
        persons=len(person_rows),
        entries=len(entries),
        drafts=drafts,
        protected_case_ids=tuple(protected_ids),
        big_case_id=case_rows[0]["id"] if big_case_entries else None,
        words=SEARCH_WORDS,
        names=tuple(main_names),
    )


@contextmanager
def _big_cache(session: Session) -> Iterator[None]:
    """A page cache big enough for the index and full-text pages of a bulk insert, for the
    length of the block (the store keeps its one connection, so the old size is put back).

    With SQLite's default 2 MB the full-text index and the (case, date) index thrash it, and
    every re-read page is decrypted again (200,000 entries: 9.7 s instead of 8.3 s).
    """
    connection = session.connection()
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def _fts_in_one_statement(session: Session) -> Iterator[None]:
    """Index the inserted entries with one INSERT … SELECT instead of the per-row trigger.

    Row by row through the trigger, 200,000 entries took 24 s here against 8–12 s in one
    statement (2-core machine, memory security off). Inside the caller's transaction the
    insert trigger is dropped, the rows inserted, the full-text rows added exactly as the
    trigger would add them, and the trigger re-created from its own stored SQL; a failure
    anywhere rolls all of it back.
    """
    connection = session.connection()
    trigger_sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_FTS_TRIGGER,)
    ).scalar_one()
    before = connection.exec_driver_sql(
        "SELECT coalesce(max(id), 0) FROM journal_entries"
    ).scalar_one()
    connection.exec_driver_sql(f"DROP TRIGGER {_FTS_TRIGGER}")
    yield
    connection.exec_driver_sql(
        "INSERT INTO journal_fts(rowid, text) SELECT id, text FROM journal_entries WHERE id > ?",
        (before,),
    )
    connection.exec_driver_sql(trigger_sql)


def _caseworkers(session: Session) -> tuple[str, str]:
    """User ids of the main and the second demo caseworker (the same if there is one)."""
    users = session.execute(
        select(UserRow.id, UserRow.username, UserRow.roles).order_by(UserRow.created_utc)
    ).all()
    workers = [(i, u) for i, u, roles in users if Role.CASEWORKER.value in roles.split(",")]
    if not workers:
        raise ValueError("the store has no caseworker to own the demo cases")
    by_name = dict((u, i) for i, u in workers)
    first = by_name.get(PRIMARY_CASEWORKER, workers[0][0])
    others = [i for i, _u in workers if i != first]
    second = by_name.get(SECOND_CASEWORKER, others[0] if others else first)
    return first, second
