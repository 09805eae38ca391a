"""A draft survives kill -9 in the middle of typing: the last save the editor confirmed is in
the store when it is opened again (SECURITY.md: killed process, nothing lost)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.casework import register
from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind
from vinr_desktop.services.casework import CaseWorkServices

pytestmark = pytest.mark.slow

RUNS = 5
WORDS = ("Klienten", "berättar", "om", "hembesöket", "och", "oron", "för", "barnen")
ROOT = Path(__file__).resolve().parents[3]


def draft_text(words: int) -> EntryDraft:
    text = " ".join(WORDS[i % len(WORDS)] for i in range(words))
    return EntryDraft(date(2026, 2, 25), EntryKind.HOME_VISIT, SourceKind.CLIENT, "", text)


def _type_until_killed(folder: Path, case_id: str, rng: random.Random) -> int:
    """Run the typing child, kill it at a random moment; the last confirmed word count."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.services.journal.draft_child", str(folder), case_id],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == b"READY"
        time.sleep(rng.uniform(0.2, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        acknowledged = [int(line) for line in child.stdout.read().split()]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    assert acknowledged, "the child saved nothing before it was killed"
    return acknowledged[-1]


def test_the_last_confirmed_draft_survives_kill_9(env: Env) -> None:
    rng = random.Random(20261123)
    env.auth.login("ada", ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(env.ctx)
    case_ids = [register(services).case_id for _ in range(RUNS)]
    env.auth.logout()
    env.ctx.release()  # the child takes the store

    for case_id in case_ids:
        confirmed = _type_until_killed(env.folder, case_id, rng)
        ctx = env.new_context()
        try:
            from vinr_desktop.services.accounts.auth import AuthService

            AuthService(ctx).login("ada", ADMIN_PASSWORD)
            [draft] = CaseWorkServices.for_context(ctx).journal.my_drafts(case_id)
            saved_words = len(draft.text.split())
            # The save in flight at the kill may or may not have committed; nothing confirmed
            # is lost and nothing is half-written.
            assert saved_words in (confirmed, confirmed + 1)
            assert draft.text == draft_text(saved_words).text
            assert ctx.require_store().integrity_check() == []
        finally:
            ctx.release()
