"""Ändra markeringar: every marker as a checkbox, grouped; OK makes the case's markers exactly
the checked ones (the service journals each change on its own line).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QScrollArea, QWidget

from vinr_desktop.domain.markers import GROUP_LABELS, MARKERS, MarkerGroup
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog
from vinr_desktop.ui.common.operations import OperationRunner


def tr(text: str) -> str:
    return QCoreApplication.translate("MarkerDialog", text)


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


class MarkerDialog(ServiceDialog):
    """Grouped checkboxes for the markers of one case."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        current: Iterable[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Ändra markeringar"), tr("Spara"), tr("Sparar…"), runner, parent)
        self.setMinimumWidth(680)
        self._services, self._case_id = services, case_id
        chosen = set(current)
        self.boxes: dict[str, QCheckBox] = {}
        content = QWidget()
        column = QGridLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        for number, group in enumerate(MarkerGroup):
            box_group = QGroupBox(GROUP_LABELS[group])
            grid = QGridLayout(box_group)
            members = [m for m in MARKERS if m.group is group]
            for i, item in enumerate(members):
                box = QCheckBox(_capitalised(item.label))
                box.setChecked(item.code in chosen)
                self.boxes[item.code] = box
                grid.addWidget(box, i // 2, i % 2)
            column.addWidget(box_group, number, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setMinimumHeight(420)
        self.body.insertWidget(0, scroll, 1)
        add_case_banner(self, case_id)

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def check(self, code: str, present: bool = True) -> None:
        self.boxes[code].setChecked(present)

    def call(self) -> Callable[[], Any]:
        cases, case_id, codes = self._services.cases, self._case_id, self.codes()
        return lambda: cases.set_markers(case_id, codes)
