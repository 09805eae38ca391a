"""Child process for test_crash.py: commit audited transactions until killed with SIGKILL.

Started once with sys.executable; it imports everything, prints STARTED, then reads one line
per run from stdin: the store folder, the data key in hex and a run label. For each run it
forks a committer (so the 0.8 s of imports is paid once, not a hundred times) that opens the
store, prints `READY <pid>`, and then prints the number of every transaction whose commit has
returned (what the UI would confirm to the user), flushed at once. The test kills the committer
with SIGKILL; this process reaps it and prints `DONE <exit code>`.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from vinr_desktop.store import migrations, vault
from vinr_desktop.store.paths import StorePaths


def say(line: str) -> None:
    """One whole line in one write(2): a kill cannot split it (print may write it in two)."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def commit_until_killed(folder: str, key_hex: str, run: str) -> None:
    paths = StorePaths(Path(folder))
    store = vault.Store(paths, vault.read_header(paths), bytes.fromhex(key_hex))
    store._load()
    say(f"READY {os.getpid()}")
    i = 0
    while True:
        with store.session() as session:
            store.record(session, user_id=None, action="crash_test", object_id=f"{run}-{i}")
        say(str(i))
        i += 1


def main() -> None:
    migrations.head_revision()  # read the migration scripts once, before any fork
    say("STARTED")
    for line in sys.stdin:
        folder, key_hex, run = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                commit_until_killed(folder, key_hex, run)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        _pid, status = os.waitpid(pid, 0)
        say(f"DONE {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    main()
