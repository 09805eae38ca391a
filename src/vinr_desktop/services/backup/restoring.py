"""*Återställ…*: put a backup of this register in its place, as an administrator.

The steps (store/restore.py does the copying and the renames):

1. the backup must be one of this register's: its public store id first (a foreign backup is
   refused before any key derivation), after the restore its audit head must be a row of the
   register's own chain (`backup_belongs_to`: a copy made by someone who could write to the
   folder, with the administrators' public keys, never is);
2. restore into a new folder beside the register ("<name> återställd <date>"), verified there
   in full (both integrity checks, the chain, the manifest), with the users' current slots so
   every current password and the recovery code keep working; the restored log starts with a
   `store_restored` event naming the backup's and the register's audit heads;
3. log out (the `logout` event closes the current register's log), let go of the instance
   lock, move the current register aside as "<name> före återställning <date>" and the
   restored one into its place; take the lock again. The user logs in again.

Anything failing before step 3 leaves the register as it was and nothing beside it; a failed
swap puts the current register back and says where the restored one lies.
"""

from __future__ import annotations

import logging
from pathlib import Path

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import BackupFailed
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import backup, restore
from vinr_desktop.store.backup_keys import BackupSecret
from vinr_desktop.store.paths import make_private_folder
from vinr_desktop.store.safe_files import remove_tree
from vinr_desktop.views.backup import RestoreDone

FOREIGN = (
    "Säkerhetskopian {0} kommer från ett annat register än det här och kan inte återställas här."
)


def _free_name(register: Path, words: str) -> Path:
    path, number = register.with_name(f"{register.name} {words}"), 1
    while path.exists():
        number += 1
        path = register.with_name(f"{register.name} {words} ({number})")
    return path


def _release_log_files(register: Path) -> None:
    """Close the program's log files inside the register folder (they reopen at their next
    record, then in the restored register's `logs/`): an open file would stop Windows from
    renaming the folder."""
    for handler in logging.getLogger().handlers:
        if (
            isinstance(handler, logging.FileHandler)
            and register in Path(handler.baseFilename).parents
        ):
            handler.close()


class RestoreService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def restore(self, path: str, secret: BackupSecret) -> RestoreDone:
        """Restore the backup at `path` over this register (see the module's steps).

        Raises WrongPassword, BackupDamaged, BackupFailed, AuditLogBroken, DiskFull; in each
        case the register is unchanged and the user still logged in.
        """
        ctx = self.ctx
        store, _admin = ctx.require(Action.RESTORE_BACKUP)
        info = backup.read_backup_info(Path(path))
        if info.facts.store_id != store.store_id:
            raise BackupFailed(FOREIGN.format(info.path.name))
        register = ctx.paths.folder.absolute()
        now = ctx.now()
        staged = _free_name(register, f"återställd {now.astimezone():%Y-%m-%d %H.%M.%S}")
        result = restore.restore_backup(
            info.path,
            secret,
            staged,
            device=ctx.device,
            current_header=store.header,
            now=now,
        )
        if not restore.backup_belongs_to(store, result.manifest):
            remove_tree(staged)
            raise BackupFailed(FOREIGN.format(info.path.name))
        AuthService(ctx).logout()
        ctx.instance_lock.release()
        _release_log_files(register)
        try:
            aside = restore.swap_in_restored(register, staged, now=now)
        except OSError as exc:
            raise BackupFailed(
                f"Det återställda registret kunde inte flyttas på plats; det ligger kvar i "
                f"{staged}. Det nuvarande registret är orört."
            ) from exc
        finally:
            make_private_folder(ctx.paths.logs)  # the program's log goes on in its place
            ctx.instance_lock.acquire()
        return RestoreDone(
            backup_created_utc=result.manifest.created_utc,
            aside_name=aside.name if aside is not None else "",
            usernames=result.usernames,
            migrated=result.migrated,
        )
