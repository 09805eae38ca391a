"""Child process for test_gallring_crash.py: unlock the register, act as the enhetschef and
carry out an approved gallring, killing itself with SIGKILL right after the deletion of the
table named on the command line, inside the one transaction.

    python crash_child.py FOLDER NOW_ISO MANAGER_ID APPROVAL_ID TABLE
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime
from pathlib import Path

from tests.stores import ADMIN, ADMIN_PASSWORD, context
from vinr_desktop.access.policy import Role
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.retention.service import RetentionService


def main() -> None:
    folder, now, manager_id, approval_id, table = sys.argv[1:6]
    moment = datetime.fromisoformat(now)
    ctx = context(Path(folder), lambda: moment)
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    ctx.user = CurrentUser(manager_id, "chef", "Chef", frozenset({Role.MANAGER}))

    def step(done: str) -> None:
        if done == table:
            print("KILLING", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    RetentionService(ctx).gallra(approval_id, step)
    print("FINISHED", flush=True)


if __name__ == "__main__":
    main()
