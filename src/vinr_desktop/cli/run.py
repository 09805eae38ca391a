"""Running one `vinr-admin` command: the parser picks it, and every way it can end becomes an exit
code. Errors the user can act on (`UserError`) print their Swedish message and exit 1; anything
else is a bug and prints only its exception type, exit 3, never the exception text (it could
hold data).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from vinr_desktop.cli.backup import cmd_backup, cmd_rebuild_keys, cmd_restore, cmd_verify_backup
from vinr_desktop.cli.commands import cmd_demo, cmd_init, cmd_status, cmd_verify, default_data_dir
from vinr_desktop.cli.common import (
    EXIT_AUDIT,
    EXIT_INTERRUPTED,
    EXIT_UNEXPECTED,
    EXIT_USER_ERROR,
    err,
)
from vinr_desktop.cli.compliance import cmd_egenkontroll
from vinr_desktop.cli.parser import build_parser
from vinr_desktop.cli.retention import cmd_arkivexport, cmd_gallring
from vinr_desktop.cli.statistics import cmd_sammanstall, cmd_statistik
from vinr_desktop.domain.errors import AuditLogBroken, UserError


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit code (never raises, never prints a traceback)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure: Callable[..., None] | None = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    handlers = {
        "init": cmd_init,
        "demo": cmd_demo,
        "verify": cmd_verify,
        "status": cmd_status,
        "backup": cmd_backup,
        "verify-backup": cmd_verify_backup,
        "restore": cmd_restore,
        "rebuild-keys": cmd_rebuild_keys,
        "gallring": cmd_gallring,
        "arkivexport": cmd_arkivexport,
        "statistik": cmd_statistik,
        "sammanstall": cmd_sammanstall,
        "egenkontroll": cmd_egenkontroll,
    }
    args = build_parser(handlers).parse_args(argv)
    if hasattr(args, "data_dir"):  # every command but verify-backup
        if args.data_dir is None:
            args.data_dir = default_data_dir(demo=args.command == "demo")
        args.data_dir = args.data_dir.expanduser().absolute()
    try:
        return int(args.func(args))
    except AuditLogBroken as exc:
        err(exc.message)
        for problem in exc.problems:
            err(f"  - {problem}")
        return EXIT_AUDIT
    except UserError as exc:
        err(exc.message)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        err("Avbrutet.")
        return EXIT_INTERRUPTED
    except Exception as exc:
        err(
            f"vinr-admin: oväntat fel ({type(exc).__name__}). Ingenting mer visas, för att inga "
            "uppgifter ska läcka. Kontakta IT-stöd."
        )
        return EXIT_UNEXPECTED
