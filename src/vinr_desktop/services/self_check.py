"""Every bundled file loaded once, the way the program loads it: the frozen program's self-test.

A file missing from a frozen bundle is the classic failure of a frozen program: it builds, it
starts, and the first time someone opens a risk assessment it stops. `vinr-desktop --self-test`
(ui/shell/self_test.py) runs these checks, plus Qt's own, inside the bundle; the smoke test of the
frozen build (tests/frozen/) reads the report. Each check goes through the function the
program itself uses (`vinr_desktop.resources`, the services' parsers, the report fonts, the
migrations), never through a path of its own.

Each check imports what it loads inside itself, so that a module missing from a bundle is one
failed line of the report, not a self-test that cannot start.

Qt-free; the results are plain lines (`OK name: detail` or `FEL name: detail`), no case data.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'OK ' if self.ok else 'FEL'} {self.name}: {self.detail}"


def run_check(name: str, check: Callable[[], str]) -> Check:
    """Run one check; any exception is a failure, reported by its type and message (these
    checks read only bundled files, never a register, so the message holds no case data)."""
    try:
        return Check(name, True, check())
    except Exception as exc:  # a self-test reports every failure, whatever it is
        return Check(name, False, f"{type(exc).__name__}: {exc}")


def program_folder() -> Path | None:
    """The frozen program's folder (where vinr-desktop and vinr-admin are; on macOS the .app),
    None when running from source."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    if folder.name == "MacOS" and folder.parent.name == "Contents":
        return folder.parent.parent  # VINR Desktop.app
    return folder


# -- the checks ------------------------------------------------------------------------------


def _where() -> str:
    from vinr_desktop.resources import migrations_dir, resources_dir

    return f"resources={resources_dir()} migrations={migrations_dir()}"


def _common_passwords() -> str:
    from vinr_desktop.resources import common_passwords

    count = len(common_passwords())
    if count < 100:
        raise ValueError(f"only {count} common passwords")
    return f"{count} common passwords"


def _case_lists() -> str:
    from vinr_desktop.services.cases.cases import closing_reasons, reporter_kinds

    return f"{len(reporter_kinds())} reporter kinds, {len(closing_reasons())} closing reasons"


def _care_lists() -> str:
    from vinr_desktop.services.care import common as care_common

    counts = (
        len(care_common.legal_grounds()),
        len(care_common.insats_types()),
        len(care_common.provider_kinds()),
        len(care_common.client_questions()),
    )
    if min(counts) == 0:
        raise ValueError(f"an empty list: {counts}")
    return "legal grounds {}, insats types {}, provider kinds {}, follow-up questions {}".format(
        *counts
    )


def _document_texts() -> str:
    from vinr_desktop.resources import document_texts

    return f"{len(document_texts())} texts"


def _instruments() -> str:
    from vinr_desktop.services.risk.instruments import bundled_versions

    versions = sorted(f"{name}.v{version}" for name, version in bundled_versions())
    if not versions:
        raise ValueError("no instrument files")
    return ", ".join(versions)


def _fonts() -> str:
    from reportlab.pdfbase import pdfmetrics

    from vinr_desktop.reports.document import FONT, FONT_BOLD, text_width

    width = text_width("Åsa Öberg, vårdplan", FONT, 10)
    registered = set(pdfmetrics.getRegisteredFontNames())
    missing = {FONT, FONT_BOLD} - registered
    if missing or width <= 0:
        raise ValueError(f"fonts not registered: {sorted(missing)}")
    return f"{FONT}, {FONT_BOLD}"


def _migrations() -> str:
    from alembic.script import ScriptDirectory

    from vinr_desktop.resources import migrations_dir
    from vinr_desktop.store.migrations import head_revision

    revisions = list(ScriptDirectory(str(migrations_dir())).walk_revisions())
    return f"{len(revisions)} migrations, head {head_revision()}"


def _sqlcipher() -> str:
    import sqlcipher3.dbapi2 as sqlcipher

    connection = sqlcipher.connect(":memory:")
    try:
        connection.execute(f"PRAGMA key = \"x'{'00' * 32}'\"")
        (version,) = connection.execute("PRAGMA cipher_version").fetchone()
        connection.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    finally:
        connection.close()
    return f"SQLCipher {version}, FTS5"


def _argon2id() -> str:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    Argon2id(salt=b"0" * 16, length=32, iterations=1, lanes=1, memory_cost=8).derive(b"x")
    return "cryptography Argon2id"


def _keyring() -> str:
    import keyring

    backend = keyring.get_keyring()
    return f"keyring backend {type(backend).__module__}.{type(backend).__name__}"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("bundled-folders", _where),
    ("common-passwords", _common_passwords),
    ("case-lists", _case_lists),
    ("care-lists", _care_lists),
    ("document-texts", _document_texts),
    ("instruments", _instruments),
    ("fonts", _fonts),
    ("migrations", _migrations),
    ("sqlcipher", _sqlcipher),
    ("argon2id", _argon2id),
    ("keyring", _keyring),
)


def run_all() -> list[Check]:
    """Every Qt-free check, in order."""
    return [run_check(name, check) for name, check in CHECKS]
