"""Every page and dialog, at 1366×768 and at the smallest window, shows its text in full.

The walk (layout_tour.py) goes through the demo register as a handläggare, an enhetschef and an
administrator, and through the setup wizard; at every stop layout_check.py measures each
visible label, button, tab and table cell with the widget's own font metrics and looks for
widgets on top of each other. Dialogs are looked at as they open and again at their smallest
size. Set LAYOUT_SHOTS to a folder to save a screenshot of every stop as well.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.stores import Template
from tests.ui.conftest import UiEnv
from tests.ui.layout_check import Problem, check
from tests.ui.layout_tour import Tour, walk_wizard
from vinr_desktop.ui.shell.main_window import MainWindow

SHOTS = os.environ.get("LAYOUT_SHOTS", "")
TITLE_BAR = 32


@pytest.fixture
def demo_window(qtbot: QtBot, env: UiEnv, demo_template: Template) -> Iterator[MainWindow]:
    demo_template.copy_to(env.folder)
    window = MainWindow(env.context(), clock=env.idle_clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int


LAPTOP = Size("1366x768", 1366, 768)
SMALLEST = Size("minsta", 900, 600)  # MainWindow's minimum size


class Looker:
    """What the walk does at each stop: check the main window at both sizes, a dialog as it
    opened and at its smallest; save screenshots when asked to."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.problems: list[Problem] = []
        self.stops = 0
        window.resize(LAPTOP.width, LAPTOP.height)

    def __call__(self, stop: str, widget: QWidget) -> None:
        self.stops += 1
        if isinstance(widget, QDialog):
            self._look(f"{LAPTOP.name}/{stop}", widget)
            self._fits_the_laptop(stop, widget)
            opened = widget.size()
            widget.resize(widget.minimumSizeHint().expandedTo(widget.minimumSize()))
            self._look(f"{SMALLEST.name}/{stop}", widget)
            widget.resize(opened)
            settle()
            return
        for size in (LAPTOP, SMALLEST):
            self.window.resize(size.width, size.height)
            self._look(f"{size.name}/{stop}", self.window)
        self.window.resize(LAPTOP.width, LAPTOP.height)
        settle()

    def _look(self, stop: str, widget: QWidget) -> None:
        settle()
        layout = widget.layout()
        if layout is not None:
            layout.activate()
        self.problems += check(widget, stop)
        if SHOTS:
            path = Path(SHOTS) / f"{stop.replace('/', '_')}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(path))

    def _fits_the_laptop(self, stop: str, dialog: QDialog) -> None:
        if dialog.height() + TITLE_BAR > LAPTOP.height or dialog.width() > LAPTOP.width:
            self.problems.append(
                Problem(
                    stop,
                    "window",
                    type(dialog).__name__,
                    f"{dialog.width()}×{dialog.height()} does not fit a 1366×768 screen",
                )
            )


def settle() -> None:
    """Let what a resize started happen (layouts that rearrange themselves post events)."""
    for _ in range(3):
        QTest.qWait(5)


def report(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def test_every_page_and_dialog_shows_its_text(demo_window: MainWindow) -> None:
    look = Looker(demo_window)
    tour = Tour(demo_window, look)
    tour.walk()
    assert look.stops > 70  # the walk really went everywhere
    # Every dialog opened from a case says which case it writes to (issue 13, item 4).
    assert len(tour.banners) >= 25
    wrong = [
        (name, shown, text) for name, expected, shown, text, _ in tour.banners if shown != expected
    ]
    assert not wrong, wrong
    for _name, heading, _shown, text, title in tour.banners:
        assert heading is not None and heading.number in text and heading.person in text
        assert heading.number not in title and heading.person not in title  # titles: generic
    assert not look.problems, "\n" + report(look.problems)


def test_setup_wizard_shows_its_text(qtbot: QtBot, env: UiEnv) -> None:
    window = MainWindow(env.context(), demo_folder=env.demo_folder, clock=env.idle_clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    look = Looker(window)
    walk_wizard(window, look)
    assert not look.problems, "\n" + report(look.problems)
