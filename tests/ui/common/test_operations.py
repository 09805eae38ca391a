"""The background runner: Python's garbage collector never runs in the database thread."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from vinr_desktop.ui.common.operations import OperationRunner


def test_the_collector_is_paused_while_work_runs_and_resumes_after_the_result(
    qtbot: QtBot,
) -> None:
    """A collection in the database thread could destroy Qt objects from the wrong thread."""
    runner = OperationRunner()
    seen: list[bool] = []
    results: list[object] = []
    assert gc.isenabled()
    runner.run(lambda: seen.append(gc.isenabled()) or "klar", success=results.append)
    runner.run(lambda: seen.append(gc.isenabled()), success=results.append)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5_000)
    assert seen == [False, False]  # off in the database thread, for both queued jobs
    assert results[0] == "klar"
    assert gc.isenabled()  # back on once the last result was handled on this thread
