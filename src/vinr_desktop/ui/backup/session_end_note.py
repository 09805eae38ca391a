"""The screen shown while a session ends — *Loggar ut…* or *Programmet stängs…* — with the
automatic backup's progress when one runs (it holds nothing of the session), the way to run
that backup from the main window, and the main window's messages about backups."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from vinr_desktop.services.backup.session_end import automatic_backup, backup_and_log_out
from vinr_desktop.ui.backup.progress import ProgressRelay, show_progress
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import card, centered, heading, styled_label
from vinr_desktop.views.time_text import datetime_text

if TYPE_CHECKING:
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.views.backup import RestoreDone


def tr(text: str) -> str:
    return QCoreApplication.translate("SessionEndNote", text)


class SessionEndNote(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.relay = ProgressRelay()  # no parent: see progress.py
        self.title = heading(title, 2)
        self.text = styled_label(tr("Ett ögonblick…"), "muted")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        panel = card(self.title, self.text, self.progress)
        layout = QVBoxLayout(self)
        layout.addWidget(centered(panel, 520))
        self.relay.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        copied = done >= total
        self.text.setText(
            tr("Kopian kontrolleras. Vänta tills det är klart.")
            if copied
            else tr(
                "Registret säkerhetskopieras och kontrolleras. Vänta tills det är klart; det "
                "brukar ta några sekunder."
            )
        )
        self.progress.show()
        show_progress(self.progress, done, total)


def end_session(
    runner: OperationRunner,
    ctx: AppContext,
    title: str,
    *,
    log_out: bool,
    done: Callable[[str], None],
) -> SessionEndNote:
    """Run the automatic backup (and with `log_out`, the logout after it) on the database
    thread; the returned note shows its progress. `done(failure)` on the UI thread when it is
    over: the backup's failure in Swedish, or ""."""
    note = SessionEndNote(title)
    report = note.relay.callback()
    work = backup_and_log_out if log_out else automatic_backup
    runner.run(
        lambda: work(ctx, report),
        success=lambda end: done(end.failure),
        failure=lambda _message: done(""),
    )
    return note


def backup_failed_text(failure: str) -> str:
    return tr(
        "Den automatiska säkerhetskopieringen misslyckades: {0} Du är ändå utloggad. Felet syns "
        "i statusraden och för administratören under Säkerhetskopior."
    ).format(failure)


def restored_text(done: RestoreDone) -> str:
    return tr(
        "Registret är återställt från säkerhetskopian tagen {0}. Det tidigare registret ligger "
        "kvar i mappen ”{1}”. Logga in igen."
    ).format(datetime_text(done.backup_created_utc), done.aside_name)
