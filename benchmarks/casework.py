"""Case work at scale: a generated store of 1,000 cases and about 200,000 journal entries (one
case with 5,000), measured through the real services as the demo caseworker, all on the one
encrypted store.

- case_open_5000: `cases.open_case` + `journal.timeline(limit=200)` on the 5,000-entry case,
  what the case view does before its first rows appear (median).
- case_list_1000: `cases.list_cases(CaseScope.ALL_VISIBLE)` for a caseworker who sees all
  1,000 cases (median).
- deadlines_1000: `deadlines.page()`, the Bevakningar page over the same 1,000 cases (median).
- statistics_1000: `statistics.page(Period.year(this year))`, the whole Statistik page (every
  table, the key figures, the drill-down) over the same 1,000 cases (median).
- compliance_1000: `compliance.table()`, the egenkontroll's ten questions for all 1,000 cases
  and their 200,000 entries (median; informational).
- search_p95: `SearchService.search` for 20 words, 10 common (a full first page) and 10 rare
  (1-5 entries each, picked from the store's own word list), every word `runs` times; p95 over
  all of them. Each call is what a user's search costs: cases by number and name, then the
  journal's first page, newest first.
- search_vs_like_ratio: that p95 over the p95 of the same words found with `LIKE '%word%'`
  in the journal of the SAME encrypted store, through the same store sessions: newest first,
  the same first page (51 rows), signed or the user's own (LIKE gets no case search and no
  visibility clause, so the comparison favours it).
- unlock_to_list: see benchmarks/unlock_to_list.py (password given → case list shown).
- memory_mb: peak resident memory (VmHWM / ru_maxrss) of a fresh process that unlocks the
  store, logs in, lists the cases, opens the big case and runs the searches; and, where Qt
  starts, of one that also shows the program's main window on the case list (offscreen).

The services keep their store open between calls, as the program does during a session, so
SQLite's page cache is warm after the warm-up call; nothing else is kept between calls. Key
slots use the Argon2id floor so unlocking is not what is measured. The store is built once per
run in the benchmark's temporary folder (`--keep-store DIR` reuses one between runs).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.common import Measure, median

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.context import AppContext

CASES = 1_000
BIG_CASE_ENTRIES = 5_000
TOTAL_ENTRIES = 200_000
# Written entries per ordinary case so the total comes to about 200,000 with the big case
# and the program's own event entries (intake, markers, persons, status changes).
ENTRIES_PER_CASE = (TOTAL_ENTRIES - BIG_CASE_ENTRIES) // (CASES - 1) - 10

OPEN_TARGET_MS = 25.0
SEARCH_TARGET_MS = 30.0
LIKE_RATIO_TARGET = 0.5
LIST_TARGET_MS = 30.0
DEADLINES_TARGET_MS = 200.0
STATISTICS_TARGET_MS = 500.0
MEMORY_TARGET_MB = 300.0
HIT_LIMIT = 50  # services/cases/search.py HIT_LIMIT
COMMON_WORDS = 10  # 8 template words and 2 first names of main persons
RARE_WORDS = 10
RARE_MAX_HITS = 5
TIMEOUT_S = 600.0


@dataclass(frozen=True)
class BuiltStore:
    folder: Path
    build_s: float
    cases: int
    entries: int
    big_case_id: str
    common: tuple[str, ...]  # words with a full first page: template words and two names


def build_store(folder: Path) -> BuiltStore:
    """The demo store with 1,000 cases, all the demo caseworker's, built at the KDF floor."""
    from vinr_desktop.services.accounts.auth import AuthService
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.services.demo import cases as demo_data
    from vinr_desktop.services.demo.register import DEMO_PASSWORD, create_demo_store
    from vinr_desktop.store import keys
    from vinr_desktop.store.device import NoDeviceStore

    ctx = AppContext(folder, device=NoDeviceStore(), kdf=keys.KdfParams.floor())
    if ctx.store_exists():
        return _reuse(ctx)
    start = time.perf_counter()
    create_demo_store(ctx, cases=0)
    AuthService(ctx).login("handlaggare", DEMO_PASSWORD)
    try:
        facts = demo_data.fill_demo_cases(
            ctx,
            cases=CASES,
            entries_per_case=ENTRIES_PER_CASE,
            big_case_entries=BIG_CASE_ENTRIES,
            second_share=0.0,
        )
    finally:
        ctx.release()
    assert facts.big_case_id is not None
    names = facts.names[:2]
    return BuiltStore(
        folder,
        time.perf_counter() - start,
        facts.cases,
        facts.entries,
        facts.big_case_id,
        (*facts.words[: COMMON_WORDS - 2], *names),
    )


def _reuse(ctx: object) -> BuiltStore:
    """A store an earlier run built (`--keep-store`): find its big case and main names."""
    from sqlalchemy import func, select

    from vinr_desktop.services.accounts.auth import AuthService
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.services.demo import cases as demo_data
    from vinr_desktop.services.demo.register import DEMO_PASSWORD
    from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, JournalEntryRow, PersonRow

    assert isinstance(ctx, AppContext)
    AuthService(ctx).login("handlaggare", DEMO_PASSWORD)
    try:
        with ctx.require_store().session() as session:
            cases = session.execute(select(func.count()).select_from(CaseRow)).scalar_one()
            entries = session.execute(
                select(func.count()).select_from(JournalEntryRow)
            ).scalar_one()
            big = session.execute(
                select(JournalEntryRow.case_id)
                .group_by(JournalEntryRow.case_id)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
            names = session.execute(
                select(PersonRow.first_name)
                .join(CasePersonRow, CasePersonRow.person_id == PersonRow.id)
                .where(CasePersonRow.role == "main")
                .distinct()
                .order_by(PersonRow.first_name)
                .limit(2)
            ).scalars()
            words = (*demo_data.SEARCH_WORDS[: COMMON_WORDS - 2], *names)
    finally:
        ctx.release()
    return BuiltStore(ctx.paths.folder, 0.0, cases, entries, big, words)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def rare_words(session: Session, count: int = RARE_WORDS) -> tuple[str, ...]:
    """`count` words of the journal that 1-RARE_MAX_HITS entries hold, from the full-text
    index's own word list: the same every time for the same store, spread over 1..5 hits.
    A word inside another indexed word is skipped, so `LIKE '%word%'` and the word search
    find the same entries."""
    from sqlalchemy import text

    vocabulary = session.execute(text("SELECT term, doc FROM journal_fts_terms")).all()
    terms = [str(t) for t, _d in vocabulary]
    candidates = sorted(
        (
            (int(doc), str(term))
            for term, doc in vocabulary
            if 1 <= doc <= RARE_MAX_HITS
            and len(term) >= 6
            and not any(term in other and term != other for other in terms)
        ),
        key=lambda c: (-c[0], c[1]),
    )
    by_hits: dict[int, list[str]] = {}
    for doc, term in candidates:
        by_hits.setdefault(doc, []).append(term)
    chosen: list[str] = []
    while len(chosen) < count and any(by_hits.values()):
        for doc in sorted(by_hits, reverse=True):  # one of each hit count in turn: 5, 4, … 1
            if by_hits[doc] and len(chosen) < count:
                chosen.append(by_hits[doc].pop(0))
    if len(chosen) < count:
        raise RuntimeError(
            f"the store has only {len(chosen)} rare words; rebuild it (without --keep-store)"
        )
    return tuple(chosen)


LIKE_PAGE = """
SELECT j.case_id, c.number, j.id, j.event_date, j.kind, substr(j.text, 1, 120)
FROM journal_entries AS j JOIN cases AS c ON c.id = j.case_id
WHERE j.text LIKE :pattern AND (j.signed_utc IS NOT NULL OR j.author_id = :user)
ORDER BY j.id DESC LIMIT :limit
"""


def like_page(ctx: AppContext, word: str) -> list[int]:
    """The journal's first page for `word` found with LIKE, on the same store, in one of the
    store's sessions like a search: ids, newest first."""
    from sqlalchemy import text

    store, user = ctx.require_store(), ctx.require_user()
    with store.session() as session:
        rows = session.execute(
            text(LIKE_PAGE),
            {"pattern": f"%{word}%", "user": user.user_id, "limit": HIT_LIMIT + 1},
        ).all()
    return [int(r[2]) for r in rows]


# A fresh process: open, log in, list, open the big case, search; print peak memory in kB.
_MEMORY_CHILD = """
import sys
from pathlib import Path
from vinr_desktop.services.demo.register import DEMO_PASSWORD
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.cases.cases import CaseScope
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.device import NoDeviceStore

folder, big_case, words, with_qt = Path(sys.argv[1]), sys.argv[2], sys.argv[3:-1], sys.argv[-1]
ctx = AppContext(folder, device=NoDeviceStore())
if with_qt == "qt":
    from benchmarks.casework import show_case_list
    show_case_list(ctx, big_case, words)
else:
    AuthService(ctx).login("handlaggare", DEMO_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    rows = services.cases.list_cases(CaseScope.ALL_VISIBLE)
    services.cases.open_case(big_case)
    services.journal.timeline(big_case, limit=200)
    for word in words:
        services.search.search(word)
from benchmarks.casework import peak_rss_kib
print("PEAK_KIB", peak_rss_kib(), flush=True)
ctx.release()
"""


def peak_rss_kib() -> int:
    """Peak resident set of this process in KiB (VmHWM on Linux, else ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def show_case_list(ctx: object, big_case: str, words: list[str]) -> None:
    """In the memory child: the real main window, logged in through its login page, showing
    the case list (offscreen); then the big case and the searches through the services.
    Raises if the window does not get there.
    """
    from PySide6.QtWidgets import QApplication

    from vinr_desktop.services.casework import CaseWorkServices
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.services.demo.register import DEMO_PASSWORD
    from vinr_desktop.ui.shell.main_window import MainWindow, Screen

    assert isinstance(ctx, AppContext)
    app = QApplication.instance() or QApplication([])

    def wait_for(condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 120
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}")
            app.processEvents()
            time.sleep(0.005)

    window = MainWindow(ctx)
    window.show()
    page = window.current
    assert window.screen_kind is Screen.LOGIN
    page.username.setText("handlaggare")  # type: ignore[union-attr]
    page.password.setText(DEMO_PASSWORD)  # type: ignore[union-attr]
    page.login_button.click()  # type: ignore[union-attr]
    wait_for(lambda: window.screen_kind is Screen.WORKSPACE, "the workspace")
    workspace = window.current
    cases_page = getattr(workspace, "cases_page", None)
    if cases_page is None:
        raise RuntimeError("the workspace has no case list")
    # Ärenden is the first page for a caseworker; it loads its list through the runner.
    wait_for(lambda: not window.runner.busy, "the case list to load")
    for _ in range(50):
        app.processEvents()
        time.sleep(0.01)
    services = CaseWorkServices.for_context(ctx)
    services.cases.open_case(big_case)
    services.journal.timeline(big_case, limit=200)
    for word in words:
        services.search.search(word)
    window.hide()


def _memory(built: BuiltStore, words: tuple[str, ...], qt: bool) -> float:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEMORY_CHILD,
            str(built.folder),
            built.big_case_id,
            *words,
            "qt" if qt else "services",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("PEAK_KIB"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"memory child failed (exit {done.returncode}): {done.stderr[-400:]}")


def run(work: Path, runs: int = 5, store_folder: Path | None = None) -> list[Measure]:
    from vinr_desktop.domain.compliance_sample import Selection
    from vinr_desktop.domain.statistics_facts import Period
    from vinr_desktop.services.accounts.auth import AuthService
    from vinr_desktop.services.cases.cases import CaseScope
    from vinr_desktop.services.casework import CaseWorkServices
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.services.demo.register import DEMO_PASSWORD
    from vinr_desktop.store.device import NoDeviceStore

    runs = max(runs, 5)
    built = build_store(store_folder or work / "casework-store")
    print(
        f"    built {built.cases} cases, {built.entries} entries in {built.build_s:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    ctx = AppContext(built.folder, device=NoDeviceStore())
    AuthService(ctx).login("handlaggare", DEMO_PASSWORD)
    try:
        services = CaseWorkServices.for_context(ctx)
        big = built.big_case_id
        with ctx.require_store().session() as session:
            rare = rare_words(session)
        words = (*built.common, *rare)

        def open_big() -> None:
            services.cases.open_case(big)
            page = services.journal.timeline(big, limit=200)
            assert page.total >= BIG_CASE_ENTRIES and len(page.entries) == 200

        def list_all() -> None:
            assert len(services.cases.list_cases(CaseScope.ALL_VISIBLE)) == built.cases

        def deadlines_all() -> None:
            services.deadlines.page()

        this_year = Period.year(ctx.now().year)

        def statistics_all() -> None:
            assert services.statistics.page(this_year).tables

        def compliance_all() -> None:
            every = Selection(date(2000, 1, 1), date(2099, 12, 31), date(2026, 3, 2))
            assert len(services.compliance.table(every).rows) == built.cases

        open_big()
        list_all()
        deadlines_all()
        statistics_all()
        open_ms = [_timed(open_big) for _ in range(runs)]
        list_ms = [_timed(list_all) for _ in range(runs)]
        deadline_ms = [_timed(deadlines_all) for _ in range(runs)]
        statistics_ms = [_timed(statistics_all) for _ in range(runs)]
        compliance_all()
        compliance_ms = [_timed(compliance_all) for _ in range(runs)]
        search_ms: dict[str, list[float]] = {w: [] for w in words}
        like_ms: dict[str, list[float]] = {w: [] for w in words}
        pages: dict[str, tuple[list[int], list[int]]] = {}
        for word in words:  # warm-up pass, not counted; the first pages side by side
            found = services.search.search(word)
            pages[word] = ([h.entry_id for h in found.hits], like_page(ctx, word))
        for _ in range(runs):  # interleaved, so drift on the machine hits both alike
            for word in words:
                search_ms[word].append(_timed(lambda w=word: services.search.search(w)))
                like_ms[word].append(_timed(lambda w=word: like_page(ctx, w)))
    finally:
        ctx.release()
    _check_pages(pages, built.common, rare)
    search_p95 = p95([t for ts in search_ms.values() for t in ts])
    like_p95 = p95([t for ts in like_ms.values() for t in ts])
    slowest = max(words, key=lambda w: statistics.median(search_ms[w]))
    rare_hits = "/".join(str(len(pages[w][0])) for w in rare)

    memory = _memory(built, words, qt=False)
    measures = [
        Measure("casework_build_s", built.build_s, "s", None,
                f"{built.cases} cases, {built.entries} entries (demo_data.fill_demo_cases)"),
        Measure("case_open_5000", median(open_ms), "ms", OPEN_TARGET_MS,
                "open_case + timeline(limit=200), 5,000-entry case, median"),
        Measure("case_list_1000", median(list_ms), "ms", LIST_TARGET_MS,
                "list_cases(ALL_VISIBLE), 1,000 cases, median"),
        Measure("deadlines_1000", median(deadline_ms), "ms", DEADLINES_TARGET_MS,
                "DeadlineService.page (Bevakningar), 1,000 visible cases, median"),
        Measure("statistics_1000", median(statistics_ms), "ms", STATISTICS_TARGET_MS,
                "StatisticsService.page (Statistik, this year), 1,000 cases, median"),
        Measure("compliance_1000", median(compliance_ms), "ms", None,
                "ComplianceService.table, K1-K10 for 1,000 cases, median", bench=True),
        Measure("search_p95", search_p95, "ms", SEARCH_TARGET_MS,
                f"SearchService.search, {len(built.common)} common + {len(rare)} rare words "
                f"({rare_hits} hits) x {runs}; slowest: '{slowest}'"),
        Measure("search_like_p95", like_p95, "ms", None,
                "LIKE '%word%' newest first, first page, same encrypted store"),
        Measure("search_vs_like_ratio", search_p95 / like_p95, "x", LIKE_RATIO_TARGET,
                "search p95 / LIKE p95, same words, same first page, same store"),
        Measure("memory_mb", memory, "MB", MEMORY_TARGET_MB,
                "peak RSS: unlock, login, list, open big case, 20 searches"),
    ]  # fmt: skip
    try:
        qt_memory = _memory(built, words, qt=True)
        measures.append(
            Measure(
                "memory_mb_qt",
                qt_memory,
                "MB",
                MEMORY_TARGET_MB,
                "peak RSS, same work with the main window shown (offscreen)",
            )
        )
    except (RuntimeError, subprocess.SubprocessError) as exc:
        print(f"    memory with Qt not measured: {exc}", file=sys.stderr, flush=True)
    from benchmarks import unlock_to_list

    measures.append(unlock_to_list.measure(built.folder, built.cases, runs))
    return measures


def _check_pages(
    pages: dict[str, tuple[list[int], list[int]]], common: tuple[str, ...], rare: tuple[str, ...]
) -> None:
    """Both ways of searching must find what the comparison claims: a full first page for the
    common words, the same 1-5 entries for the rare ones."""
    for word in common:
        ours, like = pages[word]
        if len(ours) < HIT_LIMIT or len(like) <= HIT_LIMIT:
            raise RuntimeError(f"'{word}' is not common here ({len(ours)}/{len(like)} hits)")
    for word in rare:
        ours, like = pages[word]
        if not 1 <= len(ours) <= RARE_MAX_HITS or sorted(ours) != sorted(like):
            raise RuntimeError(f"'{word}' found {ours} by search but {like} by LIKE")
