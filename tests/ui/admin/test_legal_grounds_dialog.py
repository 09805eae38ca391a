"""The Lagrum dialog: the administrator loads a corrected legal-grounds file, a bad file is
refused with its reason and nothing changes, and the program's own file can be taken back."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.admin.test_admin_page import _admin_page
from tests.ui.conftest import WAIT_MS, open_dialog
from vinr_desktop.resources import care_data
from vinr_desktop.ui.admin.legal_grounds_dialog import VERIFIED, LegalGroundsDialog
from vinr_desktop.ui.shell.main_window import MainWindow

SOURCE = "Kontrollerad av kommunens jurist (fiktiv källa)."


def write_file(folder: Path, name: str, *, drop_section: bool = False) -> Path:
    data = copy.deepcopy(care_data("legal_grounds"))
    grounds = data["grounds"]
    assert isinstance(grounds, list)
    first = grounds[0]
    first.update(verified=True, source=SOURCE)
    if drop_section:
        del first["section"]
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def verified_texts(dialog: LegalGroundsDialog) -> list[str]:
    model = dialog.model
    return [model.index(r, VERIFIED).data() for r in range(model.rowCount())]


def test_load_a_corrected_file_refuse_a_bad_one_and_go_back(
    qtbot: QtBot, logged_in_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    page = _admin_page(qtbot, logged_in_window())
    page.legal_button.click()
    dialog = open_dialog(qtbot, LegalGroundsDialog, page)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=WAIT_MS)
    assert dialog.origin.text().startswith("Programmets egen lagrumsfil")
    assert not dialog.revert_button.isVisible()
    assert verified_texts(dialog)[0] == "Ej kontrollerad"

    dialog.load_path(write_file(tmp_path, "fel.json", drop_section=True))
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=WAIT_MS)
    assert "Lagrum 1 (sol2025_bistand) saknar paragraf" in dialog.error.text()
    assert dialog.origin.text().startswith("Programmets egen lagrumsfil")
    assert verified_texts(dialog)[0] == "Ej kontrollerad"

    dialog.load_path(write_file(tmp_path, "rattad.json"))
    qtbot.waitUntil(lambda: "Rättad av administratören" in dialog.origin.text(), timeout=WAIT_MS)
    assert not dialog.error.text()
    assert verified_texts(dialog)[0] == "Ja"
    assert dialog.revert_button.isVisible()
    if os.environ.get("LEGAL_SHOTS"):
        dialog.grab().save(str(Path(os.environ["LEGAL_SHOTS"]) / "lagrum_rattad.png"))

    dialog.revert_button.click()
    box = dialog.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not dialog.revert_button.isVisible(), timeout=WAIT_MS)
    assert dialog.origin.text().startswith("Programmets egen lagrumsfil")
    assert verified_texts(dialog)[0] == "Ej kontrollerad"
    dialog.accept()
