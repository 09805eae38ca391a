"""The vårdplan editor: one draft version of the plan of one insats, autosaved and signed.

Goals (with how each will be seen), the period (from the decision), who does what
(handläggare, utförare, klienten, andra), how the client took part and her own view, the
children's needs, and when and how the plan is followed up. The draft's life (saved a few
seconds after a change and at close, signed or thrown away after a question) is a
`DraftSession`; the version is in the store from the start. Signing makes it read-only (a new
version starts from it after a follow-up).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.care_deadlines import proposed_follow_up
from vinr_desktop.domain.care_plans import (
    ROLE_LABELS,
    CarePlanDraft,
    GoalDraft,
    Responsibility,
    ResponsibleRole,
)
from vinr_desktop.services.care.plans import CarePlanService
from vinr_desktop.ui.care.plan_goals import GoalsEditor
from vinr_desktop.ui.care.widgets import (
    CARE_CHANGES,
    CARE_STYLE,
    OptionalDate,
    care_section,
    parse_day,
    plain_date_edit,
    pydate,
    qdate,
)
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.draft_session import Call, DraftSession
from vinr_desktop.ui.common.layouts import VerticalScroll
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.resume import EditorKind, OpenEditor
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    primary_button,
    styled_label,
)
from vinr_desktop.views.care import CarePlanView, DecisionView

ROLE_HINTS: dict[ResponsibleRole, str] = {
    ResponsibleRole.CASEWORKER: "T.ex. samordnar, följer upp, håller kontakt med skolan",
    ResponsibleRole.PROVIDER: "T.ex. stödsamtal en gång i veckan, skriver genomförandeplan",
    ResponsibleRole.CLIENT: "T.ex. kommer till samtalen, säger till om något ändras",
    ResponsibleRole.OTHER: "T.ex. BUP, skolan, polisen – vem och vad",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("CarePlanEditor", text)


def area(height: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    edit.setPlaceholderText(placeholder)
    return edit


class CarePlanEditor(QDialog):
    """A draft version of the vårdplan; closing keeps it as a draft."""

    signed = Signal(str)  # the plan's id

    def __init__(
        self,
        care_plans: CarePlanService,
        runner: OperationRunner,
        plan: CarePlanView,
        decision: DecisionView,
        today: date,
        parent: QWidget | None = None,
        *,
        interval_months: int = 6,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(CARE_STYLE)
        self.setWindowTitle(tr("Vårdplan"))
        start = parse_day(plan.period_from) or today
        # The earliest of the decision's review date, its end and the follow-up interval.
        proposed = proposed_follow_up(
            start,
            interval_months,
            review_on=parse_day(decision.review_on),
            period_to=parse_day(decision.period_to),
        )
        self._plans, self._runner, self._plan = care_plans, runner, plan

        self.goals = GoalsEditor()
        self.period_from = plain_date_edit(parse_day(plan.period_from) or today)
        self.period_to = OptionalDate(parse_day(plan.period_to), today, tr("Tills vidare"))
        self.roles: dict[ResponsibleRole, QPlainTextEdit] = {
            role: area(52, tr(ROLE_HINTS[role])) for role in ResponsibleRole
        }
        self.participation = area(64, tr("Hur klienten har varit med och tagit fram planen"))
        self.client_view = area(64, tr("Klientens egna synpunkter på planen"))
        self.children_needs = area(64, tr("Barnens behov och hur de tillgodoses"))
        self.follow_up_on = plain_date_edit(parse_day(plan.follow_up_on) or proposed)
        self.follow_up_how = area(52, tr("T.ex. möte med klienten, utföraren deltar"))
        self.status = styled_label("", "muted", wrap=False)
        self.error = ErrorLabel()
        self.discard_button = QPushButton(tr("Ta bort utkastet"))
        self.close_button = QPushButton(tr("Stäng"))
        self.close_button.setToolTip(tr("Stäng – utkastet sparas"))
        self.sign_button = primary_button(tr("Signera…"))
        self.sign_button.setToolTip(tr("Signera vårdplanen (Ctrl+Enter)"))
        for button in (self.discard_button, self.close_button):
            button.setAutoDefault(False)
        self.sign_button.setAutoDefault(False)
        self.sign_button.setDefault(False)

        title = heading(tr("Vårdplan, version {0} (utkast)").format(plan.version), 2)
        insats = styled_label(
            tr("{0} · {1} · beslut {2}").format(
                decision.insats_label,
                decision.provider_name or tr("ingen utförare"),
                decision.decided_on,
            ),
            "muted",
        )
        goals_frame, goals_box = care_section(tr("Mål"))
        goals_box.addWidget(self.goals)
        plan_frame, plan_box = care_section(tr("Insats och period"))
        plan_form = form_layout()
        plan_form.addRow(tr("Insats"), styled_label(f"{decision.insats_label}, {decision.extent}"))
        period = QHBoxLayout()
        period.addWidget(self.period_from)
        period.addWidget(styled_label("–", wrap=False))
        period.addWidget(self.period_to, 1)
        plan_form.addRow(tr("Period"), period)
        plan_box.addLayout(plan_form)
        roles_frame, roles_box = care_section(tr("Vem gör vad"))
        roles_form = form_layout()
        for role, edit in self.roles.items():
            roles_form.addRow(ROLE_LABELS[role], edit)
        roles_box.addLayout(roles_form)
        client_frame, client_box = care_section(tr("Klientens delaktighet"))
        client_form = form_layout()
        client_form.addRow(tr("Så var klienten delaktig"), self.participation)
        client_form.addRow(tr("Klientens synpunkter"), self.client_view)
        client_form.addRow(tr("Barnens behov"), self.children_needs)
        client_box.addLayout(client_form)
        follow_frame, follow_box = care_section(tr("Uppföljning"))
        follow_form = form_layout()
        follow_form.addRow(tr("Följs upp senast"), self.follow_up_on)
        follow_form.addRow(tr("Så följs planen upp"), self.follow_up_how)
        follow_box.addLayout(follow_form)

        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 8, 0)
        box.setSpacing(10)
        for frame in (goals_frame, plan_frame, roles_frame, client_frame, follow_frame):
            box.addWidget(frame)
        box.addStretch(1)
        scroll = VerticalScroll(content)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        add_case_banner(self, plan.case_id)
        layout.addWidget(title)
        layout.addWidget(insats)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.session = DraftSession(
            self,
            self._runner,
            self._save_call,
            changes=CARE_CHANGES,
            status=self.status,
            error=self.error,
            saved=True,
        )
        self._load(plan)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(
            min(900, screen.width() - 40) if screen else 900,
            min(820, screen.height() - 60) if screen else 700,
        )

        self.goals.changed.connect(self.session.changed)
        self.period_from.dateChanged.connect(self.session.changed)
        self.period_to.changed.connect(self.session.changed)
        self.follow_up_on.dateChanged.connect(self.session.changed)
        for edit in (
            *self.roles.values(),
            self.participation,
            self.client_view,
            self.children_needs,
            self.follow_up_how,
        ):
            edit.textChanged.connect(self.session.changed)
        self.sign_button.clicked.connect(self.ask_sign)
        self.discard_button.clicked.connect(self.ask_discard)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.ask_sign)
        if self.goals.rows:
            self.goals.rows[0].text.setFocus()

    # -- content -------------------------------------------------------------------------------

    @property
    def plan_id(self) -> str:
        return self._plan.plan_id

    @property
    def dirty(self) -> bool:
        return self.session.dirty

    @property
    def confirm_box(self) -> QMessageBox | None:
        return self.session.confirm_box

    def resume_point(self) -> OpenEditor | None:
        """What to open again after an unlock: this draft version."""
        plan_id = self.plan_id
        return self.session.resume_point(EditorKind.CARE_PLAN, lambda: plan_id)

    def _load(self, plan: CarePlanView) -> None:
        self.goals.set_goals(tuple(GoalDraft(g.text, g.indicator) for g in plan.goals))
        texts: dict[ResponsibleRole, list[str]] = {}
        for item in plan.responsibilities:
            texts.setdefault(item.role, []).append(item.text)
        for role, edit in self.roles.items():
            edit.setPlainText("\n".join(texts.get(role, [])))
        self.participation.setPlainText(plan.client_participation)
        self.client_view.setPlainText(plan.client_view)
        self.children_needs.setPlainText(plan.children_needs)
        if (follow := parse_day(plan.follow_up_on)) is not None:
            self.follow_up_on.setDate(qdate(follow))
        self.follow_up_how.setPlainText(plan.follow_up_how)
        self.session.show_saved(plan.saved_utc)

    def draft(self) -> CarePlanDraft:
        return CarePlanDraft(
            goals=self.goals.goals(),
            responsibilities=tuple(
                Responsibility(role, edit.toPlainText()) for role, edit in self.roles.items()
            ),
            period_from=pydate(self.period_from.date()),
            period_to=self.period_to.value(),
            client_participation=self.participation.toPlainText(),
            client_view=self.client_view.toPlainText(),
            children_needs=self.children_needs.toPlainText(),
            follow_up_on=pydate(self.follow_up_on.date()),
            follow_up_how=self.follow_up_how.toPlainText(),
        )

    # -- the draft's life --------------------------------------------------------------------

    def save_now(self) -> None:
        """Save the draft now (the session does it a few seconds after the last change)."""
        self.session.save_now()

    def _save_call(self) -> Call:
        plans, case_id, plan_id, draft = self._plans, self._plan.case_id, self.plan_id, self.draft()
        return lambda: plans.save_draft(case_id, plan_id, draft)

    def ask_sign(self) -> None:
        if self.session.finished:
            return
        self.error.clear_message()
        self.session.ask(
            tr("Signera vårdplanen"),
            tr(
                "En signerad version kan inte ändras (efter en uppföljning görs en ny version). "
                "Signeringen skrivs i journalen. Signera?"
            ),
            tr("Signera"),
            self.sign_now,
        )

    def sign_now(self) -> None:
        plans, case_id, plan_id, draft = self._plans, self._plan.case_id, self.plan_id, self.draft()
        self.session.sign(
            lambda: plans.sign(case_id, plan_id, draft),
            busy=Busy(self.sign_button, tr("Signerar…"), (self.discard_button,)),
            changes=CARE_CHANGES,
            success=self._signed,
        )

    def _signed(self, _none: object) -> None:
        self.signed.emit(self.plan_id)
        self.accept()

    def ask_discard(self) -> None:
        self.session.ask(
            tr("Ta bort utkastet"),
            tr("Utkastet till vårdplanen tas bort och kan inte återskapas. Ta bort det?"),
            tr("Ta bort utkastet"),
            self.discard_now,
            safe_default=True,
        )

    def discard_now(self) -> None:
        plans, case_id, plan_id = self._plans, self._plan.case_id, self.plan_id
        self.session.discard(lambda: plans.discard_draft(case_id, plan_id))
        self.reject()

    def done(self, result: int) -> None:
        """Every way out saves what is left (queued behind a running save)."""
        self.session.close()
        super().done(result)
