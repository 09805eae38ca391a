"""`vinr-admin`: set up, check and describe a store from a terminal, for IT staff and scripts.

Output is Swedish; nothing here ever prints case content. Errors the user can act on
(`UserError`) print their Swedish message and exit 1; anything else is a bug and prints only its
exception type, exit 3, never the exception text (it could hold data).

Exit codes: 0 ok, 1 user error or damaged database or backup, 2 wrong command line,
3 unexpected error, 4 the audit log (of the register or of a backup) does not verify,
130 interrupted. The backup commands are in cli_backup.py.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from vinr_desktop.cli_parser import EXIT_USAGE as EXIT_USAGE  # all exit codes in one place
from vinr_desktop.cli_parser import build_parser
from vinr_desktop.domain.errors import (
    AuditLogBroken,
    InvalidInput,
    NoStore,
    StoreDamaged,
    UserError,
)
from vinr_desktop.store.paths import default_demo_folder, default_store_folder

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_UNEXPECTED = 3
EXIT_AUDIT = 4
EXIT_INTERRUPTED = 130

KDF_FLOOR_ENV = "VINR_KDF_FLOOR"

# Role codes and the Swedish words an administrator may type instead.
ROLE_ALIASES = {
    "caseworker": "caseworker",
    "handläggare": "caseworker",
    "manager": "manager",
    "enhetschef": "manager",
    "admin": "admin",
    "administratör": "admin",
}


# -- helpers ---------------------------------------------------------------------------------


def default_data_dir(*, demo: bool = False) -> Path:
    """The folder the program uses when none is given (the same rule as the desktop program)."""
    return default_demo_folder() if demo else default_store_folder()


def _context(folder: Path) -> Any:
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store import keys

    kdf = keys.KdfParams.floor() if os.environ.get(KDF_FLOOR_ENV) == "1" else None
    ctx = AppContext(folder, kdf=kdf)
    for problem in ctx.it_policy.problems:  # a bad policy.json: say so, use the defaults
        _err(problem)
    return ctx


def _read_password(args: argparse.Namespace, prompt: str = "Lösenord: ") -> str:
    """One line from stdin (`--password-stdin`) or a hidden prompt on the terminal."""
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise InvalidInput("Inget lösenord kom på standard in.")
        return line.rstrip("\r\n")
    return getpass.getpass(prompt)


def _parse_roles(text: str) -> tuple[str, ...]:
    roles: list[str] = []
    for part in text.split(","):
        word = part.strip().lower()
        if not word:
            continue
        code = ROLE_ALIASES.get(word)
        if code is None:
            raise InvalidInput(
                f"Okänd roll: {word}. Använd caseworker (handläggare), manager (enhetschef) "
                "eller admin (administratör)."
            )
        if code not in roles:
            roles.append(code)
    return tuple(roles)


def _ask_if_missing(value: str | None, args: argparse.Namespace, prompt: str, flag: str) -> str:
    if value is not None:
        return value
    if args.password_stdin or not sys.stdin.isatty():
        raise InvalidInput(f"Ange {prompt.lower()} med {flag}.")
    return input(f"{prompt}: ")


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} kB".replace(".", ",")
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _out(text: str = "") -> None:
    print(text, flush=True)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- commands --------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    """Create a store with its first user; show the recovery code once."""
    from vinr_desktop.services import setup

    ctx = _context(args.data_dir)
    if ctx.store_exists():
        from vinr_desktop.domain.errors import StoreExists

        raise StoreExists()
    policy = ctx.it_policy
    municipality = _ask_if_missing(
        args.municipality or policy.municipality, args, "Kommun", "--municipality"
    )
    unit = _ask_if_missing(args.unit or policy.unit, args, "Enhet", "--unit")
    bind_device = bool(args.bind_device or policy.device_binding_required)
    roles = _parse_roles(args.roles)
    password = _read_password(args, "Lösenord för den första användaren: ")
    if not args.password_stdin and getpass.getpass("Skriv lösenordet igen: ") != password:
        raise InvalidInput("Lösenorden är inte likadana.")
    binding_here = ctx.device.available()
    if args.bind_device and not binding_here and not policy.device_binding_required:
        _err(
            "Datorbindning går inte att slå på här: datorn har ingen godkänd nyckelring "
            "(Windows Autentiseringshanteraren, macOS Nyckelring eller Secret Service). "
            "Registret skapas utan datorbindning."
        )
    _err("Kontrollerar uppgifterna och skapar registret – det tar några sekunder ...")
    try:
        code = setup.create_store(
            ctx,
            municipality=municipality,
            unit=unit,
            username=args.username,
            full_name=args.full_name,
            password=password,
            roles=roles,
            bind_device=bind_device,
        )
    finally:
        ctx.release()
    bound = bind_device and binding_here
    required = " – krävs av IT" if policy.device_binding_required else ""
    _out(f"Registret är skapat i {ctx.paths.folder}")
    _out(f"Första användaren: {args.username.strip().lower()}")
    _out(f"Datorbindning: {'på (' + ctx.device.backend_name + required + ')' if bound else 'av'}")
    _out()
    _out("ÅTERSTÄLLNINGSKOD – visas bara den här enda gången:")
    _out()
    _out(f"    {code}")
    _out()
    _out("Skriv ut eller skriv ner koden nu och förvara den inlåst, skild från datorn.")
    _out("Med koden kan registret öppnas om alla lösenord glöms bort. Den visas aldrig igen.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Create the demo store with fictional users and a public password."""
    from vinr_desktop.services import setup

    ctx = _context(args.data_dir)
    if ctx.store_exists():
        from vinr_desktop.domain.errors import StoreExists

        raise StoreExists()
    cases = setup.DEMO_CASES if args.cases is None else args.cases
    _err("Skapar demoregistret – det tar några sekunder ...")
    try:
        setup.create_demo_store(ctx, cases=cases)
    finally:
        ctx.release()
    info = ctx.demo_info()
    _out(f"Demoregistret är skapat i {ctx.paths.folder}")
    _out(f"Påhittade ärenden: {cases}")
    _out("Allt innehåll är påhittat. Använd det aldrig för riktiga ärenden.")
    _out()
    _out("Användare:")
    for username, label in info.usernames if info else ():
        _out(f"    {username:<14} {label}")
    _out(f"Lösenord (samma för alla): {setup.DEMO_PASSWORD}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    """Unlock, check the database and the audit chain, and log the check if all is well.

    The checks run read-only first, so a damaged or tampered store is reported exactly as it
    was found; only a healthy store gets the login, "verify" and logout events (one more key
    derivation for the normal login through AuthService).
    """
    from sqlalchemy import exc as sa_exc

    from vinr_desktop.services.auth import AuthService
    from vinr_desktop.store import vault
    from vinr_desktop.store.engine import DatabaseError

    ctx = _context(args.data_dir)
    if not ctx.store_exists():
        raise NoStore()
    password = _read_password(args)
    try:
        ctx.instance_lock.acquire()
        unlocked = vault.unlock(
            ctx.paths, args.username, password, device=ctx.device, now=ctx.now()
        )
        store = unlocked.store
        try:
            # A page SQLite cannot read at all ("malformed") raises instead of being listed.
            try:
                db_problems = store.integrity_check()
            except DatabaseError:
                raise StoreDamaged(ctx.paths.db.name, "integrity_check avbröts") from None
            try:
                report = store.verify_audit()
                audit_problems = report.problems
            except sa_exc.DatabaseError:
                raise StoreDamaged(ctx.paths.db.name, "loggen kan inte läsas") from None
        finally:
            store.close()
        if db_problems:
            _out(f"Databasen {ctx.paths.db.name} är skadad:")
            for problem in db_problems[:20]:
                _out(f"  - {problem}")
            if len(db_problems) > 20:
                _out(f"  ... och {len(db_problems) - 20} fel till.")
        if audit_problems:
            _out("Loggen (granskningsloggen) har ändrats eller saknar poster:")
            for problem in audit_problems:
                _out(f"  - {problem}")
        if db_problems or audit_problems:
            _out("Kontrollen hittade fel. Ingenting har ändrats i registret.")
            _out("Spara en kopia av mappen och kontakta IT-stöd; återställ från en säkerhetskopia.")
            return EXIT_USER_ERROR if db_problems else EXIT_AUDIT
        auth = AuthService(ctx)
        auth.login(args.username, password)
        try:
            store, user = ctx.require_store(), ctx.require_user()
            with store.session() as session:
                store.record(session, user_id=user.user_id, action="verify")
        finally:
            auth.logout()
    finally:
        ctx.release()
    _out(
        "OK: databasen är hel (integrity_check och cipher_integrity_check) och loggen hänger ihop."
    )
    for mark in report.restores:
        what = (
            "återställdes från en säkerhetskopia"
            if mark.action == "store_restored"
            else ("fick en ny nyckelfil från en säkerhetskopia")
        )
        lost = (
            f"; posterna {mark.backup_seq + 1}–{mark.register_seq} från före återställningen "
            "finns inte i den här filen"
            if mark.action == "store_restored"
            and mark.register_seq is not None
            and mark.register_seq > mark.backup_seq
            else ""
        )
        _out(
            f"Registret {what} {mark.ts_utc[:16].replace('T', ' ')} UTC (loggpost {mark.seq}): "
            f"loggen fortsätter från kopians post {mark.backup_seq}{lost}."
        )
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    """Describe the store without its password."""
    from vinr_desktop.services.status import offline_status
    from vinr_desktop.store.device import KeyringDeviceStore

    ctx = _context(args.data_dir)
    if not ctx.store_exists():
        raise NoStore()
    status = offline_status(ctx.paths)
    supported = status.format_version <= status.supported_format
    _out(f"Register: {ctx.paths.folder}")
    if ctx.is_demo:
        _out("Typ: demoregister (påhittat innehåll)")
    _out(
        f"Filformat: version {status.format_version} "
        f"({'stöds' if supported else 'stöds inte'} av det här programmet, "
        f"som hanterar version {status.supported_format})"
    )
    _out(f"Användare: {', '.join(status.usernames) or '(inga)'}")
    if status.device_binding:
        here = "finns" if KeyringDeviceStore().available() else "saknas"
        _out(f"Datorbindning: på ({status.binding_backend}); nyckelring på den här datorn {here}")
    else:
        _out("Datorbindning: av")
    _out(f"Återställningskod: {'finns' if status.has_recovery_slot else 'saknas'}")
    _out(f"Nyckelepok: {status.key_epoch}")
    if not status.database_present:
        match = "stämmer inte – databasfilen saknas"
    elif status.header_matches_database:
        match = "stämmer"
    else:
        match = "stämmer inte – nyckelfilen hör inte till den här databasfilen"
    _out(f"Nyckelfil och databas: {match}")
    _out(f"Databasens storlek: {_size_text(status.database_bytes)}")
    if status.pending_rekey:
        _out("Obs: en omkryptering avbröts och slutförs vid nästa inloggning.")
    if not status.database_present or not status.header_matches_database:
        _err("Registret kan inte öppnas som det ser ut nu. Återställ från en säkerhetskopia.")
        return EXIT_USER_ERROR
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit code (never raises, never prints a traceback)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure: Callable[..., None] | None = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    from vinr_desktop import cli_backup

    commands = {
        "init": cmd_init,
        "demo": cmd_demo,
        "verify": cmd_verify,
        "status": cmd_status,
        "backup": cli_backup.cmd_backup,
        "verify-backup": cli_backup.cmd_verify_backup,
        "restore": cli_backup.cmd_restore,
        "rebuild-keys": cli_backup.cmd_rebuild_keys,
    }
    args = build_parser(commands).parse_args(argv)
    if hasattr(args, "data_dir"):  # every command but verify-backup
        if args.data_dir is None:
            args.data_dir = default_data_dir(demo=args.command == "demo")
        args.data_dir = args.data_dir.expanduser().absolute()
    try:
        return int(args.func(args))
    except AuditLogBroken as exc:
        _err(exc.message)
        for problem in exc.problems:
            _err(f"  - {problem}")
        return EXIT_AUDIT
    except UserError as exc:
        _err(exc.message)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        _err("Avbrutet.")
        return EXIT_INTERRUPTED
    except Exception as exc:
        _err(
            f"vinr-admin: oväntat fel ({type(exc).__name__}). Ingenting mer visas, för att inga "
            "uppgifter ska läcka. Kontakta IT-stöd."
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
