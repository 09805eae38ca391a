"""Every page and dialog, at 1366×768 and at the smallest window, shows its text in full.

The walk (layout_tour.py) goes through the demo register as a handläggare, an enhetschef and an
administrator, and through the setup wizard; at every stop layout_check.py measures each
visible label, button, tab and table cell with the widget's own font metrics and looks for
widgets on top of each other. Dialogs are looked at as they open and again at their smallest
size. Set LAYOUT_SHOTS to a folder to save a screenshot of every stop as well.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import UiEnv
from tests.ui.layout_check import Problem, check
from tests.ui.layout_tour import Size, Tour, walk_wizard
from vinr_desktop.services import setup
from vinr_desktop.ui.main_window import MainWindow

SHOTS = os.environ.get("LAYOUT_SHOTS", "")
LAPTOP = Size("1366x768", 1366, 768)
SMALLEST = Size("minsta", 900, 600)  # MainWindow's minimum size
TITLE_BAR = 32


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register (as `vinr-admin demo` makes it), created once and copied per test."""
    folder = tmp_path_factory.mktemp("demo-template") / "demoregister"
    env = UiEnv(folder.parent, folder.parent / "unused", folder)
    ctx = env.context(folder)
    setup.create_demo_store(ctx)
    ctx.release()
    return folder


@pytest.fixture
def demo_window(qtbot: QtBot, env: UiEnv, demo_template: Path) -> Iterator[MainWindow]:
    shutil.copytree(demo_template, env.folder)
    window = MainWindow(env.context(), clock=env.idle_clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


class Looker:
    """What the walk does at each stop: check, and save a screenshot when asked to."""

    def __init__(self, size: Size) -> None:
        self.size = size
        self.problems: list[Problem] = []
        self.stops = 0

    def __call__(self, stop: str, widget: QWidget) -> None:
        self.stops += 1
        if isinstance(widget, QDialog) and self.size is SMALLEST:
            self._look(stop + "-öppnad", widget)
            smallest = widget.minimumSizeHint().expandedTo(widget.minimumSize())
            widget.resize(smallest)
            widget.layout() and widget.layout().activate()  # type: ignore[func-returns-value]
        self._look(stop, widget)

    def _look(self, stop: str, widget: QWidget) -> None:
        if widget.isWindow() and not isinstance(widget, QDialog):
            widget.resize(self.size.qsize)
        layout = widget.layout()
        if layout is not None:
            layout.activate()
        self.problems += check(widget, stop)
        if isinstance(widget, QDialog):
            self._fits_the_laptop(stop, widget)
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


def report(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("size", [LAPTOP, SMALLEST], ids=lambda s: s.name)
def test_every_page_and_dialog_shows_its_text(demo_window: MainWindow, size: Size) -> None:
    look = Looker(size)
    tour = Tour(demo_window, size, look)
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


@pytest.mark.parametrize("size", [LAPTOP, SMALLEST], ids=lambda s: s.name)
def test_setup_wizard_shows_its_text(qtbot: QtBot, env: UiEnv, size: Size) -> None:
    window = MainWindow(env.context(), demo_folder=env.demo_folder, clock=env.idle_clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    look = Looker(size)
    walk_wizard(window, size, look)
    assert not look.problems, "\n" + report(look.problems)
