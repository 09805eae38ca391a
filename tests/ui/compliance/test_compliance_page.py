"""The Egenkontroll page through the real main window: the sample's table with answers in words
and colour, the detail as tooltip, the totals row, a double-click into the case, the CSV saved
(and audited) and the PDF for the nämnd through the recipient dialog and the preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.casework import adult, entry, register
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, open_dialog
from tests.ui.shots import save_shot
from vinr_desktop.domain.compliance import Answer
from vinr_desktop.domain.compliance_sample import SampleMode
from vinr_desktop.domain.redaction import Recipient
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.store.schema import AuditRow
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.common.document_preview import DocumentPreviewDialog
from vinr_desktop.ui.common.document_print import RecipientDialog
from vinr_desktop.ui.compliance.model import ANSWER_FILL, ANSWER_ROLE
from vinr_desktop.ui.compliance.page import CompliancePage
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace


def test_the_page_shows_the_sample_opens_a_case_and_saves_csv_and_pdf(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    today = ctx.now().astimezone().date()
    first = register(
        services,
        adult("Ebba", "Egensson-Fiktiv", serial=721),
        intake=date.fromordinal(today.toordinal() - 20),
    )
    services.journal.sign(
        first.case_id, None, entry("Samtal.", date.fromordinal(today.toordinal() - 2))
    )
    register(
        services,
        adult("Greta", "Granskadotter-Fiktiv", serial=722),
        intake=date.fromordinal(today.toordinal() - 10),
    )
    AuthService(ctx).logout()
    ctx.release()
    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    window.resize(1366, 768)
    workspace.show_page("Egenkontroll")
    page = workspace.page_by_name["Egenkontroll"]
    assert isinstance(page, CompliancePage)
    page.period_from.setDate(page.period_from.date().addYears(-1))
    page.mode.setCurrentIndex(page.mode.findData(SampleMode.ALL))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table_view_data is not None, timeout=WAIT_MS)
    model = page.model
    assert model.rowCount() == 3  # two cases and the totals row
    assert model.index(0, 0).data() == first.number
    k1 = model.index(0, 1)
    assert k1.data() == "Nej" and k1.data(ANSWER_ROLE) == Answer.NEJ.value
    assert k1.data(Qt.ItemDataRole.BackgroundRole) == ANSWER_FILL[Answer.NEJ]
    assert "ej inledd, 20 d" in k1.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 4).data() == "Ja"  # K4: signed two days after the call
    assert model.index(2, 0).data() == "Ja av tillämpliga"
    assert model.index(2, 1).data() == "0/2" and model.index(2, 5).data() == "–"
    assert "Utredning inledd utan dröjsmål: 0 av 2" in model.index(2, 1).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert page.summary.text().startswith("2 av 2 i perioden · Vuxna och barn, alla ärenden")
    save_shot(window, "egenkontroll-1366x768")
    window.resize(900, 600)
    qtbot.wait(50)
    save_shot(window, "egenkontroll-900x600")
    window.resize(1366, 768)

    # The CSV, through the service: written with its BOM and audited.
    target = tmp_path / "urval"
    page.save_csv_to(target)
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=WAIT_MS)
    data = (tmp_path / "urval.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and first.number.encode() in data
    # The PDF for the nämnd.
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    chooser = open_dialog(qtbot, RecipientDialog)
    chooser.choose(Recipient.BOARD)
    qtbot.mouseClick(chooser.ok_button, Qt.MouseButton.LeftButton)
    preview = open_dialog(qtbot, DocumentPreviewDialog)
    assert preview.page_count >= 1 and "Nämnd" in preview.summary.text()
    preview.close()
    store = window.ctx.require_store()
    with store.session() as session:
        actions = list(session.execute(select(AuditRow.action)).scalars())
    assert "compliance_viewed" in actions and "compliance_exported" in actions

    # A double-click opens the case.
    page.table.doubleClicked.emit(model.index(0, 3))
    cases = workspace.cases_page
    assert cases is not None
    qtbot.waitUntil(lambda: isinstance(cases.case_panel, CasePanel), timeout=WAIT_MS)
    assert workspace.pages.currentWidget() is cases
