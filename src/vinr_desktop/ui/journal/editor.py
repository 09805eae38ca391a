"""Writing a journal entry: event date, kind, source, text; saved as a draft by itself.

The draft's life (saved a few seconds after a change and at close, signed or thrown away after
a question) is a `DraftSession`. Its id lives in `_DraftSlot`, written on the database thread
by the save itself, so a save queued behind a running one (at close) updates the same draft
instead of creating a second.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.journal import (
    KIND_LABELS,
    SOURCE_LABELS,
    WRITABLE_KINDS,
    WRITABLE_SOURCES,
    EntryDraft,
    EntryKind,
    SourceKind,
)
from vinr_desktop.services.journal.journal import JournalService
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.draft_session import Call, DraftSession
from vinr_desktop.ui.common.forms import date_edit, date_of, text_edit
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.resume import EditorKind, OpenEditor
from vinr_desktop.ui.common.widgets import ErrorLabel, form_layout, primary_button, styled_label
from vinr_desktop.views.cases import JournalEntryView

NEEDS_DETAIL = (SourceKind.OTHER_PERSON, SourceKind.AUTHORITY)
JOURNAL = frozenset({"journal"})


def tr(text: str) -> str:
    return QCoreApplication.translate("JournalEditor", text)


class _DraftSlot:
    """The draft's id in the store, shared by the queued calls of one editor."""

    def __init__(self, entry_id: int | None) -> None:
        self.entry_id = entry_id

    def save(self, journal: JournalService, case_id: str, draft: EntryDraft) -> int:
        self.entry_id = journal.save_draft(case_id, self.entry_id, draft)
        return self.entry_id

    def sign(self, journal: JournalService, case_id: str, draft: EntryDraft) -> int:
        self.entry_id = journal.sign(case_id, self.entry_id, draft)
        return self.entry_id

    def discard(self, journal: JournalService, case_id: str) -> None:
        if self.entry_id is not None:
            journal.discard_draft(case_id, self.entry_id)
        self.entry_id = None


class JournalEditor(QDialog):
    """A new entry, or one of the user's own drafts continued."""

    saved = Signal(int)  # a draft was saved (its id)
    signed = Signal(int)  # the entry was signed (its id)
    discarded = Signal()

    def __init__(
        self,
        journal: JournalService,
        runner: OperationRunner,
        case_id: str,
        today: date,
        draft: JournalEntryView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Journalanteckning"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(640, 520)
        self._journal, self._runner, self._case_id = journal, runner, case_id
        self._slot = _DraftSlot(draft.entry_id if draft is not None else None)

        self.event_date = date_edit(today, today)
        self.kind = QComboBox()
        for kind in WRITABLE_KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind.value)
        self.source = QComboBox()
        self.source.addItem(tr("Välj uppgiftslämnare…"), "")
        for source in WRITABLE_SOURCES:
            self.source.addItem(SOURCE_LABELS[source], source.value)
        self.source_detail = QLineEdit()
        self.source_detail.setMaxLength(200)
        # The field beside the source says what it asks for ("Vem", "Vilken myndighet").
        self.source_detail_label = styled_label(tr("Vem"), wrap=False)
        self.source_detail_label.setBuddy(self.source_detail)
        self.text = text_edit(220)
        self.text.setTabChangesFocus(False)
        self.status = styled_label("", "muted", wrap=False)
        self.error = ErrorLabel()
        self.sign_button = primary_button(tr("Signera"))
        self.sign_button.setToolTip(tr("Signera (Ctrl+Enter)"))
        self.sign_button.setAutoDefault(False)
        self.sign_button.setDefault(False)
        self.discard_button = QPushButton(tr("Ta bort utkastet"))
        self.discard_button.setAutoDefault(False)
        self.close_button = QPushButton(tr("Stäng"))
        self.close_button.setAutoDefault(False)
        self.close_button.setToolTip(tr("Stäng – utkastet sparas"))

        form = form_layout()
        top = QHBoxLayout()
        top.addWidget(self.event_date)
        top.addSpacing(20)
        top.addWidget(styled_label(tr("Typ"), wrap=False))
        top.addSpacing(6)
        top.addWidget(self.kind, 1)
        form.addRow(tr("Datum för händelsen"), top)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addSpacing(12)
        source_row.addWidget(self.source_detail_label)
        source_row.addSpacing(6)
        source_row.addWidget(self.source_detail, 2)
        form.addRow(tr("Uppgiftslämnare"), source_row)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.sign_button)
        layout.addLayout(buttons)

        self.session = DraftSession(
            self,
            runner,
            self._save_call,
            changes=JOURNAL,
            status=self.status,
            error=self.error,
            saved=draft is not None,
            on_saved=self.saved.emit,
        )
        if draft is not None:
            self._load(draft)
        self._source_changed()
        self.event_date.dateChanged.connect(self.session.changed)
        self.kind.currentIndexChanged.connect(self.session.changed)
        self.source.currentIndexChanged.connect(self.session.changed)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.source_detail.textChanged.connect(self.session.changed)
        self.text.textChanged.connect(self.session.changed)
        self.sign_button.clicked.connect(self.ask_sign)
        self.discard_button.clicked.connect(self.ask_discard)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.ask_sign)
        self.text.setFocus()

    # -- content ---------------------------------------------------------------------------

    @property
    def entry_id(self) -> int | None:
        return self._slot.entry_id

    @property
    def dirty(self) -> bool:
        return self.session.dirty

    @property
    def confirm_box(self) -> QMessageBox | None:
        return self.session.confirm_box

    def resume_point(self) -> OpenEditor | None:
        """What to open again after an unlock: this draft (its id may come with the lock's
        save), or a new entry when nothing was written yet."""
        slot = self._slot
        return self.session.resume_point(EditorKind.JOURNAL, lambda: slot.entry_id)

    def _load(self, entry: JournalEntryView) -> None:
        self.event_date.setDate(date_edit(date.fromisoformat(entry.event_date)).date())
        self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind.value)))
        if entry.source is not None:
            self.source.setCurrentIndex(max(0, self.source.findData(entry.source.value)))
        self.source_detail.setText(entry.source_detail)
        self.text.setPlainText(entry.text)
        self.session.show_saved(entry.saved_utc)

    def draft(self) -> EntryDraft:
        code = str(self.source.currentData() or "")
        return EntryDraft(
            event_date=date_of(self.event_date),
            kind=EntryKind(self.kind.currentData()),
            source=SourceKind(code) if code else None,
            source_detail=self.source_detail.text(),
            text=self.text.toPlainText(),
        )

    def _source_changed(self) -> None:
        code = str(self.source.currentData() or "")
        needs = bool(code) and SourceKind(code) in NEEDS_DETAIL
        self.source_detail.setEnabled(needs)
        self.source_detail_label.setEnabled(needs)
        if code == SourceKind.AUTHORITY.value:
            label, hint = tr("Vilken myndighet"), tr("T.ex. Polisen (krävs)")
        elif needs:
            label, hint = tr("Vem"), tr("Namn eller relation (krävs)")
        else:
            label, hint = tr("Vem"), ""
        self.source_detail_label.setText(label)
        self.source_detail.setAccessibleName(label)
        self.source_detail.setPlaceholderText(hint)

    # -- the draft's life ------------------------------------------------------------------

    def save_now(self) -> None:
        """Save the draft now (the session does it a few seconds after the last change)."""
        self.session.save_now()

    def _save_call(self) -> Call:
        slot, journal, case_id, draft = self._slot, self._journal, self._case_id, self.draft()
        return lambda: slot.save(journal, case_id, draft)

    def ask_sign(self) -> None:
        if self.session.finished:
            return
        self.error.clear_message()
        self.session.ask(
            tr("Signera anteckningen"),
            tr("En signerad anteckning kan inte ändras. Signera?"),
            tr("Signera"),
            self.sign_now,
        )

    def sign_now(self) -> None:
        """Sign without asking again (after the confirmation)."""
        slot, journal, case_id, draft = self._slot, self._journal, self._case_id, self.draft()
        self.session.sign(
            lambda: slot.sign(journal, case_id, draft),
            busy=Busy(self.sign_button, tr("Signerar…"), (self.discard_button,)),
            changes=JOURNAL,
            success=self._signed,
        )

    def _signed(self, entry_id: int) -> None:
        self.signed.emit(entry_id)
        self.accept()

    def ask_discard(self) -> None:
        self.session.ask(
            tr("Ta bort utkastet"),
            tr("Utkastet tas bort och kan inte återskapas. Ta bort det?"),
            tr("Ta bort utkastet"),
            self.discard_now,
            safe_default=True,
        )

    def discard_now(self) -> None:
        slot, journal, case_id = self._slot, self._journal, self._case_id
        self.session.discard(lambda: slot.discard(journal, case_id))
        self.discarded.emit()
        self.reject()

    def done(self, result: int) -> None:
        """Every way out (Stäng, Escape, the window's ✕, after signing) saves what is left."""
        self.session.close()
        super().done(result)
