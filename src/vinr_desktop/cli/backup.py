"""`vinr-admin backup`, `verify-backup`, `restore` and `rebuild-keys`.

Each is done by an administrator (her password; a backup is sealed to the administrators, so
only their passwords of the time open it) or with the recovery code. Output is Swedish and
shows the manifest only: dates, ids, schema revision, counts — never case content. Exit codes
as in cli/common.py: 0 done, 1 an error the user can act on (wrong password, damaged backup, full
disk, no right), 4 an audit chain that does not verify.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from vinr_desktop.access.policy import Action
from vinr_desktop.cli.common import EXIT_OK, context, err, out, read_password
from vinr_desktop.domain.errors import InvalidInput, NoStore, StoreExists
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.store import backup, rebuild, restore, vault
from vinr_desktop.store.backup_keys import AdminPassword, BackupPassword, RecoveryCode
from vinr_desktop.store.device import KeyringDeviceStore


def _read_line(what: str) -> str:
    line = sys.stdin.readline()
    if not line.strip():
        raise InvalidInput(f"Ingen {what} kom på standard in.")
    return line.rstrip("\r\n")


def _secret(args: argparse.Namespace) -> Any:
    """The backup secret the command line names (read from stdin or asked for)."""
    if args.recovery_code_stdin:
        return RecoveryCode(_read_line("återställningskod"))
    if getattr(args, "backup_password_stdin", False):
        return BackupPassword(_read_line("säkerhetskopieringslösenord"))
    return AdminPassword(args.username, read_password(args))


def _when(utc_text: str) -> str:
    moment = datetime.fromisoformat(utc_text)
    return f"{moment.astimezone():%Y-%m-%d %H:%M} ({moment:%H:%M} UTC)"


def _manifest_lines(manifest: Any, facts: Any) -> None:
    out(f"  Tagen: {_when(facts.created_utc)}")
    out(f"  Register-id: {facts.store_id}")
    out(f"  Programversion: {facts.program_version}, databasschema {manifest.schema_revision}")
    out(f"  Granskningsloggen: sista post {manifest.audit_seq}")
    counts = manifest.shown_counts()
    out("  Rader per tabell:")
    for table, rows in counts:
        if rows:
            out(f"    {table:<28} {rows}")
    empty = sum(1 for _table, rows in counts if not rows)
    if empty:
        out(f"    (och {empty} tomma tabeller)")


def cmd_backup(args: argparse.Namespace) -> int:
    """Unlock as an administrator (or with the recovery code) and write a verified backup."""
    ctx = context(args.data_dir)
    if not ctx.store_exists():
        raise NoStore()
    secret = _secret(args)
    err("Tar säkerhetskopian och kontrollerar den ...")
    try:
        if isinstance(secret, RecoveryCode):
            ctx.instance_lock.acquire()
            unlocked = vault.unlock_with_recovery(
                ctx.paths, secret.code, device=ctx.device, now=ctx.now()
            )
            store = unlocked.store
            try:
                store.use_clock(ctx.now)
                with store.session() as session:
                    for when in unlocked.earlier_failures:
                        store.record(session, user_id=None, action="recovery_failed", reason=when)
                    store.record(session, user_id=None, action="recovery_used")
                store.reset_failures(unlocked.slot.slot_id)
                result = backup.write_backup(store, args.to, user_id=None, now=ctx.now())
            finally:
                store.close()
        else:
            auth = AuthService(ctx)
            auth.login(args.username, secret.password)
            try:
                store, user = ctx.require(Action.WRITE_BACKUP)
                result = backup.write_backup(store, args.to, user_id=user.user_id, now=ctx.now())
            finally:
                auth.logout()
    finally:
        ctx.release()
    out(f"Säkerhetskopian är skriven och kontrollerad: {result.path}")
    _manifest_lines(result.manifest, result.facts)
    if not result.recorded:
        err("Obs: kopian är hel, men registrets logg kunde inte ta emot händelsen (full disk?).")
    return EXIT_OK


def cmd_verify_backup(args: argparse.Namespace) -> int:
    """Open and check a backup (read-only); show its manifest."""
    info = backup.read_backup_info(args.backup)
    secret = _secret(args)
    verified = backup.verify_backup(info.path, secret, device=KeyringDeviceStore())
    out(f"Säkerhetskopian är hel: {verified.path}")
    _manifest_lines(verified.manifest, verified.facts)
    openers = [f"administratörerna {', '.join(info.usernames)}"] if info.usernames else []
    if info.has_recovery_slot:
        openers.append("återställningskoden")
    if info.has_backup_password:
        openers.append("säkerhetskopieringslösenordet")
    out(f"  Öppnas med: {'; '.join(openers)}")
    out(
        "OK: båda integritetskontrollerna, innehållsförteckningen och "
        + by_count(
            verified.audit_events, "loggens enda post stämmer.", "loggens {0} poster stämmer."
        )
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup into a new, empty folder (never over a register)."""
    ctx = context(args.data_dir)
    if ctx.store_exists():
        raise StoreExists(
            f"Det finns redan ett register i {ctx.paths.folder}. Återställ till en ny, tom mapp; "
            "ingenting har ändrats."
        )
    secret = _secret(args)
    err("Kontrollerar säkerhetskopian och återställer registret ...")
    result = restore.restore_backup(
        args.backup, secret, ctx.paths.folder, device=ctx.device, now=ctx.now()
    )
    out(f"Registret är återställt i {result.paths.folder}")
    out(f"  Från en säkerhetskopia tagen {_when(result.manifest.created_utc)}")
    if result.migrated:
        out(f"  Databasschemat uppgraderades från {result.manifest.schema_revision}.")
    out(f"  Kan logga in: {', '.join(result.usernames) or '(ingen – använd återställningskoden)'}")
    out("  Lösenorden och återställningskoden är de som gällde när kopian togs.")
    out(
        f"  Loggen fortsätter från kopians post {result.backup_head[0]}; återställningen är "
        f"loggad som post {result.restore_seq}."
    )
    return EXIT_OK


def cmd_rebuild_keys(args: argparse.Namespace) -> int:
    """Rebuild a lost or damaged vinr.keys from a backup's copy of it."""
    ctx = context(args.data_dir)
    if not ctx.paths.db.exists():
        raise NoStore()
    secret = _secret(args)
    try:
        ctx.instance_lock.acquire()
        result = rebuild.rebuild_key_file(
            ctx.paths, args.from_backup, secret, device=ctx.device, now=ctx.now()
        )
    finally:
        ctx.release()
    out(f"Nyckelfilen är uppbyggd: {ctx.paths.header}")
    if result.damaged_aside is not None:
        out(f"  Den skadade nyckelfilen ligger kvar som {result.damaged_aside.name}.")
    out(f"  Kan logga in: {', '.join(result.usernames) or '(ingen)'}")
    out("  Lösenorden och återställningskoden är de som gällde när kopian togs.")
    if result.without_slot:
        out(
            f"  Utan inloggning (tillagda efter kopian): {', '.join(result.without_slot)} – ge "
            "dem ett engångslösenord under Administration."
        )
    return EXIT_OK
