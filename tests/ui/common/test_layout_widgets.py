"""The layout helpers the walk test relies on, one by one: columns fitted to their content,
rows that wrap, cards that stack, dialogs tall enough for their wrapped text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from vinr_desktop.ui.common.column_fit import ColumnFit, Limits
from vinr_desktop.ui.common.dialog_fit import fit_dialog_height
from vinr_desktop.ui.common.layouts import FlowLayout, ResponsiveRow
from vinr_desktop.ui.common.widgets import styled_label

NUMBER, NAME, STATUS, NOTES, DATE = range(5)


def _table(qtbot: QtBot) -> tuple[QTableView, ColumnFit]:
    model = QStandardItemModel(0, 5)
    model.setHorizontalHeaderLabels(["Ärende", "Namn", "Status", "Anteckningar", "Datum"])
    for n in range(6):
        model.appendRow(
            [
                QStandardItem(f"VINR-2026-00{n:02d}"),
                QStandardItem("Testa Långtnamnsson-Fiktiv"),
                QStandardItem("Beslut/insats pågår"),
                QStandardItem("En lång anteckning som gärna får ta resten av bredden " * 2),
                QStandardItem("2026-03-02"),
            ]
        )
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    fit = ColumnFit(
        table,
        {NUMBER: Limits(), NAME: Limits(120, 400), STATUS: Limits(), DATE: Limits()},
        NOTES,
        optional=(DATE, NOTES),
        fallback=NAME,
    )
    qtbot.addWidget(table)
    table.show()
    return table, fit


def _shown(table: QTableView) -> int:
    return sum(table.columnWidth(c) for c in range(5) if not table.isColumnHidden(c))


def test_columns_fit_their_content_and_give_way_in_order(qtbot: QtBot) -> None:
    table, fit = _table(qtbot)
    table.resize(1200, 300)
    QTest.qWait(20)
    natural = {c: max(table.sizeHintForColumn(c), 0) for c in (NUMBER, NAME, STATUS, DATE)}
    assert fit.dropped == frozenset()
    for column in (NUMBER, NAME, STATUS, DATE):  # as wide as their content, no wider
        assert abs(table.columnWidth(column) - natural[column]) <= 2
    assert table.columnWidth(NOTES) > 200  # the free text takes the rest

    table.resize(520, 300)
    QTest.qWait(20)
    assert fit.dropped == frozenset({DATE, NOTES})  # the date first, then the notes
    assert table.isColumnHidden(DATE) and table.isColumnHidden(NOTES)
    assert _shown(table) <= table.viewport().width() + 1  # nothing out of sight
    assert table.columnWidth(NUMBER) >= natural[NUMBER]  # never shortened

    table.resize(1200, 300)
    QTest.qWait(20)
    assert fit.dropped == frozenset() and not table.isColumnHidden(DATE)


def test_a_column_the_user_sizes_stays_as_she_left_it(qtbot: QtBot) -> None:
    table, fit = _table(qtbot)
    table.resize(1200, 300)
    QTest.qWait(20)
    header = table.horizontalHeader()
    # A drag on the header edge: press, resize, release.
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton)
    table.setColumnWidth(NAME, 333)
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton)
    assert fit.user_sized
    table.resize(900, 300)
    QTest.qWait(20)
    assert table.columnWidth(NAME) == 333


def test_a_flow_wraps_instead_of_cutting(qtbot: QtBot) -> None:
    holder = QWidget()
    flow = FlowLayout(holder, spacing=6)
    buttons = [QPushButton(f"Knapp med en lång text {n}") for n in range(5)]
    for button in buttons[:4]:
        flow.add(button)
    flow.add(buttons[4], trailing=True)
    qtbot.addWidget(holder)
    holder.show()
    holder.resize(2000, flow.heightForWidth(2000))
    QTest.qWait(10)
    assert len({b.y() for b in buttons}) == 1  # one line when there is room
    assert buttons[4].geometry().right() == holder.width() - 1  # the trailing one at the end
    holder.resize(400, flow.heightForWidth(400))
    QTest.qWait(10)
    assert len({b.y() for b in buttons}) == 5  # one per line
    for button in buttons:
        assert button.width() == button.sizeHint().width()
        assert holder.rect().contains(button.geometry())


def test_a_responsive_row_stacks_when_narrow(qtbot: QtBot) -> None:
    row = ResponsiveRow()
    cards = [QLabel("x" * 60) for _ in range(3)]
    for card in cards:
        row.add(card)
    qtbot.addWidget(row)
    row.show()
    row.resize(3000, 100)
    QTest.qWait(10)
    assert not row.stacked and len({c.y() for c in cards}) == 1
    row.resize(cards[0].minimumSizeHint().width() + 10, 400)
    QTest.qWait(10)
    assert row.stacked and len({c.x() for c in cards}) == 1
    assert row.minimumSizeHint().width() < 2 * cards[0].minimumSizeHint().width()


def test_a_dialog_is_as_tall_as_its_wrapped_text_needs(qtbot: QtBot) -> None:
    dialog = QDialog()
    dialog.setMinimumWidth(300)
    layout = QVBoxLayout(dialog)
    field = QLabel("fält")
    field.setMinimumHeight(60)
    help_text = styled_label("En hjälptext som bryts på flera rader i ett smalt fönster. " * 4)
    layout.addWidget(field)
    layout.addWidget(help_text)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.qWait(10)
    fit_dialog_height(dialog)
    dialog.resize(dialog.minimumSize())
    QTest.qWait(10)
    assert dialog.minimumHeight() >= layout.totalHeightForWidth(dialog.minimumWidth())
    assert not field.geometry().intersects(help_text.geometry())
    assert help_text.height() >= help_text.heightForWidth(help_text.width())
