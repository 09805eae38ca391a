"""The case's "Utredning och samverkan" section: starting and ending the investigation and
recording a samverkan meeting through the dialogs, journalled, shown in the section."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.cases.test_case_panel import texts
from tests.ui.conftest import WAIT_MS
from tests.ui.journal.test_journal import Opened, open_view, opened, wait
from tests.ui.shots import save_shot
from vinr_desktop.ui.casefacts.dialogs import (
    EndInvestigationDialog,
    MeetingDialog,
    SexDialog,
    StartInvestigationDialog,
)

__all__ = ["opened"]  # the fixture, shared with test_journal


def _dialog(view: QWidget, kind: type[QWidget]) -> QWidget:
    found = view.findChild(kind)
    assert found is not None
    return found


def test_the_investigation_and_a_meeting_through_the_section(qtbot: QtBot, opened: Opened) -> None:
    view = open_view(qtbot, opened)
    section = view.overview.facts_section
    qtbot.waitUntil(lambda: section.facts is not None, timeout=WAIT_MS)
    assert section.investigation.text() == "Ingen utredning registrerad."
    assert not section.end_button.isVisibleTo(section)
    section.start_button.click()
    start = _dialog(section, StartInvestigationDialog)
    assert isinstance(start, StartInvestigationDialog)
    start.ok_button.click()
    qtbot.waitUntil(lambda: "Pågår sedan" in section.investigation.text(), timeout=WAIT_MS)
    assert section.end_button.isVisibleTo(section)
    assert not section.extend_button.isVisibleTo(section)  # an adult: no four months
    section.meeting_button.click()
    meeting = _dialog(section, MeetingDialog)
    assert isinstance(meeting, MeetingDialog)
    meeting.ok_button.click()
    qtbot.waitUntil(lambda: "måste fyllas i" in meeting.error.text(), timeout=WAIT_MS)
    meeting.participants.setText("Vårdcentralen")
    meeting.ok_button.click()
    qtbot.waitUntil(lambda: "SIP-möte" in section.meetings.text(), timeout=WAIT_MS)
    assert section.sex_rows() == [("Testa Testsson-Fiktiv", "Okänt")]
    section.sex_button.click()
    sex = _dialog(section, SexDialog)
    assert isinstance(sex, SexDialog)
    sex.sex.setCurrentIndex(sex.sex.findData("woman"))
    sex.ok_button.click()
    qtbot.waitUntil(
        lambda: section.sex_rows() == [("Testa Testsson-Fiktiv", "Kvinna")], timeout=WAIT_MS
    )
    view.resize(1366, 768)
    save_shot(view, "case-overview-facts")
    section.end_button.click()
    end = _dialog(section, EndInvestigationDialog)
    assert isinstance(end, EndInvestigationDialog)
    end.ok_button.click()
    qtbot.waitUntil(lambda: "Avslutad med insats" in section.investigation.text(), timeout=WAIT_MS)
    assert section.investigation.text() == ("2026-03-02 – 2026-03-02 · BBIC · Avslutad med insats")
    wait(qtbot, opened)
    view.reload()
    wait(qtbot, opened)
    assert any(t.startswith("Utredning inledd") for t in texts(view))
    assert any(t.startswith("SIP-möte") for t in texts(view))


def test_the_section_reads_as_rows_late_deadline_reassignment_and_kon(
    qtbot: QtBot, opened: Opened
) -> None:
    from datetime import date

    from vinr_desktop.ui.casefacts.dialogs import AssignDialog
    from vinr_desktop.ui.casefacts.section import CaseFactsSection
    from vinr_desktop.views.case_facts import AssignmentView, CaseFactsView, InvestigationView

    section = CaseFactsSection(opened.services, opened.runner, opened.case_id, date(2026, 3, 2))
    qtbot.addWidget(section)
    running = InvestigationView(
        "i1", "2025-09-10", "Förhandsbedömning", "BBIC", "", "2026-01-10", "", "", "", ""
    )
    section.show_facts(
        CaseFactsView(
            is_child_case=True,
            investigations=(running,),
            assignments=(
                AssignmentView("2025-08-12", "Anna Första-Fiktiv", "Anna Första-Fiktiv"),
                AssignmentView("2025-09-01", "Bo Andra-Fiktiv", "Anna Första-Fiktiv"),
            ),
            child_heard=(),
            meetings=(),
            children=(("c1", "Liten Barnsson-Fiktiv"),),
            colleagues=(("u1", "Anna Första-Fiktiv"), ("u2", "Bo Andra-Fiktiv")),
            writable=True,
            persons=(("c1", "Liten Barnsson-Fiktiv", "unknown"), ("p2", "Mor Barnsson", "woman")),
            responsible_id="u2",
        )
    )
    section.show()
    assert section.investigation.text() == "Pågår sedan 2025-09-10 · BBIC"
    assert section.due.text() == "2026-01-10 – tiden har gått ut"
    assert section.due.property("role") == "error"
    assert section.assigned.text() == (
        "Bo Andra-Fiktiv från 2025-09-01 (överlämnat från Anna Första-Fiktiv, tilldelad 2025-08-12)"
    )
    assert section.heard.text() == "Inte registrerat."
    assert section.sex_rows() == [("Liten Barnsson-Fiktiv", "Okänt"), ("Mor Barnsson", "Kvinna")]
    section.assign_button.click()
    dialog = _dialog(section, AssignDialog)
    assert isinstance(dialog, AssignDialog)
    assert dialog.user.currentData() == "u2"  # the one responsible now
    assert not dialog.handover.isVisibleTo(dialog)
    dialog.user.setCurrentIndex(dialog.user.findData("u1"))
    assert dialog.handover.isVisibleTo(dialog)
    dialog.reject()
    qtbot.wait(50)  # let the closed dialog be deleted before the section is
