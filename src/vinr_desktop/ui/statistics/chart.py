"""A table's numbers as horizontal bars, painted with QPainter (no chart library), in the
colours the årsrapport uses (views/statistics.py). A hidden count is a short grey bar marked
"< 5". The same numbers are the widget's tooltip and accessible description (`bars_text()`),
and the page shows them as a table beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from vinr_desktop.views.statistics import CHART_COLOURS, HIDDEN_COLOUR, TableView

BAR = 16
GAP = 6
MIN_SCALE = 20  # a hidden count is drawn as 4 on a scale of at least this


def tr(text: str) -> str:
    return QCoreApplication.translate("StatisticsChart", text)


class BarChart(QWidget):
    """The bars of one table: each row's total, rows with nothing counted left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: TableView | None = None
        self._bars: tuple[tuple[str, int | None], ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so the description is read
        self.setMinimumWidth(240)

    @property
    def bars(self) -> tuple[tuple[str, int | None], ...]:
        return self._bars

    def set_table(self, table: TableView) -> None:
        self._table = table
        self._bars = tuple((label, value) for label, value in table.bars() if value != 0)
        self.setAccessibleName(tr("Diagram: {0}").format(table.title))
        text = self.bars_text()
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.setFixedHeight(max(1, len(self._bars)) * (BAR + GAP) + GAP + 2)
        self.update()

    def bars_text(self) -> str:
        """Every bar in words, as a screen reader reads it."""
        if self._table is None:
            return ""
        if not self._bars:
            return tr("{0}: inget att räkna under perioden.").format(self._table.title)
        return self._table.chart_text()

    def sizeHint(self) -> QSize:
        return QSize(520, self.height())

    def label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(label) for label, _ in self._bars), default=60)
        return min(int(self.width() * 0.42), widest + 14)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        metrics = QFontMetrics(self.font())
        if self.hasFocus():
            painter.setPen(QPen(QColor("#2f5d8a"), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        if self._table is None or not self._bars:
            painter.setPen(QColor("#52606d"))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), tr("Inget att räkna."))
            painter.end()
            return
        left = self.label_width()
        room = max(10, self.width() - left - 60)
        scale = max([v for _, v in self._bars if v is not None] + [MIN_SCALE])
        painter.setPen(QPen(QColor("#9aa5b1"), 1))
        painter.drawLine(left, 2, left, self.height() - 2)
        for n, (label, value) in enumerate(self._bars):
            y = GAP + n * (BAR + GAP)
            shown = value if value is not None else 4
            colour = CHART_COLOURS[n % len(CHART_COLOURS)] if value is not None else HIDDEN_COLOUR
            width = max(2.0, room * shown / scale)
            painter.fillRect(QRectF(left + 1, y, width, BAR), QColor(colour))
            painter.setPen(QColor("#1f2328"))
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, left - 10)
            painter.drawText(
                QRectF(0, y, left - 6, BAR),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            painter.drawText(
                QRectF(left + width + 6, y, 60, BAR),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self._table.text(value),
            )
        painter.end()
