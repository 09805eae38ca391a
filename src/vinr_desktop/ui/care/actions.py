"""What the Insatser tab's buttons do: open the decision, vårdplan, genomförandeplan and
follow-up dialogs (after loading what each needs through the runner) and print documents.

One object per tab; it keeps the last dialog it opened (`dialog`) so tests and screenshots can
reach it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from vinr_desktop.domain.cases import STATUS_LABELS, CaseStatus
from vinr_desktop.domain.follow_ups import FollowUpDecision
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.decision_children import CaseChild, SignResult
from vinr_desktop.ui.care.decision_dialog import DecisionDialog
from vinr_desktop.ui.care.decision_end import EndInsatsDialog
from vinr_desktop.ui.care.disclosure_dialog import DisclosureDialog
from vinr_desktop.ui.care.follow_up_dialog import FollowUpDialog
from vinr_desktop.ui.care.implementation_plan import ReceivedDialog, RequestDialog
from vinr_desktop.ui.care.plan_editor import CarePlanEditor
from vinr_desktop.ui.care.plan_viewer import CarePlanViewer
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.operations import OperationRunner, show_error
from vinr_desktop.ui.letters.actions import LetterActions
from vinr_desktop.views.care import (
    CarePlanView,
    DecisionOptions,
    DecisionView,
    FollowUpForm,
    FollowUpView,
    ImplementationPlanView,
    InsatsOverview,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("CareActions", text)


class CareActions(QObject):
    """Opens the care dialogs of one case over `parent`."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._services, self._runner, self._case_id, self._today = services, runner, case_id, today
        self._parent = parent
        self.case_children: tuple[CaseChild, ...] = ()
        self.reminder_days = 14
        self.interval_months = 6
        self.writable = False
        self.printer = DocumentPrinter(services.documents, runner, parent)
        self.letters = LetterActions(services, runner, case_id, today, self.printer, parent)
        self.dialog: QDialog | None = None
        self.question: QMessageBox | None = None

    def _run(self, fn: object, success: object) -> None:
        self._runner.run(
            fn,  # type: ignore[arg-type]
            parent=self._parent,
            success=success,  # type: ignore[arg-type]
            failure=lambda message: show_error(self._parent, message),
        )

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    # -- decisions -----------------------------------------------------------------------------

    def new_decision(self) -> None:
        decisions, case_id = self._services.care.decisions, self._case_id
        self._run(lambda: decisions.options(case_id), lambda o: self._decision_dialog(o, None))

    def open_decision(self, decision: DecisionView) -> None:
        decisions, case_id = self._services.care.decisions, self._case_id
        self._run(lambda: decisions.options(case_id), lambda o: self._decision_dialog(o, decision))

    def _decision_dialog(self, options: DecisionOptions, decision: DecisionView | None) -> None:
        dialog = DecisionDialog(
            self._services,
            self._runner,
            self._case_id,
            options,
            self._today,
            children=self.case_children,
            decision=decision,
            writable=self.writable,
            parent=self._parent,
        )
        dialog.signed.connect(self._after_decision)
        self._open(dialog)

    def _after_decision(self, result: SignResult) -> None:
        """A signed decision in a case that still says "Aktualiserad" (or "Utredning" after
        an insats was granted): ask to move the case on; the move is journalled."""
        cases, case_id, decision_id = self._services.cases, self._case_id, result.decision_id

        def load() -> tuple[CaseStatus, CaseStatus] | None:
            target = cases.status_after_decision(case_id, decision_id)
            return None if target is None else (cases.details(case_id).status, target)

        self._run(load, lambda found: self._ask_move(decision_id, found))

    def _ask_move(self, decision_id: str, found: tuple[CaseStatus, CaseStatus] | None) -> None:
        if found is None:
            return
        current, target = found
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Ärendets status"),
            tr(
                "Beslutet är signerat, men ärendet står som {0}. Flytta ärendet till {1}?\n\n"
                "Statusändringen skrivs i journalen."
            ).format(STATUS_LABELS[current], STATUS_LABELS[target]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._parent,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(
            tr("Flytta till {0}").format(STATUS_LABELS[target])
        )
        box.button(QMessageBox.StandardButton.No).setText(tr("Inte nu"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cases, case_id = self._services.cases, self._case_id

        def move() -> None:
            self._runner.run(
                lambda: cases.advance_after_decision(case_id, decision_id),
                parent=self._parent,
                failure=lambda message: show_error(self._parent, message),
                changes={"cases", "journal"},
            )

        box.accepted.connect(move)
        box.finished.connect(lambda _code: self._forget_question(box))
        self.question = box
        box.open()

    def _forget_question(self, box: QMessageBox) -> None:
        if self.question is box:
            self.question = None

    def end_insats(self, decision: DecisionView) -> None:
        decisions, case_id = self._services.care.decisions, self._case_id

        def show(options: DecisionOptions) -> None:
            self._open(
                EndInsatsDialog(
                    self._services,
                    self._runner,
                    case_id,
                    decision,
                    options.closing_reasons,
                    self._today,
                    self._parent,
                )
            )

        self._run(lambda: decisions.options(case_id), show)

    # -- vårdplan ------------------------------------------------------------------------------

    def edit_plan(self, item: InsatsOverview) -> None:
        """Continue the draft, or start version 1 / the next version, and open the editor."""
        plans, case_id, decision = self._services.care.care_plans, self._case_id, item.decision
        draft = item.care_plan_draft

        def load() -> CarePlanView:
            plan_id = draft.plan_id if draft else plans.start(case_id, decision.decision_id)
            return plans.get(case_id, plan_id)

        self._runner.run(
            load,
            parent=self._parent,
            success=lambda plan: self._plan_editor(plan, decision),
            failure=lambda message: show_error(self._parent, message),
            changes={"care"} if draft is None else (),
        )

    def _plan_editor(self, plan: CarePlanView, decision: DecisionView) -> None:
        self._open(
            CarePlanEditor(
                self._services.care.care_plans,
                self._runner,
                plan,
                decision,
                self._today,
                self._parent,
                interval_months=self.interval_months,
            )
        )

    def reopen_plan(self, plan_id: str) -> None:
        """Open the editor again on a draft version (after an unlock)."""
        care, case_id = self._services.care, self._case_id

        def load() -> tuple[CarePlanView, DecisionView]:
            plan = care.care_plans.get(case_id, plan_id)
            return plan, care.decisions.get(case_id, plan.decision_id)

        self._run(load, lambda loaded: self._plan_editor(*loaded))

    def view_plan(self, item: InsatsOverview) -> None:
        plans, case_id, decision_id = (
            self._services.care.care_plans,
            self._case_id,
            item.decision.decision_id,
        )

        def show(versions: tuple) -> None:  # type: ignore[type-arg]
            viewer = CarePlanViewer(
                plans,
                self._runner,
                case_id,
                versions,
                may_start_new=self.writable and item.care_plan_draft is None,
                parent=self._parent,
            )
            viewer.print_requested.connect(self.print_plan)
            viewer.new_version_requested.connect(lambda: self.edit_plan(item))
            self._open(viewer)

        self._run(lambda: plans.versions(case_id, decision_id), show)

    def print_plan(self, plan_id: str) -> None:
        self.printer.case_document(DocumentKind.CARE_PLAN, self._case_id, plan_id)

    def record_disclosure(self, decision: DecisionView) -> None:
        """The basis for giving the decision's provider the client's details."""
        self._open(
            DisclosureDialog(self._services, self._runner, self._case_id, decision, self._parent)
        )

    def print_assignment(self, decision: DecisionView) -> None:
        self.printer.case_document(DocumentKind.ASSIGNMENT, self._case_id, decision.decision_id)

    # -- genomförandeplan ----------------------------------------------------------------------

    def request_plan(self, decision: DecisionView, again: bool) -> None:
        self._open(
            RequestDialog(
                self._services,
                self._runner,
                self._case_id,
                decision,
                self.reminder_days,
                self._today,
                again=again,
                parent=self._parent,
            )
        )

    def receive_plan(self, decision: DecisionView, current: ImplementationPlanView | None) -> None:
        self._open(
            ReceivedDialog(
                self._services,
                self._runner,
                self._case_id,
                decision,
                current,
                self._today,
                self._parent,
            )
        )

    def print_implementation(self, decision: DecisionView) -> None:
        self.printer.case_document(
            DocumentKind.IMPLEMENTATION_PLAN, self._case_id, decision.decision_id, Recipient.FILE
        )

    # -- uppföljning ---------------------------------------------------------------------------

    def new_follow_up(self, decision: DecisionView, draft: FollowUpView | None = None) -> None:
        follow_ups, case_id = self._services.care.follow_ups, self._case_id

        def show(form: FollowUpForm) -> None:
            dialog = FollowUpDialog(
                follow_ups, self._runner, case_id, decision, form, self._today, self._parent
            )
            if draft is not None:
                dialog.load_draft(draft)
            dialog.signed.connect(lambda choice: self._after_follow_up(decision, choice))
            self._open(dialog)

        self._run(lambda: follow_ups.form(case_id, decision.decision_id), show)

    def _after_follow_up(self, decision: DecisionView, choice: FollowUpDecision | None) -> None:
        if choice is FollowUpDecision.END:
            self.end_insats(decision)
        elif choice is FollowUpDecision.CHANGE:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                tr("Ny version av vårdplanen"),
                tr("Insatsen ändras. Påbörja en ny version av vårdplanen nu?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self._parent,
            )
            box.button(QMessageBox.StandardButton.Yes).setText(tr("Påbörja ny version"))
            box.button(QMessageBox.StandardButton.No).setText(tr("Senare"))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            plans, case_id = self._services.care.care_plans, self._case_id

            def start() -> None:
                self._runner.run(
                    lambda: plans.get(case_id, plans.start(case_id, decision.decision_id)),
                    parent=self._parent,
                    success=lambda plan: self._plan_editor(plan, decision),
                    failure=lambda message: show_error(self._parent, message),
                    changes={"care"},
                )

            box.accepted.connect(start)
            self.question = box
            box.open()

    def print_follow_up(self, follow_up_id: str) -> None:
        self.printer.case_document(
            DocumentKind.FOLLOW_UP, self._case_id, follow_up_id, Recipient.FILE
        )

    def case_summary(self) -> None:
        self.printer.case_document(
            DocumentKind.CASE_SUMMARY, self._case_id, self._case_id, Recipient.FILE
        )
