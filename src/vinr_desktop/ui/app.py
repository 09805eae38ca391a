"""Program start: folders, safe diagnostics, the instance lock, the main window.

`vinr-desktop [--data-dir MAPP]`. Without `--data-dir` the store lives in the user's data
folder (platformdirs) under `register`, the demo store beside it under `demoregister`.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from vinr_desktop.domain.errors import StoreInUse
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.paths import default_store_folder
from vinr_desktop.ui.common import diagnostics
from vinr_desktop.ui.common.style import FUSION_ARGUMENTS, apply_style
from vinr_desktop.ui.common.translations import install_swedish
from vinr_desktop.ui.shell.main_window import APP_TITLE, MainWindow
from vinr_desktop.ui.shell.self_test import Report, SmokeProbe, add_hidden_arguments, run_self_test

EXIT_STORE_IN_USE = 2


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="vinr-desktop", description="VINR Desktop")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="mappen med registret (standard: användarens datamapp/register)",
    )
    parser.add_argument(
        "--demo-dir",
        type=Path,
        default=None,
        help="mappen för demoregistret (standard: demoregister bredvid registret)",
    )
    add_hidden_arguments(parser)  # --self-test, --smoke-test: for testing the frozen program
    return parser.parse_known_args(list(argv))


def folders(args: argparse.Namespace) -> tuple[Path, Path]:
    """(store folder, demo folder)."""
    data = args.data_dir if args.data_dir is not None else default_store_folder()
    demo = args.demo_dir if args.demo_dir is not None else data.parent / "demoregister"
    return data.expanduser().absolute(), demo.expanduser().absolute()


def quit_on_signals(app: QApplication) -> QTimer:
    """SIGTERM (log-off, shutdown) and Ctrl+C quit through the normal path: log out, close.

    Python only runs signal handlers between bytecodes, so a timer wakes the interpreter now
    and then while Qt's event loop waits.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _signum, _frame: app.quit())
    timer = QTimer(app)
    timer.start(300)
    timer.timeout.connect(lambda: None)
    return timer


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        return run_self_test(args)
    data_folder, demo_folder = folders(args)
    ctx = AppContext(data_folder)
    log_dir = ctx.paths.logs
    diagnostics.harden_process(log_dir)
    diagnostics.setup_logging(log_dir)

    app = QApplication([sys.argv[0], *FUSION_ARGUMENTS, *qt_args])
    app.setApplicationName(APP_TITLE)
    app.setDesktopFileName("vinr-desktop")
    diagnostics.install_qt_message_handler()
    diagnostics.install_excepthook()
    install_swedish(app)
    apply_style(app, fusion=False)

    try:
        ctx.instance_lock.acquire()
    except StoreInUse as exc:
        QtWidgets.QMessageBox.warning(None, APP_TITLE, exc.message)
        return EXIT_STORE_IN_USE

    window = MainWindow(ctx, demo_folder=demo_folder)
    app.aboutToQuit.connect(window.shutdown)
    quit_on_signals(app)
    window.show()
    if args.smoke_test:
        SmokeProbe(window, args.smoke_test, Report(args.smoke_report))
    QTimer.singleShot(0, window.warm_up)
    try:
        return app.exec()
    finally:
        window.shutdown()
        QCoreApplication.processEvents()


if __name__ == "__main__":
    sys.exit(main())
