"""`vinr-admin`: set up, check, describe, back up and restore a register from a terminal, for IT
staff and scripts. Output is Swedish and never holds case content.

Exit codes: 0 ok, 1 user error or damaged database or backup, 2 wrong command line,
3 unexpected error, 4 the audit log (of the register or of a backup) does not verify,
130 interrupted.

- run.py: `main`, one command run to its exit code (the `vinr-admin` entry point, and
  `python -m vinr_desktop.cli`)
- parser.py: the argument parser, its Swedish help texts and messages
- common.py: the exit codes, the register's context, the password, output
- commands.py: init, demo, verify, status
- backup.py: backup, verify-backup, restore, rebuild-keys
"""

from vinr_desktop.cli.common import (
    EXIT_AUDIT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    EXIT_USER_ERROR,
)
from vinr_desktop.cli.run import main

__all__ = [
    "EXIT_AUDIT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNEXPECTED",
    "EXIT_USAGE",
    "EXIT_USER_ERROR",
    "main",
]
