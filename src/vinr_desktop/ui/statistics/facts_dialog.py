"""The facts the statistics need beside the register: the adult population of a year and the
municipality code. Entered by the enhetschef (on the Statistik page) or the administrator (on
the administration page): no case content."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.services.statistics.service import StatisticsService
from vinr_desktop.ui.common.operations import OperationRunner, show_error
from vinr_desktop.ui.common.widgets import ErrorLabel, form_layout, primary_button, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("Statistics", text)


class FactsDialog(QDialog):
    """The adult population of a year and the municipality code (enhetschef)."""

    def __init__(self, year: int, population: int | None, code: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Uppgifter för statistiken"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.population = QSpinBox()
        self.population.setRange(0, 10_000_000)
        self.population.setSpecialValueText(tr("Inte angivet"))
        self.population.setGroupSeparatorShown(True)
        self.population.setValue(population or 0)
        self.code = QLineEdit(code)
        self.code.setMaxLength(4)
        self.code.setPlaceholderText(tr("t.ex. 2260"))
        self.error = ErrorLabel()
        form = form_layout()
        form.addRow(tr("År"), self.year)
        form.addRow(tr("Vuxna invånare (18 år och äldre)"), self.population)
        form.addRow(tr("Kommunkod (SCB)"), self.code)
        save = primary_button(tr("Spara"))
        cancel = QPushButton(tr("Avbryt"))
        cancel.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(
            styled_label(
                tr(
                    "Befolkningen används för nyckeltalen per 10 000 vuxna invånare (SCB:s "
                    "siffra för året). Kommunkoden står i länets indikatorfil."
                ),
                "muted",
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        save.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)

    def values(self) -> tuple[int, int | None, str]:
        adults = self.population.value()
        return self.year.value(), adults or None, self.code.text().strip()


def edit_statistics_facts(
    parent: QWidget,
    statistics: StatisticsService,
    runner: OperationRunner,
    year: int,
    saved: Callable[[], None] | None = None,
) -> None:
    """Load the year's facts, show the form (once they are read), save what is accepted;
    `saved()` afterwards."""

    def load() -> tuple[int | None, str]:
        return statistics.population(year), statistics.municipality_code()

    def show(found: tuple[int | None, str]) -> None:
        dialog = FactsDialog(year, found[0], found[1], parent)
        dialog.accepted.connect(lambda: store(*dialog.values()))
        dialog.open()

    def store(chosen_year: int, adults: int | None, code: str) -> None:
        def save() -> None:
            statistics.set_population(chosen_year, adults)
            if code:
                statistics.set_municipality_code(code)

        runner.run(
            save,
            parent=parent,
            success=lambda _none: saved() if saved is not None else None,
            failure=lambda message: show_error(parent, message),
        )

    runner.run(load, parent=parent, success=show, failure=lambda m: show_error(parent, m))
