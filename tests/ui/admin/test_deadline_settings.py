"""The administrator's Bevakningar and egenkontroll settings card: the five settings in days
with their Swedish labels, each saved on its own and read back by the service; out of range is
refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.admin.test_admin_page import _admin_page
from tests.ui.conftest import UiEnv, wait_idle
from tests.ui.shots import save_shot
from vinr_desktop.domain import settings
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.ui.shell.main_window import MainWindow


def test_the_deadline_settings_are_saved_one_by_one(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    window.resize(1366, 768)
    page = _admin_page(qtbot, window)
    card = page.deadline_settings
    assert [s.value() for s in card.spins] == [120, 7, 7, 30, 7, 7]  # the defaults
    assert [(s.minimum(), s.maximum()) for s in card.spins] == [
        (30, 365),
        (1, 60),
        (1, 90),
        (7, 365),
        (1, 90),
        (1, 60),  # beslutsmeddelande ej skickat
    ]
    card.spins[0].setValue(90)  # Utredning av vuxen
    card.saves[0].click()
    wait_idle(qtbot, window)
    assert card.messages[0].text() == "Sparat."
    admin = AdminService(window.ctx)
    assert admin.int_setting(settings.ADULT_INVESTIGATION_DAYS) == 90
    assert admin.int_setting(settings.JOURNAL_SIGNING_DAYS) == 7  # the others untouched
    card.spins[4].setValue(10)  # Utredning inleds (egenkontroll K1)
    card.saves[4].click()
    wait_idle(qtbot, window)
    assert card.messages[4].text() == "Sparat."
    assert admin.int_setting(settings.INVESTIGATION_START_DAYS) == 10
    with pytest.raises(InvalidInput, match="Ärende utan aktivitet måste vara mellan 7 och 365"):
        admin.set_int_setting(settings.INACTIVITY_DAYS, 3)
    save_shot(card, "bevakningar-settings")
