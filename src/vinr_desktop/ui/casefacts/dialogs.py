"""Small dialogs for the case facts: the investigation started, extended and ended, the child
heard, a samverkan/SIP meeting, and the case assigned to a handläggare. Each sends what was
typed to its service through the runner and shows the service's Swedish message if it says no.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from vinr_desktop.domain.case_facts import (
    HEARD_WAY_LABELS,
    MEETING_LABELS,
    NOT_HEARD_LABELS,
    SEX_LABELS,
    START_LABELS,
    ChildHeardInput,
    HeardWay,
    MeetingKind,
    NotHeardReason,
    Sex,
    StartBasis,
)
from vinr_desktop.services.casefacts.investigation import methods, outcomes
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import (
    ServiceDialog,
    choice_combo,
    date_edit,
    date_of,
    text_edit,
)
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseFactsDialogs", text)


class _FactDialog(ServiceDialog):
    def __init__(
        self,
        title: str,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(title, tr("Registrera"), tr("Sparar…"), runner, parent)
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)


class StartInvestigationDialog(_FactDialog):
    """The investigation starts: date, what started it, method. `child` is a child case with
    an anmälan, whose investigation the förhandsbedömning opens."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        child: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Utredning inleds"), services, runner, case_id, parent)
        self.on = date_edit(today, today)
        bases = [StartBasis.PRELIMINARY] if child else [StartBasis.APPLICATION, StartBasis.DECISION]
        self.basis = choice_combo([(b.value, START_LABELS[b]) for b in bases])
        self.method = choice_combo([(m.code, m.label) for m in methods()])
        self.method_note = QLineEdit()
        self.form.addRow(tr("Startdatum"), self.on)
        self.form.addRow(tr("Inleddes genom"), self.basis)
        self.form.addRow(tr("Metod"), self.method)
        self.form.addRow(tr("Om metoden"), self.method_note)

    def call(self) -> Callable[[], Any]:
        service, case_id = self._services.investigations, self._case_id
        on, basis = date_of(self.on), StartBasis(self.basis.currentData())
        method, note = str(self.method.currentData()), self.method_note.text()
        return lambda: service.start(case_id, on, basis, method, note)


class ExtendInvestigationDialog(_FactDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        due: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Förläng utredningstiden"), services, runner, case_id, parent)
        self.new_end = date_edit(due)
        self.reason = text_edit(80)
        self.form.addRow(tr("Nytt slutdatum"), self.new_end)
        self.form.addRow(tr("Skäl"), self.reason)

    def call(self) -> Callable[[], Any]:
        service, case_id = self._services.investigations, self._case_id
        new_end, reason = date_of(self.new_end), self.reason.toPlainText()
        return lambda: service.extend(case_id, new_end, reason)


class EndInvestigationDialog(_FactDialog):
    """The investigation ends: date and outcome. With `advance` (the case panel's "Nästa steg:
    Beslut/insats pågår" while the investigation runs) the case moves on in the same step."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
        *,
        advance: bool = False,
    ) -> None:
        super().__init__(tr("Utredningen avslutas"), services, runner, case_id, parent)
        self._advance = advance
        self.on = date_edit(today, today)
        self.outcome = choice_combo([(o.code, o.label) for o in outcomes()])
        self.form.addRow(tr("Slutdatum"), self.on)
        self.form.addRow(tr("Utfall"), self.outcome)
        if advance:
            self.outcome.setCurrentIndex(max(0, self.outcome.findData("with_insats")))
            self.form.addRow(
                "",
                styled_label(tr("Ärendet går sedan vidare till Beslut/insats pågår."), "muted"),
            )

    def call(self) -> Callable[[], Any]:
        service, case_id = self._services.investigations, self._case_id
        on, outcome = date_of(self.on), str(self.outcome.currentData())
        advance = self._advance
        return lambda: service.end(case_id, on, outcome, advance=advance)


class ChildHeardDialog(_FactDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        children: tuple[tuple[str, str], ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Barnets rätt att komma till tals"), services, runner, case_id, parent)
        self.child = choice_combo(list(children))
        self.on = date_edit(today, today)
        self.heard = QCheckBox(tr("Barnet har kommit till tals"))
        self.heard.setChecked(True)
        self.way = choice_combo([(w.value, label) for w, label in HEARD_WAY_LABELS.items()])
        self.reason = choice_combo([(r.value, label) for r, label in NOT_HEARD_LABELS.items()])
        self.learnt = text_edit(70)
        self.note = QLineEdit()
        self.form.addRow(tr("Barn"), self.child)
        self.form.addRow(tr("Datum"), self.on)
        self.form.addRow("", self.heard)
        self.form.addRow(tr("Hur"), self.way)
        self.form.addRow(tr("Varför inte"), self.reason)
        self.form.addRow(tr("Situationen känd genom"), self.learnt)
        self.form.addRow(tr("Kommentar"), self.note)
        self.heard.toggled.connect(self._heard_changed)
        self._heard_changed(True)

    def _heard_changed(self, heard: bool) -> None:
        self.form.setRowVisible(self.way, heard)
        self.form.setRowVisible(self.reason, not heard)
        self.form.setRowVisible(self.learnt, not heard)

    def call(self) -> Callable[[], Any]:
        service, case_id = self._services.facts, self._case_id
        heard = self.heard.isChecked()
        value = ChildHeardInput(
            person_id=str(self.child.currentData() or ""),
            on=date_of(self.on),
            heard=heard,
            way=HeardWay(self.way.currentData()) if heard else None,
            reason=None if heard else NotHeardReason(self.reason.currentData()),
            learnt_otherwise="" if heard else self.learnt.toPlainText(),
            note=self.note.text(),
        )
        return lambda: service.record_child_heard(case_id, value)


class MeetingDialog(_FactDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Samverkan eller SIP"), services, runner, case_id, parent)
        self.kind = choice_combo([(k.value, label) for k, label in MEETING_LABELS.items()])
        self.on = date_edit(today, today)
        self.participants = QLineEdit()
        self.participants.setPlaceholderText(tr("Till exempel vårdcentralen, BUP, skolan"))
        self.note = text_edit(70)
        self.form.addRow(tr("Möte"), self.kind)
        self.form.addRow(tr("Datum"), self.on)
        self.form.addRow(tr("Deltagare"), self.participants)
        self.form.addRow(tr("Anteckning"), self.note)

    def call(self) -> Callable[[], Any]:
        service, case_id = self._services.facts, self._case_id
        kind, on = MeetingKind(self.kind.currentData()), date_of(self.on)
        who, note = self.participants.text(), self.note.toPlainText()
        return lambda: service.record_meeting(case_id, kind, on, who, note)


class AssignDialog(_FactDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        colleagues: tuple[tuple[str, str], ...],
        parent: QWidget | None = None,
        responsible_id: str = "",
    ) -> None:
        super().__init__(tr("Tilldela ärendet"), services, runner, case_id, parent)
        self._responsible = responsible_id
        self.user = choice_combo(list(colleagues))
        index = self.user.findData(responsible_id)
        if index >= 0:
            self.user.setCurrentIndex(index)
        self.on = date_edit(today, today)
        self.handover = styled_label(
            tr(
                "Ärendet överlämnas: den nya handläggaren blir ansvarig. Överlämningen skrivs i "
                "journalen."
            ),
            "muted",
        )
        self.form.addRow(tr("Handläggare"), self.user)
        self.form.addRow(tr("Från och med"), self.on)
        self.form.addRow("", self.handover)
        self.user.currentIndexChanged.connect(self._user_changed)
        self._user_changed()

    def _user_changed(self) -> None:
        other = bool(self._responsible) and self.user.currentData() != self._responsible
        self.form.setRowVisible(self.handover, other)

    def call(self) -> Callable[[], Any]:
        service, case_id = self._services.facts, self._case_id
        user_id, on = str(self.user.currentData() or ""), date_of(self.on)
        return lambda: service.assign(case_id, user_id, on)


class SexDialog(_FactDialog):
    """Kön of a person in the case, as the handläggare knows it (never from the number)."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        persons: tuple[tuple[str, str, str], ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Kön"), services, runner, case_id, parent)
        self._persons = persons
        self.person = choice_combo([(pid, name) for pid, name, _sex in persons])
        self.sex = choice_combo([(s.value, label) for s, label in SEX_LABELS.items()])
        self.form.addRow(tr("Person"), self.person)
        self.form.addRow(tr("Kön"), self.sex)
        self.person.currentIndexChanged.connect(self._person_changed)
        self._person_changed()

    def _person_changed(self) -> None:
        code = next((s for pid, _n, s in self._persons if pid == self.person.currentData()), "")
        index = self.sex.findData(code)
        if index >= 0:
            self.sex.setCurrentIndex(index)

    def call(self) -> Callable[[], Any]:
        service, case_id = self._services.facts, self._case_id
        person_id, sex = str(self.person.currentData() or ""), Sex(self.sex.currentData())
        return lambda: service.set_sex(case_id, person_id, sex)
