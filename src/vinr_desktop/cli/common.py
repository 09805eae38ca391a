"""What every `vinr-admin` command shares: the exit codes, the register's context, the password
(from standard input or a hidden prompt) and the two output streams."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.context import AppContext

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 3
EXIT_AUDIT = 4
EXIT_INTERRUPTED = 130


def context(folder: Path) -> AppContext:
    """The register in `folder` (VINR_KDF_FLOOR=1: see services/accounts/kdf.py); a bad
    policy.json is reported on standard error and the defaults are used."""
    ctx = AppContext(folder)
    for problem in ctx.it_policy.problems:
        err(problem)
    return ctx


def read_password(args: argparse.Namespace, prompt: str = "Lösenord: ") -> str:
    """One line from stdin (`--password-stdin`) or a hidden prompt on the terminal."""
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise InvalidInput("Inget lösenord kom på standard in.")
        return line.rstrip("\r\n")
    return getpass.getpass(prompt)


def out(text: str = "") -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
