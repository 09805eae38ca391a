"""A spin box for a count with its unit, in the right number: "1 minut", "5 minuter"."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget

from vinr_desktop.domain.plurals import by_count


def count_spin_box(
    minimum: int, maximum: int, one: str, many: str, parent: QWidget | None = None
) -> QSpinBox:
    """A QSpinBox whose unit after the number follows the value (`one` for 1, else `many`)."""
    spin = QSpinBox(parent)
    spin.setRange(minimum, maximum)

    def follow(value: int) -> None:
        spin.setSuffix(" " + by_count(value, one, many))

    follow(spin.value())
    spin.valueChanged.connect(follow)
    return spin
