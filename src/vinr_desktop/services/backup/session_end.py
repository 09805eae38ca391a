"""The end of a session — logout or quit — with the automatic backup first, when one is due.

The backup never holds the session's end hostage: whatever happens to it, the user is logged
out (or the program closes). A failure is in the register's log as `backup_failed` (the store
writes it), so the status bar of the next session shows it; here it is returned in Swedish for
the note the window shows at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from vinr_desktop.domain.errors import UserError
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.backup.backups import BackupService, Progress
from vinr_desktop.services.context import AppContext

log = logging.getLogger(__name__)

UNEXPECTED = (
    "Ett oväntat fel inträffade vid säkerhetskopieringen. Felet har skrivits i programmets logg "
    "utan person- eller ärendeuppgifter."
)


@dataclass(frozen=True)
class SessionEnd:
    backed_up: bool  # a new verified backup was written
    failure: str  # why the backup failed, in Swedish ("" when it did not)


def automatic_backup(ctx: AppContext, progress: Progress | None = None) -> SessionEnd:
    """Write the automatic backup if one is due; never raises."""
    if ctx.store is None or ctx.user is None:
        return SessionEnd(False, "")
    try:
        written = BackupService(ctx).automatic_backup(progress)
    except UserError as exc:
        return SessionEnd(False, exc.message)
    except Exception as exc:  # a bug: logged by type only, the session still ends
        log.error("automatic backup failed: %s", type(exc).__name__)
        return SessionEnd(False, UNEXPECTED)
    return SessionEnd(written is not None, "")


def backup_and_log_out(ctx: AppContext, progress: Progress | None = None) -> SessionEnd:
    """Logging out: the automatic backup if due, then the logout whatever became of it."""
    try:
        return automatic_backup(ctx, progress)
    finally:
        AuthService(ctx).logout()
