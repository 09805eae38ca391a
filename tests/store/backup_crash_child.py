"""Child process for test_backup_crash.py: write a backup until killed with SIGKILL.

Started once with sys.executable; it imports everything, prints STARTED, then reads one line
per run from stdin: the register folder, the data key in hex, the admin's user id and the
target folder. For each run it forks a writer (so the imports are paid once) that opens the
register, prints `READY <pid>`, writes one backup and prints `WROTE`; the test kills it at a
random moment. This process reaps it and prints `DONE <exit code>`.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from vinr_desktop.store import backup, migrations, vault
from vinr_desktop.store.paths import StorePaths


def say(line: str) -> None:
    """One whole line in one write(2): a kill cannot split it."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def write_one(folder: str, key_hex: str, user_id: str, target: str) -> None:
    paths = StorePaths(Path(folder))
    store = vault.Store(paths, vault.read_header(paths), bytes.fromhex(key_hex))
    store._load()
    say(f"READY {os.getpid()}")
    backup.write_backup(store, Path(target), user_id=user_id)
    say("WROTE")
    store.close()


def main() -> None:
    migrations.head_revision()  # read the migration scripts once, before any fork
    say("STARTED")
    for line in sys.stdin:
        folder, key_hex, user_id, target = line.split("\t")
        pid = os.fork()
        if pid == 0:
            try:
                write_one(folder, key_hex, user_id, target.rstrip("\n"))
                os._exit(0)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        _pid, status = os.waitpid(pid, 0)
        say(f"DONE {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    main()
