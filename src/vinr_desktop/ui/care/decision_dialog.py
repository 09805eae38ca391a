"""Beslut: a decision drafted, saved and signed (read-only after), in one dialog.

Outcome (ansökt / beviljat / delvis / avslag), dates, legal ground from the configured list
(only those valid on the decision date for an adult or a child), insats type, provider
(filtered: no "egen insats" for skyddat boende, only providers that take children when
children come along; *Ny utförare…* adds one to the register without leaving the decision),
period, the date the decision is to be reconsidered (omprövning), extent and motivation. For
skyddat boende in a case with children, each child can be ticked: signing then also prepares
the child's own case and a draft decision (`DecisionService.prepare_child_placement`). In a
child's own skyddat boende decision, the child's needs and the guardians' consent, which decides
the grounds offered.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.communication import ADVERSE
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome, InsatsType
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.decision_children import (
    CaseChild,
    ChildPlacementBox,
    ChildrenBox,
    SignResult,
    sign_with_children,
)
from vinr_desktop.ui.care.provider_dialog import ProviderDialog
from vinr_desktop.ui.care.widgets import (
    CARE_CHANGES,
    CARE_STYLE,
    OptionalDate,
    parse_day,
    plain_date_edit,
    pydate,
    qdate,
)
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.dialogs import ask
from vinr_desktop.ui.common.forms import text_edit
from vinr_desktop.ui.common.layouts import VerticalScroll, keep_choice_readable
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    link_button,
    primary_button,
    styled_label,
)
from vinr_desktop.ui.letters.sign_reason import SignReasonDialog
from vinr_desktop.views.care import DecisionOptions, DecisionView


def tr(text: str) -> str:
    return QCoreApplication.translate("DecisionDialog", text)


class DecisionDialog(QDialog):
    """A new decision, a draft continued, or a signed decision shown read-only."""

    signed = Signal(object)  # SignResult

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        options: DecisionOptions,
        today: date,
        *,
        children: tuple[CaseChild, ...] = (),
        decision: DecisionView | None = None,
        writable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(CARE_STYLE)
        self._services, self._runner, self._case_id = services, runner, case_id
        self._options, self._today, self._children = options, today, children
        self._decision_id = decision.decision_id if decision is not None else None
        self._read_only = not writable or (decision is not None and not decision.is_draft)
        self.confirm_box: QMessageBox | None = None
        self.reason_dialog: SignReasonDialog | None = None  # kommunicering not complete
        self.provider_dialog: ProviderDialog | None = None
        self.setWindowTitle(tr("Beslut") if self._read_only else tr("Nytt beslut"))

        self.outcome = QComboBox()
        for outcome, label in options.outcomes:
            self.outcome.addItem(label, outcome.value)
        self.applied_on = plain_date_edit(today)
        self.decided_on = plain_date_edit(today)
        self.insats = QComboBox()
        self.insats.addItem(tr("Välj insats…"), "")
        for kind in options.insats_types:
            self.insats.addItem(kind.label, kind.code)
        self.ground = QComboBox()
        self.provider = QComboBox()
        self.new_provider_button = link_button(tr("Ny utförare…"))
        self.new_provider_button.setToolTip(
            tr("Lägg till en utförare i registret och välj den för beslutet")
        )
        self.provider_hint = styled_label("", "muted")
        self.period_from = plain_date_edit(today)
        self.period_to = OptionalDate(None, today, tr("Tills vidare"))
        self.review_on = OptionalDate(None, today, tr("Inget datum"))
        self.review_on.setToolTip(
            tr(
                "När beslutet ska omprövas, t.ex. efter tre månader. Nästa uppföljning föreslås "
                "senast då."
            )
        )
        self.extent = QLineEdit()
        self.extent.setMaxLength(500)
        self.extent.setPlaceholderText(tr("T.ex. 3 månader, 2 samtal i veckan"))
        self.motivation = text_edit(100)
        self.motivation.setPlaceholderText(
            tr("Varför beslutet fattas: behov, bedömning, klientens önskemål")
        )
        self.children_box = ChildrenBox(children)
        self.children_box.toggled.connect(self._filter_providers)
        self.placement_box = ChildPlacementBox()
        self.placement_box.consent_changed.connect(self._fill_grounds)
        self.signed_label = styled_label("", "muted")
        self.error = ErrorLabel()

        self.discard_button = QPushButton(tr("Ta bort utkastet"))
        self.save_button = QPushButton(tr("Spara utkast"))
        self.sign_button = primary_button(tr("Signera…"))
        self.sign_button.setToolTip(tr("Signera beslutet (Ctrl+Enter)"))
        self.close_button = QPushButton(tr("Stäng") if self._read_only else tr("Avbryt"))
        for button in (self.discard_button, self.save_button, self.close_button):
            button.setAutoDefault(False)

        for combo in (self.outcome, self.insats, self.ground, self.provider):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            keep_choice_readable(combo, 24)
        form = form_layout()
        form.addRow(tr("Beslut"), self.outcome)
        form.addRow(tr("Ansökan kom in"), self.applied_on)
        form.addRow(tr("Beslutsdatum"), self.decided_on)
        form.addRow(tr("Insats"), self.insats)
        form.addRow(tr("Lagrum"), self.ground)
        provider_row = QHBoxLayout()
        provider_row.addWidget(self.provider, 1)
        provider_row.addSpacing(10)
        provider_row.addWidget(self.new_provider_button)
        form.addRow(tr("Utförare"), provider_row)
        form.addRow("", self.provider_hint)
        period = QHBoxLayout()
        period.addWidget(self.period_from)
        period.addWidget(styled_label("–", wrap=False))
        period.addWidget(self.period_to, 1)
        form.addRow(tr("Period"), period)
        form.addRow(tr("Omprövas senast"), self.review_on)
        form.addRow(tr("Omfattning"), self.extent)
        form.addRow(tr("Motivering"), self.motivation)
        self._form = form
        content = QWidget()
        content_box = QVBoxLayout(content)
        content_box.setContentsMargins(0, 0, 8, 0)
        content_box.addLayout(form)
        content_box.addWidget(self.children_box)
        content_box.addWidget(self.placement_box)
        content_box.addStretch(1)
        scroll = VerticalScroll(content)
        buttons = QHBoxLayout()
        buttons.addWidget(self.signed_label, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        if decision is not None:
            self._load(decision)
        self._fill_grounds()
        self._filter_providers()
        self._outcome_changed()
        self._insats_changed()
        if self._read_only:
            self._make_read_only(decision)
        self.discard_button.setVisible(not self._read_only and self._decision_id is not None)
        self.resize(680, min(640, self._screen_height()))

        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.insats.currentIndexChanged.connect(self._insats_changed)
        self.decided_on.dateChanged.connect(lambda _d: self._fill_grounds())
        self.new_provider_button.clicked.connect(self.new_provider)
        self.save_button.clicked.connect(self.save_draft)
        self.sign_button.clicked.connect(self.ask_sign)
        self.discard_button.clicked.connect(self.discard)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.ask_sign)
        self.outcome.setFocus()

    def _screen_height(self) -> int:
        screen = self.screen()
        return screen.availableGeometry().height() - 60 if screen is not None else 700

    # -- form ----------------------------------------------------------------------------------

    def _load(self, d: DecisionView) -> None:
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(d.outcome.value)))
        for edit, text in (
            (self.applied_on, d.applied_on),
            (self.decided_on, d.decided_on),
            (self.period_from, d.period_from),
        ):
            if (value := parse_day(text)) is not None:
                edit.setDate(qdate(value))
        self.period_to.set_value(parse_day(d.period_to))
        if not d.period_to and not d.period_from:
            self.period_to.set_value(None)
        self.review_on.set_value(parse_day(d.review_on))
        self.insats.setCurrentIndex(max(0, self.insats.findData(d.insats_type)))
        self._wanted_ground = d.legal_ground
        self._wanted_provider = d.provider_id or ""
        self.extent.setText(d.extent)
        self.motivation.setPlainText(d.motivation)
        self.children_box.set_checked({c.person_id for c in d.children_along})
        self.placement_box.set_value(d.child_needs, d.guardian_consent)

    def _insats_type(self) -> InsatsType | None:
        code = self.insats.currentData()
        return next((t for t in self._options.insats_types if t.code == code), None)

    def _fill_grounds(self) -> None:
        wanted = str(self.ground.currentData() or getattr(self, "_wanted_ground", ""))
        self.ground.blockSignals(True)
        self.ground.clear()
        self.ground.addItem(tr("Välj lagrum…"), "")
        day = pydate(self.decided_on.date())
        grounds = (
            self._options.shelter_grounds_on(day, self.placement_box.value()[1])
            if self._child_placement()
            else self._options.grounds_on(day)
        )
        for ground in grounds:
            self.ground.addItem(ground.text, ground.code)
            self.ground.setItemData(
                self.ground.count() - 1, ground.text, Qt.ItemDataRole.ToolTipRole
            )
        self.ground.setCurrentIndex(max(0, self.ground.findData(wanted)))
        self.ground.blockSignals(False)

    def _filter_providers(self) -> None:
        """Shelter: no "egen insats"; children along: only providers that take children."""
        kind = self._insats_type()
        with_children = self.children_box.any_checked()
        wanted = str(self.provider.currentData() or getattr(self, "_wanted_provider", ""))
        self.provider.blockSignals(True)
        self.provider.clear()
        self.provider.addItem(tr("Välj utförare…"), "")
        hidden = 0
        for p in self._options.providers:
            fits = not (kind is not None and kind.shelter and p.own) and (
                p.takes_children or not with_children or p.own
            )
            if fits or p.provider_id == wanted:
                self.provider.addItem(f"{p.name} ({p.kind_label})", p.provider_id)
            else:
                hidden += 1
        self.provider.setCurrentIndex(max(0, self.provider.findData(wanted)))
        self.provider.blockSignals(False)
        hints = []
        if hidden:
            hints.append(
                tr("Visar utförare som tar emot barn.")
                if with_children
                else tr("Egen insats visas inte för skyddat boende.")
            )
        if not self._options.providers:
            hints.append(tr("Registret har inga utförare än: lägg till en med Ny utförare…"))
        self.provider_hint.setText(" ".join(hints))
        self._form.setRowVisible(self.provider_hint, bool(hints))

    def _outcome_changed(self) -> None:
        outcome = DecisionOutcome(self.outcome.currentData())
        self.decided_on.setEnabled(outcome is not DecisionOutcome.APPLIED and not self._read_only)
        self.sign_button.setEnabled(outcome is not DecisionOutcome.APPLIED)

    def _insats_changed(self) -> None:
        kind = self._insats_type()
        self.children_box.setVisible(
            bool(self.children_box.boxes) and kind is not None and kind.shelter
        )
        self.placement_box.setVisible(self._child_placement())
        self._fill_grounds()
        self._filter_providers()

    def _child_placement(self) -> bool:
        """A child's own skyddat boende decision: needs and consent asked, grounds follow."""
        kind = self._insats_type()
        return self._options.is_child_case and kind is not None and kind.shelter

    def children_along(self) -> tuple[str, ...]:
        kind = self._insats_type()
        if kind is None or not kind.shelter:
            return ()
        return self.children_box.checked()

    def draft(self) -> DecisionDraft:
        outcome = DecisionOutcome(self.outcome.currentData())
        provider = str(self.provider.currentData() or "")
        needs, consent = self.placement_box.value()
        return DecisionDraft(
            outcome=outcome,
            applied_on=pydate(self.applied_on.date()),
            decided_on=None
            if outcome is DecisionOutcome.APPLIED
            else pydate(self.decided_on.date()),
            legal_ground=str(self.ground.currentData() or ""),
            insats_type=str(self.insats.currentData() or ""),
            provider_id=provider or None,
            period_from=pydate(self.period_from.date()),
            period_to=self.period_to.value(),
            extent=self.extent.text(),
            motivation=self.motivation.toPlainText(),
            children_along=self.children_along(),
            review_on=self.review_on.value(),
            child_needs=needs if self._child_placement() else "",
            guardian_consent=consent if self._child_placement() else "",
        )

    def _make_read_only(self, decision: DecisionView | None) -> None:
        for widget in (self.outcome, self.insats, self.ground, self.provider):
            widget.setEnabled(False)
        edits: tuple[QDateEdit, ...] = (self.applied_on, self.decided_on, self.period_from)
        for edit in edits:
            edit.setEnabled(False)
        self.period_to.setEnabled(False)
        self.review_on.setEnabled(False)
        self.new_provider_button.hide()
        self.extent.setReadOnly(True)
        self.motivation.setReadOnly(True)
        self.children_box.set_read_only()
        self.placement_box.set_read_only()
        for button in (self.save_button, self.sign_button, self.discard_button):
            button.hide()
        self.close_button.setDefault(True)
        if decision is not None and decision.signed_utc:
            self.signed_label.setText(
                tr("Signerat av {0}. Ett signerat beslut kan inte ändras.").format(
                    decision.signed_by
                )
            )

    # -- a new provider, without leaving the decision --------------------------------------

    def new_provider(self) -> None:
        """Open the provider form; once saved, the provider is in the list and chosen."""
        providers = self._services.care.providers
        self.error.clear_message()
        self._runner.run(
            providers.kinds,
            parent=self,
            success=self._open_provider_dialog,
            failure=self.error.show_message,
        )

    def _open_provider_dialog(self, kinds: object) -> None:
        dialog = ProviderDialog(
            self._services.care.providers,
            self._runner,
            kinds,  # type: ignore[arg-type]
            None,
            self,
        )
        dialog.saved.connect(self._provider_added)
        self.provider_dialog = dialog
        dialog.open()

    def _provider_added(self, provider_id: str) -> None:
        decisions, case_id = self._services.care.decisions, self._case_id

        def show(options: DecisionOptions) -> None:
            self._options = options
            self._wanted_provider = provider_id
            self.provider.setCurrentIndex(-1)
            self._filter_providers()
            self.provider.setCurrentIndex(max(0, self.provider.findData(provider_id)))

        self._runner.run(
            lambda: decisions.options(case_id),
            parent=self,
            success=show,
            failure=self.error.show_message,
        )

    # -- actions -------------------------------------------------------------------------------

    def save_draft(self) -> None:
        self.error.clear_message()
        decisions, case_id, draft, current = (
            self._services.care.decisions,
            self._case_id,
            self.draft(),
            self._decision_id,
        )
        self._runner.run(
            lambda: decisions.save_draft(case_id, current, draft),
            parent=self,
            success=lambda _id: self.accept(),
            failure=self.error.show_message,
            busy=Busy(self.save_button, tr("Sparar…"), (self.sign_button,)),
            changes=CARE_CHANGES,
        )

    def ask_sign(self) -> None:
        if self._read_only or not self.sign_button.isEnabled():
            return
        self.error.clear_message()
        draft = self.draft()
        if draft.outcome in ADVERSE:  # kommunicering first: a reason if it is not complete
            decisions, case_id, current = (
                self._services.care.decisions,
                self._case_id,
                self._decision_id,
            )
            self._runner.run(
                lambda: decisions.communication_warning(case_id, current, draft),
                parent=self,
                success=self._confirm_sign,
                failure=self.error.show_message,
            )
            return
        self._confirm_sign(None)

    def _confirm_sign(self, warning: str | None) -> None:
        if warning:
            self.reason_dialog = SignReasonDialog(warning, self)
            self.reason_dialog.chosen.connect(self.sign_now)
            self.reason_dialog.open()
            return
        children = len(self.children_along())
        text = tr("Ett signerat beslut kan inte ändras och skrivs i journalen. Signera?")
        if children:
            text += "\n\n" + tr(
                "Barn som följer med: {0}. Varje barn får ett eget ärende med ett utkast till "
                "beslut, som du fyller i och signerar där."
            ).format(children)
        self.confirm_box = ask(
            self,
            tr("Signera beslutet"),
            text,
            tr("Signera"),
            self.sign_now,
        )

    def sign_now(self, reason: str = "") -> None:
        """Sign (after the confirmation), then prepare each ticked child's case and draft.
        `reason`: why a decision going against her is signed without complete kommunicering."""
        decisions = self._services.care.decisions
        case_id, current, draft = self._case_id, self._decision_id, self.draft()

        def call() -> SignResult:
            return sign_with_children(decisions, case_id, current, draft, reason)

        self._runner.run(
            call,
            parent=self,
            success=self._signed,
            failure=self.error.show_message,
            busy=Busy(self.sign_button, tr("Signerar…"), (self.save_button, self.discard_button)),
            changes=CARE_CHANGES | {"cases"},
        )

    def _signed(self, result: SignResult) -> None:
        self.signed.emit(result)
        if result.child_error:
            self._decision_id = result.decision_id
            self._read_only = True
            self._make_read_only(None)
            self.error.show_message(
                tr("Beslutet är signerat, men barnets ärende kunde inte skapas: {0}").format(
                    result.child_error
                )
            )
            return
        self.accept()

    def discard(self) -> None:
        if self._decision_id is None:
            return
        decisions, case_id, decision_id = (
            self._services.care.decisions,
            self._case_id,
            self._decision_id,
        )
        self._runner.run(
            lambda: decisions.discard_draft(case_id, decision_id),
            parent=self,
            success=lambda _none: self.accept(),
            failure=self.error.show_message,
            busy=Busy(self.discard_button, tr("Tar bort…")),
            changes=CARE_CHANGES,
        )
