"""Performing an assessment: one section at a time, with the steps listed on the side.

The checklist's sections come first (or the external result's form), then the end pages: the
victim's own estimate, protective factors, the professional judgement with its motivation (the
count beside it as support only), actions and the next assessment, and signing. Everything is
reachable from the keyboard: Ctrl+Enter or Alt+N goes to the next step, Alt+B back, the step
list can be walked with the arrow keys.

The draft is saved by itself a few seconds after each change, when the step changes and when
the dialog closes (`risk.save_draft` through the runner, never overlapping). Signing asks first;
a signed assessment is shown read-only under a "Signerad" banner, with Skriv ut / spara som PDF.
The window title says only "Bedömning": nothing of the case goes into a title.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.persons import ROLE_LABELS
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.domain.risk import Answer, AssessmentDraft, support_count
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.risk.assessments import RiskService
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.draft_session import Call, DraftSession
from vinr_desktop.ui.common.layouts import VerticalScroll
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.resume import EditorKind, OpenEditor
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.ui.risk.assessment_build import Page, StepList, build_pages
from vinr_desktop.ui.risk.assessment_end_pages import sign_question
from vinr_desktop.ui.risk.dialogs import fit_to_screen
from vinr_desktop.views.risk import AssessmentView

DIALOG_STYLE = """
QListWidget#Steps { background: #eef1f5; border: 1px solid #c8d0da; border-radius: 4px;
    font-size: 10.5pt; }
QListWidget#Steps::item { padding: 6px 8px; }
QListWidget#Steps::item:selected { background: #2f5d8a; color: white; }
QFrame#SignedBanner { background: #e8f3ec; border: 1px solid #a9cdb5; border-radius: 4px; }
QLabel#SignedText { color: #1e5631; font-weight: 700; }
"""


RISK = frozenset({"risk"})


def tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentDialog", text)


class AssessmentDialog(QDialog):
    """One assessment: a draft to fill in, or a signed one to read."""

    signed = Signal(str)  # the assessment's id, after signing
    plan_requested = Signal(str)  # the person's id: open her säkerhetsplan

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        view: AssessmentView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Bedömning"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumSize(640, 460)
        self._services, self._runner, self._today = services, runner, today
        self.view = view
        self.pages: list[Page] = []

        self.title = heading("", 2)
        self.subtitle = styled_label("", "muted")
        self.banner = QFrame()
        self.banner.setObjectName("SignedBanner")
        self.banner_text = styled_label("")
        self.banner_text.setObjectName("SignedText")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 6, 12, 6)
        banner_layout.addWidget(self.banner_text, 1)
        self.steps = StepList()
        self.stack = QStackedWidget()
        self.status = styled_label("", "muted", wrap=False)
        self.error = ErrorLabel()
        self.back_button = QPushButton(tr("← Bakåt"))
        self.back_button.setToolTip(tr("Föregående steg (Alt+B)"))
        self.next_button = QPushButton(tr("Nästa →"))
        self.next_button.setToolTip(tr("Nästa steg (Ctrl+Enter eller Alt+N)"))
        self.print_button = QPushButton(tr("Skriv ut / spara som PDF…"))
        self.discard_button = QPushButton(tr("Ta bort utkastet…"))
        self.close_button = QPushButton(tr("Stäng"))
        self.close_button.setToolTip(tr("Stäng – utkastet sparas (Esc)"))
        for button in (
            self.back_button, self.next_button, self.print_button, self.discard_button,
            self.close_button,
        ):  # fmt: skip
            button.setAutoDefault(False)

        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        add_case_banner(self, view.case_id)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.session = DraftSession(
            self,
            self._runner,
            self._save_call,
            changes=RISK,
            status=self.status,
            error=self.error,
            on_saved=lambda _saved_utc: self.error.clear_message(),
        )
        if not view.editable:
            self.session.finish()
        self.steps.currentRowChanged.connect(lambda row: self.go(row, focus=False))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.forward)
        self.close_button.clicked.connect(self.reject)
        self.print_button.clicked.connect(self.print_assessment)
        self.discard_button.clicked.connect(self.ask_discard)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Alt+N"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.forward)
        QShortcut(QKeySequence("Alt+B"), self).activated.connect(self.back)

        self._populate(view)
        fit_to_screen(self, 1120, 740)
        # A draft starts at its first section; a signed assessment at its judgement.
        start = 0 if view.editable else self.pages.index(self.judgement_page)
        QTimer.singleShot(0, self, lambda: self.go(start))

    # -- building --------------------------------------------------------------------------

    def _populate(self, view: AssessmentView) -> None:
        """(Re)build every page from `view` (after signing: read-only)."""
        self.view = view
        instrument = view.instrument
        self.title.setText(instrument.title)
        role = ROLE_LABELS.get(view.person_role, "").lower()
        self.subtitle.setText(
            tr("Gäller: {0} ({1})   ·   Gjord av {2}").format(view.person_name, role, view.author)
        )
        self.banner.setVisible(not view.is_draft)
        if not view.is_draft:
            self.banner_text.setText(
                tr("Signerad {0} av {1}. Bedömningen kan inte ändras.").format(
                    view.signed_on or "", view.author
                )
            )
        self.print_button.setVisible(not view.is_draft)
        self.discard_button.setVisible(view.editable)
        while self.stack.count():
            old = self.stack.widget(0)
            if old is None:
                break
            self.stack.removeWidget(old)
            old.deleteLater()
        self.steps.clear_quietly()
        built = build_pages(view, self._today)
        self.pages = []
        self.section_pages = built.section_pages
        self.external_page = built.external_page
        self.victim_page = built.victim_page
        self.protective_page = built.protective_page
        self.judgement_page = built.judgement_page
        self.actions_page = built.actions_page
        self.sign_page = built.sign_page
        for page in built.ordered:
            self._add(page)
        self.actions_page.plan_requested.connect(lambda: self.plan_requested.emit(view.person_id))
        self.sign_page.sign_requested.connect(self.ask_sign)
        self._update_steps()
        if view.is_draft:
            self.session.show_saved(view.saved_utc)
        else:
            self.status.setText("")

    def _add(self, page: Page) -> None:
        scroll = VerticalScroll(page)
        self.stack.addWidget(scroll)
        self.pages.append(page)
        self.steps.addItem(page.title)
        page.changed.connect(self._changed)

    def _update_steps(self) -> None:
        self.steps.show_progress(self.pages)

    # -- moving between steps --------------------------------------------------------------

    @property
    def current_index(self) -> int:
        return self.stack.currentIndex()

    def current_page(self) -> Page:
        return self.pages[self.current_index]

    def go(self, index: int, *, focus: bool = True) -> None:
        if not 0 <= index < len(self.pages):
            return
        if self.session.dirty:
            self.save_now()
        self.stack.setCurrentIndex(index)
        self.steps.select_quietly(index)
        last = index == len(self.pages) - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(not last)
        page = self.pages[index]
        if page is self.judgement_page:
            self.judgement_page.show_support(support_count(self.view.instrument, self.answers()))
        if page is self.sign_page:
            self._check_missing()
        if focus:
            page.focus_first()

    def forward(self) -> None:
        self.go(self.current_index + 1)

    def back(self) -> None:
        self.go(self.current_index - 1)

    # -- the draft -------------------------------------------------------------------------

    def answers(self) -> dict[str, Answer]:
        found: dict[str, Answer] = {}
        for page in self.section_pages:
            found.update(page.answers())
        return found

    def draft(self) -> AssessmentDraft:
        return AssessmentDraft(
            assessed_on=self.sign_page.assessed_date(),
            answers=self.answers(),
            field_values=self.external_page.values() if self.external_page else {},
            victim_estimate=self.victim_page.value() if self.victim_page else "",
            victim_level=self.victim_page.level() if self.victim_page else None,
            protective_factors=self.protective_page.value() if self.protective_page else "",
            judgement=self.judgement_page.judgement(),
            motivation=self.judgement_page.motivation_text(),
            actions=self.actions_page.actions_text(),
            next_assessment_on=self.actions_page.next_date(),
        )

    def resume_point(self) -> OpenEditor | None:
        """What to open again after an unlock: this draft assessment."""
        assessment_id = self.view.assessment_id
        return self.session.resume_point(EditorKind.ASSESSMENT, lambda: assessment_id)

    def _changed(self) -> None:
        self._update_steps()
        self.session.changed()

    @property
    def dirty(self) -> bool:
        return self.session.dirty

    @property
    def confirm_box(self) -> QMessageBox | None:
        return self.session.confirm_box

    def _target(self) -> tuple[RiskService, str, str]:
        return self._services.risk, self.view.case_id, self.view.assessment_id

    def save_now(self) -> None:
        """Save the draft now (the session does it a few seconds after the last change)."""
        self.session.save_now()

    def _save_call(self) -> Call:
        risk, case_id, assessment_id = self._target()
        draft = self.draft()
        return lambda: risk.save_draft(case_id, assessment_id, draft)

    def _check_missing(self) -> None:
        page = self.sign_page
        page.show_summary(
            self.view.instrument.judgement_label,
            self.judgement_page.judgement(),
            self.actions_page.next_date(),
            self.view.instrument.level_label,
        )
        if not self.view.editable:
            return
        risk, case_id, assessment_id = self._target()
        draft = self.draft()
        self._runner.run(
            lambda: risk.missing(case_id, assessment_id, draft),
            parent=self,
            success=page.show_missing,
            failure=self.error.show_message,
        )

    # -- signing ---------------------------------------------------------------------------

    def ask_sign(self) -> None:
        if self.session.finished:
            return
        self.error.clear_message()
        instrument = self.view.instrument
        question = sign_question(
            instrument.judgement_label, self.judgement_page.judgement(), instrument.level_label
        )
        self.session.ask(tr("Signera bedömningen"), question, tr("Signera"), self.sign_now)

    def sign_now(self) -> None:
        """Sign without asking again (after the confirmation)."""
        risk, case_id, assessment_id = self._target()
        draft = self.draft()
        self.session.sign(
            lambda: risk.sign(case_id, assessment_id, draft),
            busy=Busy(self.sign_page.sign_button, tr("Signerar…"), (self.close_button,)),
            changes=frozenset({"risk", "journal", "cases"}),
            success=self._signed,
            failure=self._sign_failed,
        )

    def _sign_failed(self, message: str) -> None:
        self.error.show_message(message)
        self._check_missing()

    def _signed(self, view: AssessmentView) -> None:
        self.signed.emit(view.assessment_id)
        self._populate(view)
        self.go(len(self.pages) - 1, focus=False)
        self.activateWindow()  # the confirmation's focus target (the sign button) is gone
        self.close_button.setFocus()

    def print_assessment(self) -> None:
        self.printer = DocumentPrinter(self._services.documents, self._runner, self)
        self.printer.case_document(
            DocumentKind.RISK_ASSESSMENT, self.view.case_id, self.view.assessment_id, Recipient.FILE
        )

    def ask_discard(self) -> None:
        self.session.ask(
            tr("Ta bort utkastet"),
            tr("Utkastet till bedömningen tas bort och kan inte återskapas. Ta bort det?"),
            tr("Ta bort utkastet"),
            self.discard_now,
            safe_default=True,
        )

    def discard_now(self) -> None:
        """Throw the draft away (after the confirmation) and close."""
        risk, case_id, assessment_id = self._target()
        self.session.discard(lambda: risk.discard_draft(case_id, assessment_id))
        self.reject()

    # -- closing ---------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Every way out (Stäng, Escape, the window's ✕) saves what is left."""
        self.session.close()
        super().done(result)
