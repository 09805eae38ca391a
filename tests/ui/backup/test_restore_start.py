"""A restore cut off between its two renames is undone when the program starts."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from tests.ui.conftest import UiEnv
from vinr_desktop.store.restore import aside_path
from vinr_desktop.ui.app import undo_interrupted_restore


def test_the_register_moved_aside_is_put_back_at_start(env: UiEnv) -> None:
    env.create_store()
    aside = aside_path(env.folder, datetime.now(UTC))
    os.rename(env.folder, aside)  # the first rename done, then the power went
    assert undo_interrupted_restore(env.folder) == aside
    assert (env.folder / "vinr.db").exists() and not aside.exists()
    assert undo_interrupted_restore(env.folder) is None  # a normal start: nothing to do
