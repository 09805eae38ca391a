"""Backups as the program takes them: *Säkerhetskopiera nu*, the automatic backup at logout and
quit, the settings, the list of backups in the folder and checking one. Restore: restoring.py.

The copy itself is store/backup.py's (written beside, verified, renamed; audited there as
`backup_started` and `backup_written`/`backup_failed`). Here: who may, which folder (IT's
policy.json wins over the administrator's choice), whether an automatic backup is due
(domain/backup_schedule.py), thinning after each new backup (domain/backup_rotation.py), and the
status every user's status bar shows. Nothing here reads case content: a backup is pages
copied, and what is shown of it is its manifest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import backup_schedule as schedule
from vinr_desktop.domain.backup_rotation import Retention
from vinr_desktop.domain.errors import AccessDenied, BackupFailed, InvalidInput, UserError
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import backup
from vinr_desktop.store.backup_keys import BackupSecret
from vinr_desktop.store.manifest import Manifest
from vinr_desktop.store.schema import SettingRow, StoreMeta
from vinr_desktop.store.unlocked import Store
from vinr_desktop.views.backup import (
    BackupListing,
    BackupRow,
    BackupSettingsView,
    BackupStatus,
    BackupWritten,
    ManifestView,
)

Progress = Callable[[int, int], None]  # (pages copied, pages in all)
log = logging.getLogger(__name__)

# Kept in store_meta beside the store's `last_backup_utc`.
LAST_HEAD_KEY = "last_backup_head"  # "<created utc>|<audit seq inside that backup>"
FAILED_UTC_KEY = "last_backup_failed_utc"
FAILURE_KEY = "last_backup_failure"  # why, in Swedish

_QUIET = ", ".join(f"'{action}'" for action in sorted(schedule.NOT_CHANGES))


def manifest_view(path: Path, manifest: Manifest) -> ManifestView:
    return ManifestView(
        path=str(path),
        created_utc=manifest.created_utc,
        schema_revision=manifest.schema_revision,
        program_version=manifest.program_version,
        audit_seq=manifest.audit_seq,
        counts=manifest.shown_counts(),
    )


def _openers(info: backup.BackupInfo) -> str:
    parts = list(info.usernames)
    if info.has_recovery_slot:
        parts.append("återställningskoden")
    if info.has_backup_password:
        parts.append("säkerhetskopieringslösenordet")
    return ", ".join(parts)


class BackupService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- settings ------------------------------------------------------------------------

    def _setting(self, session: Session, key: str) -> str | None:
        row = session.get(SettingRow, key)
        return row.value if row else None

    def _folder(self, session: Session) -> tuple[str, bool]:
        fixed = self.ctx.it_policy.backup_folder
        if fixed:
            return fixed, True
        return self._setting(session, schedule.BACKUP_FOLDER_KEY) or "", False

    def _read_settings(self, store: Store) -> BackupSettingsView:
        with store.session() as session:
            folder, fixed = self._folder(session)
            stored = {
                key: self._setting(session, key)
                for key in (
                    schedule.AUTOMATIC_BACKUP.key,
                    schedule.KEEP_DAILY.key,
                    schedule.KEEP_WEEKLY.key,
                    schedule.KEEP_MONTHLY.key,
                )
            }
        return BackupSettingsView(
            folder=folder,
            folder_fixed=fixed,
            automatic=schedule.AUTOMATIC_BACKUP.parse(stored[schedule.AUTOMATIC_BACKUP.key])
            == "on",
            keep_daily=schedule.KEEP_DAILY.parse(stored[schedule.KEEP_DAILY.key]),
            keep_weekly=schedule.KEEP_WEEKLY.parse(stored[schedule.KEEP_WEEKLY.key]),
            keep_monthly=schedule.KEEP_MONTHLY.parse(stored[schedule.KEEP_MONTHLY.key]),
        )

    def settings(self) -> BackupSettingsView:
        store, _ = self.ctx.require(Action.MANAGE_BACKUPS)
        return self._read_settings(store)

    def _save(self, store: Store, user_id: str, values: dict[str, str]) -> None:
        """Store the changed values, one audited `setting_changed` each, in one transaction."""
        with store.session() as session:
            for key, value in values.items():
                row = session.get(SettingRow, key)
                if row is not None and row.value == value:
                    continue
                if row is None:
                    session.add(SettingRow(key=key, value=value))
                else:
                    row.value = value
                store.record(session, user_id=user_id, action="setting_changed", object_id=key)

    def set_folder(self, folder: str) -> None:
        """The administrator's folder for backups (refused while IT has fixed one)."""
        store, admin = self.ctx.require(Action.MANAGE_BACKUPS)
        if self.ctx.it_policy.backup_folder:
            raise InvalidInput("Mappen för säkerhetskopior är fastställd av IT (policy.json).")
        path = Path(folder).expanduser()
        if not path.is_absolute() or not path.is_dir():
            raise InvalidInput(f"Mappen {folder} finns inte. Välj en befintlig mapp.")
        register = store.paths.folder.resolve()
        if path.resolve() == register or register in path.resolve().parents:
            raise InvalidInput(
                "Säkerhetskopiorna kan inte ligga i registrets egen mapp. Välj en annan plats, "
                "helst en annan disk (ett USB-minne eller en nätverksmapp)."
            )
        self._save(store, admin.user_id, {schedule.BACKUP_FOLDER_KEY: str(path.absolute())})

    def save_settings(self, automatic: bool, daily: int, weekly: int, monthly: int) -> None:
        store, admin = self.ctx.require(Action.MANAGE_BACKUPS)
        Retention(daily, weekly, monthly)  # the same limits as the thinning itself
        self._save(
            store,
            admin.user_id,
            {
                schedule.AUTOMATIC_BACKUP.key: "on" if automatic else "off",
                schedule.KEEP_DAILY.key: str(schedule.KEEP_DAILY.validate(daily)),
                schedule.KEEP_WEEKLY.key: str(schedule.KEEP_WEEKLY.validate(weekly)),
                schedule.KEEP_MONTHLY.key: str(schedule.KEEP_MONTHLY.validate(monthly)),
            },
        )

    # -- status (every logged-in user) ---------------------------------------------------

    def status(self) -> BackupStatus:
        """The last verified backup's date and the latest attempt's failure, from the
        register's store_meta (no search through the audit log at every login)."""
        store = self.ctx.require_store()
        self.ctx.require_user()
        configured = self._read_settings(store)
        with store.session() as session:
            meta = {
                key: row.value
                for key in ("last_backup_utc", FAILED_UTC_KEY, FAILURE_KEY)
                if (row := session.get(StoreMeta, key)) is not None
            }
        last_utc = meta.get("last_backup_utc")
        last = datetime.fromisoformat(last_utc) if last_utc else None
        failed_utc = meta.get(FAILED_UTC_KEY)
        failed = failed_utc is not None and (
            last is None or datetime.fromisoformat(failed_utc) > last
        )
        return BackupStatus(
            last_verified_utc=last_utc,
            age=schedule.backup_age(last, self.ctx.now()),
            failed_utc=failed_utc if failed else None,
            failure=meta.get(FAILURE_KEY, "") if failed else "",
            automatic_ready=configured.automatic and bool(configured.folder),
        )

    # -- writing -------------------------------------------------------------------------

    def _snapshot_seq(self, session: Session) -> int:
        """The audit head inside the last verified backup (its `backup_started` event): kept
        beside its date by this service; searched for after a backup made elsewhere
        (`vinr-admin backup`)."""
        last = session.get(StoreMeta, "last_backup_utc")
        if last is None:
            return 0
        head = session.get(StoreMeta, LAST_HEAD_KEY)
        if head is not None:
            created, _bar, seq = head.value.partition("|")
            if created == last.value and seq.isdigit():
                return int(seq)
        written = session.execute(
            text(
                "SELECT object_id FROM audit_events WHERE action = 'backup_written' "
                "ORDER BY seq DESC LIMIT 1"
            )
        ).first()
        if written is None:
            return 0
        started = session.execute(
            text(
                "SELECT seq FROM audit_events WHERE action = 'backup_started' "
                "AND object_id = :backup ORDER BY seq DESC LIMIT 1"
            ),
            {"backup": written[0]},
        ).first()
        return int(started[0]) if started is not None else 0

    def _changed_since_last_backup(self, session: Session) -> bool:
        """An event that is not a session's own coming and going after the snapshot of the
        last verified backup."""
        change = session.execute(
            text(
                f"SELECT 1 FROM audit_events WHERE seq > :since AND action NOT IN ({_QUIET}) "
                "LIMIT 1"
            ),
            {"since": self._snapshot_seq(session)},
        ).first()
        return change is not None

    def _automatic_state(self, store: Store) -> schedule.AutomaticState:
        settings_view = self._read_settings(store)
        with store.session() as session:
            last = session.get(StoreMeta, "last_backup_utc")
            return schedule.AutomaticState(
                enabled=settings_view.automatic,
                folder=settings_view.folder or None,
                last_verified=datetime.fromisoformat(last.value) if last is not None else None,
                changed=self._changed_since_last_backup(session),
            )

    def automatic_backup_due(self) -> bool:
        """Whether ending this session now should write a backup (False when it may not)."""
        try:
            store, _ = self.ctx.require(Action.WRITE_AUTOMATIC_BACKUP)
        except AccessDenied:
            return False
        return schedule.automatic_backup_due(self._automatic_state(store), self.ctx.now())

    def automatic_backup(self, progress: Progress | None = None) -> BackupWritten | None:
        """At logout or quit: write a backup if one is due (None when not). Failures raise
        the store's Swedish error; they are in the log and the status bar shows them."""
        if not self.automatic_backup_due():
            return None
        store, user = self.ctx.require(Action.WRITE_AUTOMATIC_BACKUP)
        return self._write(store, user.user_id, progress)

    def backup_now(self, progress: Progress | None = None) -> BackupWritten:
        """*Säkerhetskopiera nu* (an administrator)."""
        store, admin = self.ctx.require(Action.WRITE_BACKUP)
        return self._write(store, admin.user_id, progress)

    def _write(self, store: Store, user_id: str, progress: Progress | None) -> BackupWritten:
        settings_view = self._read_settings(store)
        now = self.ctx.now()
        try:
            target = self._usable_folder(store, user_id, settings_view.folder)
            result = backup.write_backup(store, target, user_id=user_id, now=now, progress=progress)
        except UserError as exc:
            self._remember(store, failure=(now, exc.message))
            raise
        if result.recorded:
            self._remember(store, head=(result.manifest.created_utc, result.manifest.audit_seq))
        removed = backup.thin_backups(
            target,
            now.astimezone(),
            settings_view.keep_daily,
            settings_view.keep_weekly,
            settings_view.keep_monthly,
            store_id=store.store_id,
        )
        written = manifest_view(result.path, result.manifest)
        return BackupWritten(written, len(removed), result.recorded)

    def _usable_folder(self, store: Store, user_id: str, folder: str) -> Path:
        if not folder:
            raise BackupFailed(
                "Ingen mapp för säkerhetskopior är vald. Administratören väljer den under "
                "Säkerhetskopior."
            )
        target = Path(folder)
        if not target.is_dir():  # the store's own checks come later: audit this one here
            with store.session() as session:
                store.record(
                    session, user_id=user_id, action="backup_failed", reason="folder_missing"
                )
            raise BackupFailed(
                f"Mappen för säkerhetskopior, {target}, finns inte (är USB-minnet eller "
                "nätverksmappen ansluten?)."
            )
        return target

    def _remember(
        self,
        store: Store,
        *,
        head: tuple[str, int] | None = None,
        failure: tuple[datetime, str] | None = None,
    ) -> None:
        """The outcome beside `last_backup_utc` (which the store writes): the new backup's
        audit head, or the failure the status bar shows until the next success. Best effort:
        a register whose own disk is full must not turn a good backup into an error."""
        try:
            with store.session() as session:
                if head is not None:
                    session.merge(StoreMeta(key=LAST_HEAD_KEY, value=f"{head[0]}|{head[1]}"))
                    for key in (FAILED_UTC_KEY, FAILURE_KEY):
                        row = session.get(StoreMeta, key)
                        if row is not None:
                            session.delete(row)
                if failure is not None:
                    when = failure[0].astimezone(UTC).isoformat(timespec="seconds")
                    session.merge(StoreMeta(key=FAILED_UTC_KEY, value=when))
                    session.merge(StoreMeta(key=FAILURE_KEY, value=failure[1]))
        except (UserError, OSError, SQLAlchemyError):
            log.warning("backup outcome not kept in the register")

    # -- the folder's backups ------------------------------------------------------------

    def list_backups(self) -> BackupListing:
        """This register's backups in the folder, newest first, from their public facts."""
        store, _ = self.ctx.require(Action.MANAGE_BACKUPS)
        with store.session() as session:
            folder, _fixed = self._folder(session)
        if not folder:
            return BackupListing("", (), folder_missing=False)
        path = Path(folder)
        rows = tuple(
            BackupRow(
                path=str(info.path),
                name=info.path.name,
                created_utc=info.facts.created_utc,
                schema_revision=info.facts.schema_revision,
                program_version=info.facts.program_version,
                size_bytes=info.facts.db_bytes,
                openers=_openers(info),
            )
            for info in reversed(backup.list_backups(path, store.store_id))
        )
        return BackupListing(folder, rows, folder_missing=not path.is_dir())

    def verify(self, path: str, secret: BackupSecret) -> ManifestView:
        """Open a backup with her password or the recovery code and check all of it
        (read-only); its manifest, never its content."""
        self.ctx.require(Action.MANAGE_BACKUPS)
        verified = backup.verify_backup(Path(path), secret, device=self.ctx.device)
        return manifest_view(verified.path, verified.manifest)
