"""Hidden switches for testing the frozen program: `--self-test` and `--smoke-test`.

They exist so the bundle that IT installs can be tested as it is, with no source tree and no
Python beside it (tests/frozen/ runs them; `./scripts/package --smoke-test` runs those tests).
Neither is in `--help`; neither does anything a user could not do by hand.

- `--self-test` loads every bundled file the way the program does (self_check.py) and checks
  Qt's own parts inside the bundle: the Swedish catalogue, the platform and print plugins, the
  cut-down ICU data (Swedish sorting, time-zone names), QtPdf. With `--data-dir` of a *demo*
  register and `--self-test-document FOLDER` it also logs in as the demo caseworker and saves
  a vårdplan for the provider through the document services into FOLDER (audited as any
  save). No window is shown.
- `--smoke-test` starts the program as usual and reports each screen it reaches.
  `--smoke-test=demo` then clicks *Öppna demoregister* on the start page, logs in with the
  demo register's public password and waits for the case list.

Results go to `--smoke-report FILE` (a windowed program on Windows may have no stdout) or
to stdout: one line per check or screen, `OK …` / `FEL …` / `SCREEN …`, nothing from a case.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, QTimer

SMOKE_TIMEOUT_S = 120.0
DEMO_USER = "handlaggare"


def add_hidden_arguments(parser: argparse.ArgumentParser) -> None:
    hidden = argparse.SUPPRESS
    parser.add_argument("--self-test", action="store_true", help=hidden)
    parser.add_argument("--self-test-document", type=Path, default=None, help=hidden)
    parser.add_argument(
        "--smoke-test", nargs="?", const="first", choices=("first", "demo"), help=hidden
    )
    parser.add_argument("--smoke-report", type=Path, default=None, help=hidden)


class Report:
    """Lines to the report file (flushed at once: the test reads it while we run) or stdout."""

    def __init__(self, path: Path | None) -> None:
        self._file: TextIO | None = path.open("a", encoding="utf-8") if path is not None else None

    def line(self, text: str) -> None:
        if self._file is not None:
            self._file.write(text + "\n")
            self._file.flush()
        elif sys.stdout is not None:
            print(text, flush=True)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


# -- --self-test -----------------------------------------------------------------------------


def run_self_test(args: argparse.Namespace) -> int:
    """Every check; 0 when all pass, 1 otherwise."""
    from PySide6.QtWidgets import QApplication

    from vinr_desktop.services import self_check
    from vinr_desktop.ui.common.style import apply_style
    from vinr_desktop.ui.common.translations import install_swedish

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    report = Report(args.smoke_report)
    app = QApplication([sys.argv[0]])
    checks = self_check.run_all()
    translators = install_swedish(app)
    apply_style(app)
    qt_checks: tuple[tuple[str, Callable[[], str]], ...] = (
        ("qt-translations", lambda: _translations(len(translators))),
        ("qt-plugins", _plugins),
        ("qt-collation", _collation),
        ("qt-time-zones", _time_zones),
        ("qt-pdf", _pdf),
        ("qt-printing", _printing),
        ("inside-bundle", _inside_bundle),
    )
    checks += [self_check.run_check(name, check) for name, check in qt_checks]
    if args.self_test_document is not None:
        folder = args.data_dir
        target = args.self_test_document
        checks.append(
            self_check.run_check("care-plan-document", lambda: _care_plan(folder, target))
        )
    for check in checks:
        report.line(check.line())
    failed = [check.name for check in checks if not check.ok]
    report.line(f"SELF-TEST {'OK' if not failed else 'FEL: ' + ', '.join(failed)}")
    report.close()
    del app
    return 0 if not failed else 1


def _translations(installed: int) -> str:
    from PySide6.QtCore import QLibraryInfo

    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if installed < 1 or cancel != "Avbryt":
        raise ValueError(f"qtbase_sv not loaded ({installed} catalogues, Cancel → {cancel})")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return f"qtbase_sv from {folder}: Cancel → {cancel}"


def _plugins() -> str:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QGuiApplication

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    wanted = {"linux": "qxcb", "win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform)
    names = sorted(p.name for p in (folder / "platforms").iterdir()) if folder.is_dir() else []
    if wanted and not any(wanted in name for name in names):
        raise ValueError(f"no {wanted} platform plugin in {folder}: {names}")
    return f"platform {QGuiApplication.platformName()}; {folder}: {', '.join(names)}"


def _collation() -> str:
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator, QLocale

    words = ["Öberg", "Zorn", "Åberg", "Ärlig", "Olsson"]
    swedish = sorted(words, key=cmp_to_key(QCollator(QLocale("sv_SE")).compare))
    english = sorted(words, key=cmp_to_key(QCollator(QLocale("en_GB")).compare))
    if swedish != ["Olsson", "Zorn", "Åberg", "Ärlig", "Öberg"] or english[0] != "Åberg":
        raise ValueError(f"sv {swedish}, en {english}")
    return f"sv: {' '.join(swedish)}; en: {' '.join(english)}"


def _time_zones() -> str:
    from PySide6.QtCore import QLocale, QTimeZone

    zone = QTimeZone(b"Europe/Stockholm")
    name = zone.displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("sv_SE")
    )
    if not zone.isValid() or (sys.platform.startswith("linux") and "europeisk" not in name):
        raise ValueError(f"Europe/Stockholm: valid {zone.isValid()}, name {name!r}")
    return f"Europe/Stockholm: {name}"


def _pdf() -> str:
    """A page made with the program's fonts, read back with QtPdf (as the preview does)."""
    from io import BytesIO

    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument
    from reportlab.pdfgen.canvas import Canvas

    from vinr_desktop.reports.document import FONT, text_width

    text_width("x", FONT, 10)  # registers the bundled fonts
    out = BytesIO()
    canvas = Canvas(out)
    canvas.setFont(FONT, 14)
    canvas.drawString(72, 720, "Självtest åäö")
    canvas.save()
    data = QtCore.QByteArray(out.getvalue())
    buffer = QtCore.QBuffer(data)
    buffer.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    text = document.getAllText(0).text() if document.pageCount() else ""
    image = document.render(0, QSize(200, 280)) if document.pageCount() else None
    if "Självtest åäö" not in text or image is None or image.isNull():
        raise ValueError(f"{document.pageCount()} pages, text {text!r}")
    return f"{document.pageCount()} page read back: {text.strip()}"


def _printing() -> str:
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    names = QPrinterInfo.availablePrinterNames()
    if sys.platform.startswith("linux"):
        from PySide6.QtCore import QLibraryInfo

        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "printsupport"
        if not any("cups" in p.name for p in folder.iterdir()):
            raise ValueError(f"no CUPS print plugin in {folder}")
    return f"QPrinter {printer.resolution()} dpi; {len(names)} printers here"


def _inside_bundle() -> str:
    """Frozen: every bundled folder the program used is inside the program's own folder."""
    from PySide6.QtCore import QLibraryInfo

    from vinr_desktop.resources import migrations_dir, resources_dir
    from vinr_desktop.services import self_check

    home = self_check.program_folder()
    if home is None:
        return "not frozen (run from source)"
    used = {
        "resources": resources_dir(),
        "migrations": migrations_dir(),
        "qt": Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PrefixPath)),
        "vinr_desktop": Path(self_check.__file__).parent,
    }
    outside = {
        name: str(path) for name, path in used.items() if not path.resolve().is_relative_to(home)
    }
    if outside:
        raise ValueError(f"outside {home}: {outside}")
    return f"everything under {home}"


def _care_plan(folder: Path | None, target: Path) -> str:
    """A vårdplan of the demo register for the provider, saved through the services."""
    from vinr_desktop.domain.redaction import Recipient
    from vinr_desktop.services.accounts.auth import AuthService
    from vinr_desktop.services.care.overview import CareOverviewService
    from vinr_desktop.services.cases.cases import CaseService
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.services.documents.pipeline import DocumentService

    if folder is None:
        raise ValueError("--data-dir is missing")
    ctx = AppContext(folder)
    demo = ctx.demo_info()
    if demo is None:
        raise ValueError("only a demo register (fictional content) is used for this check")
    auth = AuthService(ctx)
    auth.login(DEMO_USER, demo.password)
    try:
        cases, overview = CaseService(ctx), CareOverviewService(ctx)
        for row in cases.list_cases():
            plans = [
                o.care_plan
                for o in overview.insatser(row.case_id)
                if o.care_plan and (o.decision.disclosure or not o.decision.disclosure_needed)
            ]
            if plans:
                documents = DocumentService(ctx)
                document = documents.care_plan(row.case_id, plans[0].plan_id, Recipient.PROVIDER)
                target.mkdir(parents=True, exist_ok=True)
                path = target / document.file_name
                documents.save_document(row.case_id, document, path)
                return f"{path.name}, {len(document.pdf)} bytes"
        raise ValueError("no signed vårdplan the provider may be given in the demo register")
    finally:
        auth.logout()
        ctx.release()


# -- --smoke-test ----------------------------------------------------------------------------


class SmokeProbe(QObject):
    """Watches the main window and reports each screen it reaches; with `demo`, goes on from
    the start page to the demo register's case list. Quits the program when done (exit 0) or
    after SMOKE_TIMEOUT_S (exit 1)."""

    def __init__(self, window: QObject, mode: str, report: Report) -> None:
        super().__init__(window)
        self._window = window
        self._mode = mode
        self._report = report
        self._seen: list[str] = []
        self._clicked: set[str] = set()
        self._started = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _finish(self, code: int, text: str) -> None:
        self._timer.stop()
        self._report.line(text)
        self._report.close()
        QCoreApplication.exit(code)

    def _look(self) -> None:
        from vinr_desktop.ui.shell.main_window import MainWindow, Screen

        window = self._window
        assert isinstance(window, MainWindow)
        if time.monotonic() - self._started > SMOKE_TIMEOUT_S:
            self._finish(1, f"FEL smoke-test: stuck at {window.screen_kind.value}")
            return
        if not window.isVisible() or window.current is None:
            return
        screen = window.screen_kind.value
        if not self._seen or self._seen[-1] != screen:
            self._seen.append(screen)
            self._report.line(f"SCREEN {screen} {type(window.current).__name__}")
        if self._mode == "first":
            self._finish(0, "SMOKE-TEST OK")
            return
        if window.screen_kind is Screen.START and "demo" not in self._clicked:
            self._clicked.add("demo")
            window.current.demo_button.click()  # type: ignore[attr-defined]
        elif window.screen_kind is Screen.LOGIN and "login" not in self._clicked:
            demo = window.ctx.demo_info()
            if demo is None:
                self._finish(1, "FEL smoke-test: the login page is not the demo register's")
                return
            self._clicked.add("login")
            page = window.current
            page.username.setText(DEMO_USER)  # type: ignore[attr-defined]
            page.password.setText(demo.password)  # type: ignore[attr-defined]
            page.login_button.click()  # type: ignore[attr-defined]
        elif window.screen_kind is Screen.WORKSPACE:
            cases = window.current.cases_page  # type: ignore[attr-defined]
            if cases is not None and cases.model.rowCount() > 0:
                self._report.line(f"CASES {cases.model.rowCount()}")
                self._finish(0, "SMOKE-TEST OK")
