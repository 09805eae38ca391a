"""`vinr-admin init`, `demo`, `verify` and `status`: set up, check and describe a register.

Output is Swedish; nothing here ever prints case content. The backup commands are in backup.py.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy import exc as sa_exc

from vinr_desktop.cli.common import (
    EXIT_AUDIT,
    EXIT_OK,
    EXIT_USER_ERROR,
    context,
    err,
    out,
    read_password,
)
from vinr_desktop.domain.errors import (
    InvalidInput,
    NoStore,
    StoreDamaged,
    StoreExists,
)
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.accounts.status import offline_status
from vinr_desktop.services.demo.register import DEMO_CASES, DEMO_PASSWORD, create_demo_store
from vinr_desktop.store import vault
from vinr_desktop.store.device import KeyringDeviceStore
from vinr_desktop.store.engine import DatabaseError
from vinr_desktop.store.paths import default_demo_folder, default_store_folder

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


# -- commands --------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    """Create a store with its first user; show the recovery code once."""
    ctx = context(args.data_dir)
    if ctx.store_exists():
        raise StoreExists()
    policy = ctx.it_policy
    municipality = _ask_if_missing(
        args.municipality or policy.municipality, args, "Kommun", "--municipality"
    )
    unit = _ask_if_missing(args.unit or policy.unit, args, "Enhet", "--unit")
    bind_device = bool(args.bind_device or policy.device_binding_required)
    roles = _parse_roles(args.roles)
    password = read_password(args, "Lösenord för den första användaren: ")
    if not args.password_stdin and getpass.getpass("Skriv lösenordet igen: ") != password:
        raise InvalidInput("Lösenorden är inte likadana.")
    binding_here = ctx.device.available()
    if args.bind_device and not binding_here and not policy.device_binding_required:
        err(
            "Datorbindning går inte att slå på här: datorn har ingen godkänd nyckelring "
            "(Windows Autentiseringshanteraren, macOS Nyckelring eller Secret Service). "
            "Registret skapas utan datorbindning."
        )
    err("Kontrollerar uppgifterna och skapar registret – det tar några sekunder ...")
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
    out(f"Registret är skapat i {ctx.paths.folder}")
    out(f"Första användaren: {args.username.strip().lower()}")
    out(f"Datorbindning: {'på (' + ctx.device.backend_name + required + ')' if bound else 'av'}")
    out()
    out("ÅTERSTÄLLNINGSKOD – visas bara den här enda gången:")
    out()
    out(f"    {code}")
    out()
    out("Skriv ut eller skriv ner koden nu och förvara den inlåst, skild från datorn.")
    out("Med koden kan registret öppnas om alla lösenord glöms bort. Den visas aldrig igen.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Create the demo store with fictional users and a public password."""
    ctx = context(args.data_dir)
    if ctx.store_exists():
        raise StoreExists()
    cases = DEMO_CASES if args.cases is None else args.cases
    err("Skapar demoregistret – det tar några sekunder ...")
    try:
        create_demo_store(ctx, cases=cases)
    finally:
        ctx.release()
    info = ctx.demo_info()
    out(f"Demoregistret är skapat i {ctx.paths.folder}")
    out(f"Påhittade ärenden: {cases}")
    out("Allt innehåll är påhittat. Använd det aldrig för riktiga ärenden.")
    out()
    out("Användare:")
    for username, label in info.usernames if info else ():
        out(f"    {username:<14} {label}")
    out(f"Lösenord (samma för alla): {DEMO_PASSWORD}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    """Unlock, check the database and the audit chain, and log the check if all is well.

    The checks run read-only first, so a damaged or tampered store is reported exactly as it
    was found; only a healthy store gets the login, "verify" and logout events (one more key
    derivation for the normal login through AuthService).
    """
    ctx = context(args.data_dir)
    if not ctx.store_exists():
        raise NoStore()
    password = read_password(args)
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
            out(f"Databasen {ctx.paths.db.name} är skadad:")
            for problem in db_problems[:20]:
                out(f"  - {problem}")
            if len(db_problems) > 20:
                out(f"  ... och {len(db_problems) - 20} fel till.")
        if audit_problems:
            out("Loggen (granskningsloggen) har ändrats eller saknar poster:")
            for problem in audit_problems:
                out(f"  - {problem}")
        if db_problems or audit_problems:
            out("Kontrollen hittade fel. Ingenting har ändrats i registret.")
            out("Spara en kopia av mappen och kontakta IT-stöd; återställ från en säkerhetskopia.")
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
    out("OK: databasen är hel (integrity_check och cipher_integrity_check) och loggen hänger ihop.")
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
        out(
            f"Registret {what} {mark.ts_utc[:16].replace('T', ' ')} UTC (loggpost {mark.seq}): "
            f"loggen fortsätter från kopians post {mark.backup_seq}{lost}."
        )
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    """Describe the store without its password."""
    ctx = context(args.data_dir)
    if not ctx.store_exists():
        raise NoStore()
    status = offline_status(ctx.paths)
    supported = status.format_version <= status.supported_format
    out(f"Register: {ctx.paths.folder}")
    if ctx.is_demo:
        out("Typ: demoregister (påhittat innehåll)")
    out(
        f"Filformat: version {status.format_version} "
        f"({'stöds' if supported else 'stöds inte'} av det här programmet, "
        f"som hanterar version {status.supported_format})"
    )
    out(f"Användare: {', '.join(status.usernames) or '(inga)'}")
    if status.device_binding:
        here = "finns" if KeyringDeviceStore().available() else "saknas"
        out(f"Datorbindning: på ({status.binding_backend}); nyckelring på den här datorn {here}")
    else:
        out("Datorbindning: av")
    out(f"Återställningskod: {'finns' if status.has_recovery_slot else 'saknas'}")
    out(f"Nyckelepok: {status.key_epoch}")
    if not status.database_present:
        match = "stämmer inte – databasfilen saknas"
    elif status.header_matches_database:
        match = "stämmer"
    else:
        match = "stämmer inte – nyckelfilen hör inte till den här databasfilen"
    out(f"Nyckelfil och databas: {match}")
    out(f"Databasens storlek: {_size_text(status.database_bytes)}")
    if status.pending_rekey:
        out("Obs: en omkryptering avbröts och slutförs vid nästa inloggning.")
    if not status.database_present or not status.header_matches_database:
        err("Registret kan inte öppnas som det ser ut nu. Återställ från en säkerhetskopia.")
        return EXIT_USER_ERROR
    return EXIT_OK
