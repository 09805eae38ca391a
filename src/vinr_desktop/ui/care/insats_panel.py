"""One decision of the Insatser tab in full: the decision, and for an insats its vårdplan,
genomförandeplan (requested, reminder due – red when passed –, received), follow-ups (last,
next due – red when passed) and the egenkontroll lines.

The panel is rebuilt from plain views each time; its buttons call `CareActions`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.care_deadlines import PlanStatus
from vinr_desktop.domain.decisions import InsatsState
from vinr_desktop.domain.follow_ups import FollowUpDecision
from vinr_desktop.ui.care.actions import CareActions
from vinr_desktop.ui.care.widgets import DueChip, care_section, check_line, field_title
from vinr_desktop.ui.common.layouts import ResponsiveRow
from vinr_desktop.ui.common.widgets import link_button, styled_label
from vinr_desktop.views.care import (
    FollowUpView,
    ImplementationPlanView,
    InsatsOverview,
)
from vinr_desktop.views.time_text import datetime_text


def tr(text: str) -> str:
    return QCoreApplication.translate("InsatsPanel", text)


SHORT_DECISIONS: dict[FollowUpDecision | None, str] = {
    FollowUpDecision.CONTINUE: "fortsätter",
    FollowUpDecision.CHANGE: "ändras",
    FollowUpDecision.END: "avslutas",
}


@dataclass(frozen=True)
class InsatsDetail:
    """What the panel loads for the selected insats besides its overview."""

    implementation: ImplementationPlanView | None
    follow_ups: tuple[FollowUpView, ...]


def _button(text: str, enabled: bool = True, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setEnabled(enabled)
    if tip:
        button.setToolTip(tip)
    return button


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(6)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _pair(grid: QGridLayout, row: int, title: str, value: QWidget | str) -> None:
    grid.addWidget(field_title(title), row, 0, Qt.AlignmentFlag.AlignTop)
    widget = styled_label(value) if isinstance(value, str) else value
    grid.addWidget(widget, row, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)


def _grid() -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(4)
    grid.setColumnStretch(1, 1)
    return grid


class InsatsPanel(QWidget):
    """The selected decision's details and actions."""

    def __init__(self, actions: CareActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 4, 4)
        self._layout.setSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        self.reminder_chip: DueChip | None = None
        self.next_chip: DueChip | None = None
        self.show_empty(tr("Välj ett beslut i listan."))

    def _clear(self) -> None:
        self.buttons = {}
        self.reminder_chip = self.next_chip = None
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item is None:
                break
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
            elif (layout := item.layout()) is not None:
                _drop(layout)

    def show_empty(self, text: str) -> None:
        self._clear()
        if text:
            self._layout.addWidget(styled_label(text, "muted"))
        self._layout.addStretch(1)

    def show_insats(
        self, item: InsatsOverview, detail: InsatsDetail | None, writable: bool
    ) -> None:
        self._clear()
        d = item.decision
        self._layout.addWidget(self._decision_box(item, writable))
        if not d.is_insats:
            self._layout.addStretch(1)
            return
        row = ResponsiveRow()  # one above the other in a narrow window
        row.add(self._plan_box(item, writable))
        row.add(self._implementation_box(item, detail, writable))
        row.add(self._follow_up_box(item, detail, writable))
        self._layout.addWidget(row)
        if item.checks:
            frame, box = care_section(tr("Egenkontroll"))
            for check in sorted(item.checks, key=lambda c: c.ok):
                box.addWidget(check_line(check.text, check.ok))
            self._layout.addWidget(frame)
        self._layout.addStretch(1)

    # -- the boxes -----------------------------------------------------------------------------

    def _decision_box(self, item: InsatsOverview, writable: bool) -> QFrame:
        d = item.decision
        frame, box = care_section(d.insats_label or tr("Beslut utan insats"))
        facts = [
            d.outcome_label if d.signed_utc else tr("Utkast ({0})").format(d.outcome_label.lower()),
            tr("beslut {0}").format(d.decided_on) if d.decided_on else "",
            d.provider_name,
            d.period_text,
            d.extent,
        ]
        box.addWidget(styled_label(" · ".join(f for f in facts if f)))
        if d.ending is not None:
            box.addWidget(
                styled_label(
                    tr("Avslutad {0}: {1}. {2}").format(
                        d.ending.ended_on, d.ending.reason_label, d.ending.text
                    ),
                    "muted",
                )
            )
        if d.children_along:
            names = ", ".join(
                c.name + (f" ({c.child_case_number})" if c.child_case_number else "")
                for c in d.children_along
            )
            box.addWidget(styled_label(tr("Barn som följer med: {0}").format(names), "muted"))
        show = _button(tr("Fortsätt utkastet…") if d.is_draft else tr("Visa beslut…"))
        show.clicked.connect(lambda: self._actions.open_decision(d))
        self.buttons["decision"] = show
        buttons = [show]
        expired = d.state is InsatsState.EXPIRED
        if expired:  # flagged until the ending is recorded (dated back)
            box.addWidget(
                styled_label(
                    tr(
                        "Avslutad utan skäl: perioden tog slut {0} utan att avslutet "
                        "registrerades. Registrera avslutet med orsak."
                    ).format(d.period_to),
                    "error",
                )
            )
        if d.is_insats:
            end = _button(
                tr("Avsluta insats…"),
                writable
                and d.state in (InsatsState.RUNNING, InsatsState.PLANNED, InsatsState.EXPIRED),
                tr("Registrera avslutet med orsak, daterat bakåt till periodens slut")
                if expired
                else tr("Avsluta insatsen före periodens slut, med orsak"),
            )
            end.clicked.connect(lambda: self._actions.end_insats(d))
            assignment = _button(tr("Uppdrag…"), tip=tr("Skriv ut uppdraget till utföraren"))
            assignment.clicked.connect(lambda: self._actions.print_assignment(d))
            self.buttons["end"], self.buttons["assignment"] = end, assignment
            buttons += [assignment, end]
            if d.disclosure_needed:
                box.addWidget(
                    styled_label(
                        tr("Uppgifter till utföraren: {0}").format(d.disclosure)
                        if d.disclosure
                        else tr("Uppgifter till utföraren: grund saknas."),
                        "muted",
                    )
                )
                basis = _button(
                    tr("Grund för uppgifter…"),
                    writable,
                    tr("På vilken grund klientens uppgifter lämnas till utföraren"),
                )
                basis.clicked.connect(lambda: self._actions.record_disclosure(d))
                self.buttons["disclosure"] = basis
                buttons.append(basis)
        box.addLayout(_row(*buttons))
        return frame

    def _plan_box(self, item: InsatsOverview, writable: bool) -> QFrame:
        frame, box = care_section(tr("Vårdplan"))
        grid = _grid()
        plan, draft = item.care_plan, item.care_plan_draft
        if plan is not None:
            _pair(grid, 0, tr("Gäller"), tr("Version {0}").format(plan.version))
            _pair(
                grid,
                1,
                tr("Signerad"),
                f"{datetime_text(plan.signed_utc)}\n{plan.signed_by}",
            )
        else:
            chip = DueChip(tr("Ingen signerad vårdplan"), "overdue")
            _pair(grid, 0, tr("Gäller"), chip)
        if draft is not None:
            _pair(grid, 2, tr("Utkast"), tr("Version {0}").format(draft.version))
        box.addLayout(grid)
        if draft is not None:
            edit_text = tr("Fortsätt utkastet…")
        elif plan is None:
            edit_text = tr("Skriv vårdplan…")
        else:
            edit_text = tr("Ny version…")
        edit = _button(edit_text, writable)
        edit.clicked.connect(lambda: self._actions.edit_plan(item))
        view = _button(tr("Visa…"), plan is not None, tr("Visa vårdplanen och äldre versioner"))
        view.clicked.connect(lambda: self._actions.view_plan(item))
        print_ = _button(tr("Skriv ut…"), plan is not None)
        if plan is not None:
            plan_id = plan.plan_id
            print_.clicked.connect(lambda: self._actions.print_plan(plan_id))
        self.buttons.update(plan_edit=edit, plan_view=view, plan_print=print_)
        box.addLayout(_row(edit, view, print_))
        box.addStretch(1)
        return frame

    def _implementation_box(
        self, item: InsatsOverview, detail: InsatsDetail | None, writable: bool
    ) -> QFrame:
        d = item.decision
        frame, box = care_section(tr("Genomförandeplan"))
        plan = detail.implementation if detail is not None else None
        status = item.implementation_status
        grid = _grid()
        overdue = status is PlanStatus.REMINDER_DUE
        done = status in (PlanStatus.RECEIVED, PlanStatus.OWN_WRITTEN)
        state = "overdue" if overdue else "ok" if done else "neutral"
        _pair(grid, 0, tr("Status"), DueChip(item.implementation_label, state))
        if plan is not None and not plan.own:
            if plan.requested_on:
                _pair(grid, 1, tr("Begärd"), f"{plan.requested_on}\n{plan.requested_how}")
            if plan.reminder_due:
                self.reminder_chip = DueChip(
                    plan.reminder_due + (tr(" – dags att påminna") if overdue else ""),
                    "overdue" if overdue else "neutral",
                )
                _pair(grid, 3, tr("Påminnelse"), self.reminder_chip)
            if plan.reminders:  # each sent reminder, its own dated row; the request stays
                _pair(grid, 2, tr("Påmind"), "\n".join(plan.reminders))
        if plan is not None and plan.received_on:
            _pair(grid, 4, tr("Skriven") if plan.own else tr("Mottagen"), plan.received_on)
        box.addLayout(grid)
        received = plan is not None and bool(plan.received_on)
        buttons: list[QPushButton] = []
        if d.provider_own:
            write = _button(tr("Ändra…") if received else tr("Skriv genomförandeplan…"), writable)
            write.clicked.connect(lambda: self._actions.receive_plan(d, plan))
            self.buttons["implementation_write"] = write
            buttons.append(write)
        else:
            requested = plan is not None and bool(plan.requested_on)
            if not received:
                request = _button(
                    tr("Påminnelse…") if requested else tr("Begär…"),
                    writable,
                    tr("Registrera att planen har begärts från utföraren"),
                )
                request.clicked.connect(lambda: self._actions.request_plan(d, requested))
                self.buttons["implementation_request"] = request
                buttons.append(request)
            got = _button(tr("Ändra…") if received else tr("Mottagen…"), writable)
            got.clicked.connect(lambda: self._actions.receive_plan(d, plan))
            self.buttons["implementation_received"] = got
            buttons.append(got)
        print_ = _button(tr("Skriv ut…"), received)
        print_.clicked.connect(lambda: self._actions.print_implementation(d))
        self.buttons["implementation_print"] = print_
        box.addLayout(_row(*buttons, print_))
        box.addStretch(1)
        return frame

    def _follow_up_box(
        self, item: InsatsOverview, detail: InsatsDetail | None, writable: bool
    ) -> QFrame:
        d = item.decision
        frame, box = care_section(tr("Uppföljning"))
        grid = _grid()
        _pair(grid, 0, tr("Senast"), item.last_follow_up_on or tr("Ingen ännu"))
        if item.next_follow_up_on:
            self.next_chip = DueChip(
                item.next_follow_up_on + (tr(" – försenad") if item.follow_up_overdue else ""),
                "overdue" if item.follow_up_overdue else "neutral",
            )
            _pair(grid, 1, tr("Nästa senast"), self.next_chip)
        box.addLayout(grid)
        follow_ups = detail.follow_ups if detail is not None else ()
        draft = next((f for f in follow_ups if f.is_draft), None)
        for follow_up in [f for f in follow_ups if not f.is_draft][:4]:
            link = link_button(
                tr("{0} ({1}) – skriv ut…").format(
                    follow_up.held_on, SHORT_DECISIONS.get(follow_up.decision, "")
                )
            )
            link.setToolTip(follow_up.decision_label)
            follow_up_id = follow_up.follow_up_id
            link.clicked.connect(
                lambda _=False, fid=follow_up_id: self._actions.print_follow_up(fid)
            )
            box.addWidget(link)
        new = _button(
            tr("Fortsätt utkastet…") if draft else tr("Ny uppföljning…"),
            writable and item.care_plan is not None and d.state is not InsatsState.ENDED,
            tr("Följ upp insatsen med klienten")
            if item.care_plan
            else tr("Signera vårdplanen först"),
        )
        new.clicked.connect(lambda: self._actions.new_follow_up(d, draft))
        self.buttons["follow_up"] = new
        box.addLayout(_row(new))
        box.addStretch(1)
        return frame


def _drop(layout: object) -> None:
    assert isinstance(layout, QLayout)
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        elif (child := item.layout()) is not None:
            _drop(child)
    layout.setParent(None)
    layout.deleteLater()
