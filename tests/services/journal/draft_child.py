"""Child process for test_draft_crash.py: types a journal draft, autosaving, until killed.

Arguments: store folder, case id. Logs in as the test store's user, then saves a draft that
grows by one word per save through the real JournalService, printing the number of words of
every save that has returned (what the editor would show as "Utkast sparat").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.services.journal.test_draft_crash import draft_text
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore


def say(line: str) -> None:
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def main() -> None:
    folder, case_id = sys.argv[1], sys.argv[2]
    ctx = AppContext(Path(folder), device=NoDeviceStore(), kdf=keys.KdfParams.floor())
    AuthService(ctx).login("ada", ADMIN_PASSWORD)
    journal = CaseWorkServices.for_context(ctx).journal
    say("READY")
    entry_id = None
    words = 0
    while True:
        words += 1
        entry_id = journal.save_draft(case_id, entry_id, draft_text(words))
        say(str(words))


if __name__ == "__main__":
    main()
