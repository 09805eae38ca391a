"""Case work at scale: a generated store of 1,000 cases and about 200,000 journal entries (one
case with 5,000), measured through the real services as the demo caseworker.

- case_open_5000: `cases.open_case` + `journal.timeline(limit=200)` on the 5,000-entry case,
  what the case view does before its first rows appear (median).
- search_p95: 20 one-word searches of varied frequency (template words and two names) with
  `SearchService.search`, p95 over every run; search_vs_like_ratio: that p95 over the p95 of
  the same words found with `LIKE '%word%'` (newest first, the same hit limit) in a plain,
  unencrypted SQLite copy of the journal text.
- case_list_1000: `cases.list_cases(CaseScope.ALL_VISIBLE)` for a caseworker who sees all
  1,000 cases (median).
- memory_mb: peak resident memory (VmHWM / ru_maxrss) of a fresh process that unlocks the
  store, logs in, lists the cases, opens the big case and runs the searches; and, where Qt
  starts, of one that also shows the program's main window on the case list (offscreen).

Key slots use the Argon2id floor so unlocking is not what is measured. The store is built once
per run in the benchmark's temporary folder (`--keep-store DIR` reuses one between runs).
"""

from __future__ import annotations

import math
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Measure, median

CASES = 1_000
BIG_CASE_ENTRIES = 5_000
TOTAL_ENTRIES = 200_000
# Written entries per ordinary case so the total comes to about 200,000 with the big case
# and the program's own event entries (intake, markers, persons, status changes).
ENTRIES_PER_CASE = (TOTAL_ENTRIES - BIG_CASE_ENTRIES) // (CASES - 1) - 10

OPEN_TARGET_MS = 150.0
SEARCH_TARGET_MS = 100.0
LIST_TARGET_MS = 150.0
MEMORY_TARGET_MB = 300.0
HIT_LIMIT = 50  # services/search.py HIT_LIMIT
TIMEOUT_S = 600.0


@dataclass(frozen=True)
class BuiltStore:
    folder: Path
    build_s: float
    cases: int
    entries: int
    big_case_id: str
    words: tuple[str, ...]


def build_store(folder: Path) -> BuiltStore:
    """The demo store with 1,000 cases, all the demo caseworker's, built at the KDF floor."""
    from vinr_desktop.services import demo_data, setup
    from vinr_desktop.services.auth import AuthService
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store import keys
    from vinr_desktop.store.device import NoDeviceStore

    ctx = AppContext(folder, device=NoDeviceStore(), kdf=keys.KdfParams.floor())
    if ctx.store_exists():
        return _reuse(ctx)
    start = time.perf_counter()
    setup.create_demo_store(ctx, cases=0)
    AuthService(ctx).login("handlaggare", setup.DEMO_PASSWORD)
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
        (*facts.words, *names),
    )


def _reuse(ctx: object) -> BuiltStore:
    """A store an earlier run built (`--keep-store`): find its big case and main names."""
    from sqlalchemy import func, select

    from vinr_desktop.services import demo_data, setup
    from vinr_desktop.services.auth import AuthService
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, JournalEntryRow, PersonRow

    assert isinstance(ctx, AppContext)
    AuthService(ctx).login("handlaggare", setup.DEMO_PASSWORD)
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
            words = (*demo_data.SEARCH_WORDS, *names)
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


def _plain_copy(built: BuiltStore, path: Path) -> None:
    """The journal's rows (id, case, text) in a plain, unencrypted SQLite file."""
    from sqlalchemy import select

    from vinr_desktop.services import setup
    from vinr_desktop.services.auth import AuthService
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store.case_schema import JournalEntryRow as J
    from vinr_desktop.store.device import NoDeviceStore

    ctx = AppContext(built.folder, device=NoDeviceStore())
    AuthService(ctx).login("handlaggare", setup.DEMO_PASSWORD)
    plain = sqlite3.connect(path)
    try:
        plain.execute(
            "CREATE TABLE journal_entries (id INTEGER PRIMARY KEY, case_id TEXT, "
            "event_date TEXT, kind TEXT, text TEXT)"
        )
        with ctx.require_store().session() as session:
            rows = session.execute(select(J.id, J.case_id, J.event_date, J.kind, J.text))
            while chunk := rows.fetchmany(10_000):
                plain.executemany(
                    "INSERT INTO journal_entries VALUES (?, ?, ?, ?, ?)",
                    [tuple(r) for r in chunk],
                )
        plain.commit()
    finally:
        plain.close()
        ctx.release()


def _like_search(path: Path, word: str, limit: int = HIT_LIMIT + 1) -> int:
    """What the FTS search does for journal text, done with LIKE: newest first, `limit` rows
    (-1: every match, which is what LIKE costs when a word is rare or absent)."""
    conn = sqlite3.connect(path)
    try:
        return len(
            conn.execute(
                "SELECT id, case_id, event_date, kind, substr(text, 1, 120) "
                "FROM journal_entries WHERE text LIKE ? ORDER BY id DESC LIMIT ?",
                (f"%{word}%", limit),
            ).fetchall()
        )
    finally:
        conn.close()


# A fresh process: open, log in, list, open the big case, search; print peak memory in kB.
_MEMORY_CHILD = """
import sys
from pathlib import Path
from vinr_desktop.services import setup
from vinr_desktop.services.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.cases import CaseScope
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.device import NoDeviceStore

folder, big_case, words, with_qt = Path(sys.argv[1]), sys.argv[2], sys.argv[3:-1], sys.argv[-1]
ctx = AppContext(folder, device=NoDeviceStore())
if with_qt == "qt":
    from benchmarks.casework import show_case_list
    show_case_list(ctx, big_case, words)
else:
    AuthService(ctx).login("handlaggare", setup.DEMO_PASSWORD)
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

    from vinr_desktop.services import setup
    from vinr_desktop.services.casework import CaseWorkServices
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.ui.main_window import MainWindow, Screen

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
    page.password.setText(setup.DEMO_PASSWORD)  # type: ignore[union-attr]
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


def _memory(built: BuiltStore, qt: bool) -> float:
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
            *built.words,
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
    from vinr_desktop.services import setup
    from vinr_desktop.services.auth import AuthService
    from vinr_desktop.services.cases import CaseScope
    from vinr_desktop.services.casework import CaseWorkServices
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store.device import NoDeviceStore

    runs = max(runs, 5)
    built = build_store(store_folder or work / "casework-store")
    print(
        f"    built {built.cases} cases, {built.entries} entries in {built.build_s:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    ctx = AppContext(built.folder, device=NoDeviceStore())
    AuthService(ctx).login("handlaggare", setup.DEMO_PASSWORD)
    try:
        services = CaseWorkServices.for_context(ctx)
        big = built.big_case_id

        def open_big() -> None:
            services.cases.open_case(big)
            page = services.journal.timeline(big, limit=200)
            assert page.total >= BIG_CASE_ENTRIES and len(page.entries) == 200

        def list_all() -> None:
            assert len(services.cases.list_cases(CaseScope.ALL_VISIBLE)) == built.cases

        open_big()
        list_all()
        open_ms = [_timed(open_big) for _ in range(runs)]
        list_ms = [_timed(list_all) for _ in range(runs)]
        for word in built.words:  # warm-up pass, not counted
            services.search.search(word)
        search_ms: list[float] = []
        hits: dict[str, int] = {}
        for _ in range(runs):
            for word in built.words:
                start = time.perf_counter()
                found = services.search.search(word)
                search_ms.append((time.perf_counter() - start) * 1000)
                hits[word] = len(found.hits)
    finally:
        ctx.release()

    plain = work / "casework-plain.db"
    _plain_copy(built, plain)
    for word in built.words:
        _like_search(plain, word)
    like_ms: list[float] = []
    for _ in range(runs):
        for word in built.words:
            start = time.perf_counter()
            _like_search(plain, word)
            like_ms.append((time.perf_counter() - start) * 1000)
    like_all_ms: list[float] = []
    for word in built.words:
        start = time.perf_counter()
        _like_search(plain, word, -1)
        like_all_ms.append((time.perf_counter() - start) * 1000)
    search_p95, like_p95 = p95(search_ms), p95(like_ms)
    per_word = {
        w: statistics.median(search_ms[i :: len(built.words)]) for i, w in enumerate(built.words)
    }
    slowest = max(per_word, key=per_word.__getitem__)

    memory = _memory(built, qt=False)
    measures = [
        Measure("casework_build_s", built.build_s, "s", None,
                f"{built.cases} cases, {built.entries} entries (demo_data.fill_demo_cases)"),
        Measure("case_open_5000", median(open_ms), "ms", OPEN_TARGET_MS,
                "open_case + timeline(limit=200), 5,000-entry case, median"),
        Measure("search_p95", search_p95, "ms", SEARCH_TARGET_MS,
                f"SearchService.search, {len(built.words)} words x {runs}; slowest: "
                f"'{slowest}' ({hits.get(slowest, 0)} hits shown)"),
        Measure("search_like_p95", like_p95, "ms", None,
                "LIKE '%word%' newest first, plain SQLite copy of the journal"),
        Measure("search_like_all_p95", p95(like_all_ms), "ms", None,
                "the same LIKE, every match (a rare word costs this)"),
        Measure("search_vs_like_ratio", search_p95 / like_p95, "x", None,
                "search p95 / LIKE-newest-first p95 (no target in the issue)", bench=True),
        Measure("case_list_1000", median(list_ms), "ms", LIST_TARGET_MS,
                "list_cases(ALL_VISIBLE), 1,000 cases, median"),
        Measure("memory_mb", memory, "MB", MEMORY_TARGET_MB,
                "peak RSS: unlock, login, list, open big case, 20 searches"),
    ]  # fmt: skip
    try:
        qt_memory = _memory(built, qt=True)
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
    return measures
