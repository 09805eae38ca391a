"""Administration of assessment instruments: every version known (shipped or added by the
municipality), how many assessments use it, and "Lägg till instrumentfil…".

Adding reads the file and has the service check it first (nothing is stored); a broken file
gives the service's list of problems in Swedish, a good one is shown for confirmation and then
stored by `instruments.add_file` (audited). Instrument files hold questions, never case content.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.risk.instrument_usage import InstrumentUsageService
from vinr_desktop.services.risk.instruments import InstrumentService
from vinr_desktop.ui.common.column_fit import keep_columns_in_view
from vinr_desktop.ui.common.dialogs import ask
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, primary_button, styled_label
from vinr_desktop.ui.risk.dialogs import fit_to_screen
from vinr_desktop.views.risk import InstrumentInfo, InstrumentSource

COLUMNS = ("Instrument", "Id", "Version", "Gäller", "Källa", "Bedömningar", "Gällande")


def tr(text: str) -> str:
    return QCoreApplication.translate("InstrumentAdmin", text)


@dataclass(frozen=True)
class InstrumentList:
    infos: list[InstrumentInfo]
    counts: dict[tuple[str, int], int]


def load_list(instruments: InstrumentService, usage: InstrumentUsageService) -> InstrumentList:
    return InstrumentList(instruments.list_instruments(all_versions=True), usage.counts())


def read_and_check(instruments: InstrumentService, path: Path) -> tuple[bytes, InstrumentInfo]:
    """The file's bytes and what the service makes of them (nothing is stored)."""
    try:
        data = path.read_bytes()
    except OSError:
        raise InvalidInput("Filen gick inte att läsa.") from None
    return data, instruments.check_file(data)


def source_text(info: InstrumentInfo) -> str:
    if info.source is InstrumentSource.BUNDLED:
        return tr("Medföljer")
    return tr("Tillagd {0}").format((info.added_utc or "")[:10])


class InstrumentAdminDialog(QDialog):
    """The instrument versions and adding a municipality's own file."""

    def __init__(
        self, ctx: AppContext, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Bedömningsinstrument"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(640, 420)
        self._runner = runner
        self._instruments = InstrumentService(ctx)
        self._usage = InstrumentUsageService(ctx)
        self.infos: list[InstrumentInfo] = []
        self.confirm_box: QMessageBox | None = None

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setAccessibleName(tr("Instrument"))
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = primary_button(tr("Lägg till instrumentfil…"))
        self.add_button.setDefault(False)
        self.close_button = QPushButton(tr("Stäng"))
        self.close_button.setAutoDefault(False)
        self.message = styled_label("", "ok")
        self.message.hide()
        self.error = ErrorLabel()
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_scroll = QScrollArea()
        self.error_scroll.setWidgetResizable(True)
        self.error_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.error_scroll.setMaximumHeight(200)
        self.error_scroll.setWidget(self.error)
        self.error_scroll.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Bedömningsinstrument"), 2))
        layout.addWidget(
            styled_label(
                tr(
                    "Ett instrument är en datafil med avsnitt, frågor, svarsalternativ och "
                    "intervall för ny bedömning. Har kommunen rätt att använda ett instruments "
                    "officiella text kan den läggas till som fil. Den högsta versionen används "
                    "för nya bedömningar; gjorda bedömningar behåller den version de gjordes med."
                ),
                "muted",
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error_scroll)
        layout.addLayout(buttons)
        fit_to_screen(self, 1040, 600)

        self.add_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self.reject)
        self.reload()

    # -- the list --------------------------------------------------------------------------

    def reload(self) -> None:
        instruments, usage = self._instruments, self._usage
        self._runner.run(
            lambda: load_list(instruments, usage),
            parent=self,
            success=self._show,
            failure=self._show_error,
        )

    def _show(self, found: InstrumentList) -> None:
        self.infos = found.infos
        self.table.setRowCount(len(found.infos))
        for row, info in enumerate(found.infos):
            values = (
                info.name,
                info.instrument_id,
                str(info.version),
                info.about_label,
                source_text(info),
                str(found.counts.get((info.instrument_id, info.version), 0)),
                tr("Ja") if info.current else "",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setToolTip(
                        tr("Utgivare: {0}\n\n{1}\n\n{2}").format(
                            info.publisher, info.description, info.licence
                        )
                    )
                elif column == 4 and info.added_by:
                    item.setToolTip(tr("Tillagd av {0}").format(info.added_by))
                self.table.setItem(row, column, item)
        keep_columns_in_view(self.table, 0, 220)

    def rows(self) -> list[tuple[str, int, str]]:
        """(id, version, source) per row, for tests and a quick look."""
        return [(i.instrument_id, i.version, i.source.value) for i in self.infos]

    # -- adding ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        # Qt's own dialog: a native one may add the file to the desktop's recent files.
        path, _filter = QFileDialog.getOpenFileName(
            self,
            tr("Lägg till instrumentfil"),
            "",
            tr("Instrumentfiler (*.json)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if path:
            self.check_path(Path(path))

    def check_path(self, path: Path) -> None:
        """Have the service check the file; a good one is shown for confirmation."""
        self._say("")
        instruments = self._instruments
        self._runner.run(
            lambda: read_and_check(instruments, path),
            parent=self,
            success=self._confirm,
            failure=self._show_error,
            busy=Busy(self.add_button, tr("Kontrollerar filen…")),
        )

    def _confirm(self, checked: object) -> None:
        data, info = cast("tuple[bytes, InstrumentInfo]", checked)
        self.confirm_box = ask(
            self,
            tr("Lägg till instrument"),
            tr(
                "{0}, version {1}\nGäller: {2}\nUtgivare: {3}\n\n{4}\n\nFilen är kontrollerad. "
                "Efter att den lagts till görs nya bedömningar med den här versionen. "
                "Lägg till?"
            ).format(info.name, info.version, info.about_label, info.publisher, info.licence),
            tr("Lägg till"),
            lambda: self.add(data),
        )

    def add(self, data: bytes) -> None:
        instruments = self._instruments
        self._runner.run(
            lambda: instruments.add_file(data),
            parent=self,
            success=self._added,
            failure=self._show_error,
            busy=Busy(self.add_button, tr("Lägger till…")),
            changes={"instruments"},
        )

    def _added(self, info: InstrumentInfo) -> None:
        self._say(tr("Lagt till: {0}, version {1}.").format(info.name, info.version))
        self.reload()

    def _say(self, text: str) -> None:
        self.error.clear_message()
        self.error_scroll.hide()
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_error(self, message: str) -> None:
        self.message.hide()
        self.error.show_message(message)
        self.error_scroll.setVisible(bool(message))
