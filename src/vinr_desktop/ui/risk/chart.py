"""The judgement over time as a small chart: dates along the bottom, låg / medel / hög up the
side, one point per signed assessment, joined by a line. Painted with QPainter (no chart
library). The same points are its tooltip and accessible description, and `points_text()`
gives them as lines for a screen reader or a test.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from vinr_desktop.domain.instruments import RISK_LABELS, RISK_ORDER, RiskLevel
from vinr_desktop.views.risk import JudgementPoint

LEVEL_COLOURS = {
    RiskLevel.LOW: "#1e6b3a",
    RiskLevel.MEDIUM: "#b7791f",
    RiskLevel.HIGH: "#b3261e",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("RiskChart", text)


class JudgementChart(QWidget):
    """A line of signed judgements, oldest to the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[JudgementPoint, ...] = ()
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so the description is read
        self.setAccessibleName(tr("Bedömd risk över tid"))
        self.set_points(())

    def sizeHint(self) -> QSize:
        return QSize(420, 170)

    @property
    def points(self) -> tuple[JudgementPoint, ...]:
        return self._points

    def set_points(self, points: tuple[JudgementPoint, ...]) -> None:
        self._points = tuple(sorted(points, key=lambda p: p.on))
        text = self.points_text()
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.update()

    def points_text(self) -> str:
        """Every point in words: '2026-02-01: hög (Riskfaktorer …)'."""
        if not self._points:
            return tr("Inga signerade bedömningar ännu.")
        return "\n".join(f"{p.on}: {p.label} ({p.instrument_name})" for p in self._points)

    def positions(self, area: QRectF) -> list[QPointF]:
        """Where each point is drawn inside `area` (dates spread by time, levels by rank)."""
        if not self._points:
            return []
        area = area.adjusted(14, 0, -14, 0)  # the end points clear of the level words
        days = [date.fromisoformat(p.on).toordinal() if p.on else 0 for p in self._points]
        first, last = min(days), max(days)
        span = max(1, last - first)
        top, levels = area.top(), len(RISK_ORDER) - 1
        found = []
        for day, point in zip(days, self._points, strict=True):
            x = (
                area.center().x()
                if last == first
                else area.left() + (day - first) / span * area.width()
            )
            y = top + (RISK_ORDER[RiskLevel.HIGH] - point.value) / levels * area.height()
            found.append(QPointF(x, y))
        return found

    def plot_area(self) -> QRectF:
        metrics = QFontMetrics(self.font())
        left = max(metrics.horizontalAdvance(RISK_LABELS[lvl]) for lvl in RiskLevel) + 16
        bottom = metrics.height() + 10
        return QRectF(
            left, 12, max(10, self.width() - left - 28), max(10, self.height() - 12 - bottom - 8)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        area = self.plot_area()
        metrics = QFontMetrics(self.font())
        grid = QPen(QColor("#e3e8ee"), 1)
        for level in RiskLevel:
            y = area.top() + (RISK_ORDER[RiskLevel.HIGH] - RISK_ORDER[level]) / 2 * area.height()
            painter.setPen(grid)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right() + 14, y))
            painter.setPen(QColor(LEVEL_COLOURS[level]))
            label = RISK_LABELS[level]
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, area.left() - 8, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        if self.hasFocus():
            painter.setPen(QPen(QColor("#2f5d8a"), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        if not self._points:
            # Inside the plot area, wrapped when narrow: never over the level labels.
            text = self.points_text()
            flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
            room = area.adjusted(4, 0, -4, 0)
            box = QRectF(metrics.boundingRect(room.toRect(), flags, text)).adjusted(-8, -4, 8, 4)
            box.moveCenter(area.center())
            painter.fillRect(box, QColor("#ffffff"))
            painter.setPen(QColor("#52606d"))
            painter.drawText(box, flags, text)
            painter.end()
            return
        spots = self.positions(area)
        painter.setPen(QPen(QColor("#2f5d8a"), 2))
        for a, b in pairwise(spots):
            painter.drawLine(a, b)
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1.5))
        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        last_right = -1e9
        for spot, point in zip(spots, self._points, strict=True):
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.setBrush(QColor(LEVEL_COLOURS[point.level]))
            painter.drawEllipse(spot, 6, 6)
            width = small_metrics.horizontalAdvance(point.on)
            x = min(max(spot.x() - width / 2, 0), self.width() - width - 2)
            if x > last_right + 6:  # dates that would overlap are left to the tooltip
                painter.setPen(QColor("#52606d"))
                painter.drawText(QPointF(x, area.bottom() + 8 + small_metrics.ascent()), point.on)
                last_right = x + width
        painter.end()
