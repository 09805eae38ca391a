"""Granska partsinsyn: the handläggare goes through every item of the draft copy and decides
for each: release, release with her selected words masked (each mask with the OSL reference she
chose), or withhold with a reference. Nothing can be decided until every item has a review; a
journal entry about someone else is marked as another person's secret from here. The texts
shown are already scrubbed as the client's copy will be.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.insight import VERDICT_LABELS, ItemKind, ItemReview, Mask, Verdict
from vinr_desktop.domain.plurals import count_text
from vinr_desktop.services.insight.service import InsightService, MarkableEntry
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, primary_button, styled_label
from vinr_desktop.ui.insight.mark_dialog import OthersSecretDialog, reference_combo
from vinr_desktop.ui.insight.masks_view import paint_masks, python_index
from vinr_desktop.views.insight import InsightDraftView, ReviewItemView

CHANGES = frozenset({"insight"})


def tr(text: str) -> str:
    return QCoreApplication.translate("Insight", text)


def status_text(view: ReviewItemView) -> str:
    if view.locked:
        return tr("Annans sekretess – lämnas inte ut")
    if view.review is None:
        return tr("Behöver granskas igen") if view.changed else tr("Inte granskad")
    return tr(VERDICT_LABELS[view.review.verdict])


class ReviewDialog(QDialog):
    decided = Signal()  # the review was decided: the copy can be made

    def __init__(
        self,
        insight: InsightService,
        runner: OperationRunner,
        case_id: str,
        request_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Granska partsinsyn"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._insight, self._runner = insight, runner
        self._case_id, self._request_id = case_id, request_id
        self.draft: InsightDraftView | None = None
        self._masks: list[Mask] = []
        self.mark_dialog: OthersSecretDialog | None = None

        self.items = QListWidget()
        self.items.setMinimumWidth(300)
        self.items.setWordWrap(True)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.release_chosen = QPushButton(tr("Lämna ut valda"))
        self.release_chosen.setToolTip(
            tr("Välj flera delar i listan (Ctrl- eller Skift-klick) som lämnas ut i sin helhet")
        )
        self.release_chosen.setAutoDefault(False)
        self.title = heading("", 3)
        self.title.setWordWrap(True)
        self.state = styled_label("", "muted")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.release_radio = QRadioButton(tr("Lämnas ut"))
        self.mask_radio = QRadioButton(tr("Lämnas ut med maskering"))
        self.withhold_radio = QRadioButton(tr("Lämnas inte ut"))
        self.verdicts = QButtonGroup(self)
        for radio, verdict in (
            (self.release_radio, Verdict.RELEASE),
            (self.mask_radio, Verdict.MASK),
            (self.withhold_radio, Verdict.WITHHOLD),
        ):
            self.verdicts.addButton(radio)
            radio.setProperty("verdict", verdict.value)
        self.reference = reference_combo(())
        self.mask_button = QPushButton(tr("Maskera markerad text"))
        self.mask_button.setToolTip(
            tr("Markera ord eller stycken i texten och maskera dem med vald bestämmelse")
        )
        self.unmask_button = QPushButton(tr("Ta bort maskeringar"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Egen anteckning om skälet (syns inte för klienten)"))
        self.secret_button = QPushButton(tr("Annans sekretess…"))
        self.secret_button.setToolTip(
            tr("Markera att anteckningen, eller ett stycke i den, rör någon annan")
        )
        self.save_button = primary_button(tr("Spara och gå till nästa"))
        self.error = ErrorLabel()
        self.progress = styled_label("", "muted")
        self.decide_button = primary_button(tr("Besluta och ta fram kopian"))
        self.close_button = QPushButton(tr("Stäng"))
        for button in (self.mask_button, self.unmask_button, self.secret_button, self.close_button):
            button.setAutoDefault(False)

        verdict_row = QHBoxLayout()
        for radio in (self.release_radio, self.mask_radio, self.withhold_radio):
            verdict_row.addWidget(radio)
        verdict_row.addStretch(1)
        tools = QHBoxLayout()
        for button in (self.mask_button, self.unmask_button, self.secret_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.state)
        right_layout.addWidget(self.text, 1)
        right_layout.addLayout(verdict_row)
        right_layout.addWidget(self.reference)
        right_layout.addWidget(self.note)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.error)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.items, 1)
        left_layout.addWidget(self.release_chosen)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        footer = QHBoxLayout()
        footer.addWidget(self.progress, 1)
        footer.addWidget(self.close_button)
        footer.addWidget(self.decide_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            styled_label(
                tr(
                    "Gå igenom varje del. Uppgifter om våldsutövaren och andras skyddade "
                    "uppgifter är redan borttagna. Det du maskerar visas som [sekretess] med "
                    "bestämmelsen; det som inte lämnas ut räknas upp i följebrevet utan innehåll."
                ),
                "muted",
            )
        )
        layout.addWidget(split, 1)
        layout.addLayout(footer)
        add_case_banner(self, case_id)
        self.resize(1100, 640)

        self.items.currentRowChanged.connect(lambda _row: self._show_item())
        self.items.itemSelectionChanged.connect(self._update)
        self.release_chosen.clicked.connect(self.release_selected)
        self.verdicts.buttonToggled.connect(lambda *_a: self._update())
        self.mask_button.clicked.connect(self.mask_selection)
        self.unmask_button.clicked.connect(self.clear_masks)
        self.save_button.clicked.connect(self.save)
        self.secret_button.clicked.connect(self.mark_secret)
        self.decide_button.clicked.connect(self.decide)
        self.close_button.clicked.connect(self.reject)
        self._update()
        self.reload()

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        insight, case_id, request_id = self._insight, self._case_id, self._request_id
        self._runner.run(
            lambda: insight.draft(case_id, request_id),
            parent=self,
            success=self._show,
            failure=self.error.show_message,
        )

    def _show(self, draft: InsightDraftView, *, next_open: bool = False) -> None:
        current = self.current()
        self.draft = draft
        if self.reference.count() == 0:
            for reference in draft.references:
                self.reference.addItem(f"{reference.label} – {reference.text}", reference.code)
        self.items.blockSignals(True)
        self.items.clear()
        for view in draft.items:
            item = QListWidgetItem(f"{view.item.label}\n{status_text(view)}")
            if view.review is None and not view.locked:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.items.addItem(item)
        self.items.blockSignals(False)
        keys = [v.item.key for v in draft.items]
        row = keys.index(current.item.key) if current and current.item.key in keys else 0
        if next_open:
            row = next(
                (i for i, v in enumerate(draft.items) if v.review is None and not v.locked), row
            )
        if draft.items:
            self.items.setCurrentRow(row)
        self._show_item()
        done = len(draft.items) - draft.remaining
        total = count_text(len(draft.items), tr("del"), tr("delar"))
        self.progress.setText(tr("Granskade: {0} av {1}.").format(done, total))
        self.decide_button.setEnabled(draft.remaining == 0 and bool(draft.items))

    def current(self) -> ReviewItemView | None:
        if self.draft is None:
            return None
        row = self.items.currentRow()
        return self.draft.items[row] if 0 <= row < len(self.draft.items) else None

    def _show_item(self) -> None:
        view = self.current()
        self.error.clear_message()
        self._masks = []
        if view is None:
            self.title.setText("")
            self.state.setText("")
            self.text.setPlainText("")
            self._update()
            return
        self.title.setText(view.item.title)
        self.state.setText(status_text(view))
        if view.locked:
            self.text.setPlainText(
                tr("Innehållet visas inte: anteckningen är markerad som annans sekretess.")
            )
        else:
            self.text.setPlainText(view.item.text)
        review = view.review or ItemReview(Verdict.RELEASE)
        self.verdicts.setExclusive(False)
        for button in self.verdicts.buttons():
            button.setChecked(False)
        self.verdicts.setExclusive(True)
        if view.review is not None:
            {Verdict.RELEASE: self.release_radio, Verdict.MASK: self.mask_radio}.get(
                review.verdict, self.withhold_radio
            ).setChecked(True)
        self._masks = list(review.masks)
        self.note.setText(review.note if not view.locked else "")
        code = review.osl_code or (review.masks[0].osl_code if review.masks else "")
        if code:
            self.reference.setCurrentIndex(max(0, self.reference.findData(code)))
        self._paint_masks()
        self._update()

    # -- her choices ------------------------------------------------------------------------

    def verdict(self) -> Verdict | None:
        button = self.verdicts.checkedButton()
        return Verdict(button.property("verdict")) if button is not None else None

    def _update(self) -> None:
        view = self.current()
        open_ = (
            view is not None
            and not view.locked
            and not (self.draft is not None and self.draft.request.decided)
        )
        verdict = self.verdict()
        for button in self.verdicts.buttons():
            button.setEnabled(open_)
        self.reference.setEnabled(open_ and verdict in (Verdict.MASK, Verdict.WITHHOLD))
        self.mask_button.setEnabled(open_ and verdict is Verdict.MASK)
        self.unmask_button.setEnabled(open_ and verdict is Verdict.MASK and bool(self._masks))
        self.note.setEnabled(open_ and verdict is Verdict.WITHHOLD)
        self.save_button.setEnabled(open_ and verdict is not None)
        self.secret_button.setEnabled(
            view is not None and view.item.kind is ItemKind.JOURNAL and not view.locked
        )
        chosen = self.chosen_keys()
        self.release_chosen.setEnabled(len(chosen) > 1)
        self.release_chosen.setText(
            tr("Lämna ut valda ({0})").format(len(chosen))
            if len(chosen) > 1
            else tr("Lämna ut valda")
        )

    def chosen_keys(self) -> list[str]:
        """The items chosen in the list that can be released (not another's secret)."""
        if self.draft is None or self.draft.request.decided:
            return []
        rows = sorted(self.items.row(i) for i in self.items.selectedItems())
        views = [self.draft.items[r] for r in rows if 0 <= r < len(self.draft.items)]
        return [v.item.key for v in views if not v.locked]

    def release_selected(self) -> None:
        self._store(self.chosen_keys(), ItemReview(Verdict.RELEASE), self.release_chosen)

    def mask_selection(self) -> None:
        cursor = self.text.textCursor()
        text = self.text.toPlainText()
        start = python_index(text, cursor.selectionStart())
        end = python_index(text, cursor.selectionEnd())
        if start == end:
            self.error.show_message(tr("Markera först ord eller stycken i texten."))
            return
        self.error.clear_message()
        self._masks.append(Mask(start, end, str(self.reference.currentData())))
        cursor.clearSelection()  # the dark band shows what is masked, not the selection
        self.text.setTextCursor(cursor)
        self._paint_masks()
        self._update()

    def clear_masks(self) -> None:
        self._masks = []
        self._paint_masks()
        self._update()

    def _paint_masks(self) -> None:
        paint_masks(self.text, self._masks)

    def review(self) -> ItemReview | None:
        verdict = self.verdict()
        if verdict is None:
            return None
        code = str(self.reference.currentData() or "")
        if verdict is Verdict.WITHHOLD:
            return ItemReview(verdict, code, self.note.text())
        if verdict is Verdict.MASK:
            return ItemReview(verdict, masks=tuple(self._masks))
        return ItemReview(verdict)

    def save(self) -> None:
        view, review = self.current(), self.review()
        if view is not None and review is not None:
            self._store([view.item.key], review, self.save_button)

    def _store(self, keys: list[str], review: ItemReview, button: QPushButton) -> None:
        """Save the review of these items, then show the next item to review."""
        insight, case_id, request_id = self._insight, self._case_id, self._request_id

        def call() -> InsightDraftView:
            insight.review_many(case_id, request_id, keys, review)
            return insight.draft(case_id, request_id)

        self._runner.run(
            call,
            parent=self,
            success=lambda draft: self._show(draft, next_open=True),
            failure=self.error.show_message,
            busy=Busy(button, tr("Sparar…")),
            changes=CHANGES,
        )

    def mark_secret(self) -> None:
        view = self.current()
        if view is None or view.item.kind is not ItemKind.JOURNAL or self.draft is None:
            return
        entry_id = int(view.item.key.split(":", 1)[1])
        insight, case_id = self._insight, self._case_id
        references = self.draft.references

        def opened(entry: MarkableEntry) -> None:
            dialog = OthersSecretDialog(insight, self._runner, case_id, entry, references, self)
            dialog.succeeded.connect(lambda _mark: self.reload())
            self.mark_dialog = dialog
            dialog.open()

        self._runner.run(
            lambda: insight.markable_entry(case_id, entry_id),
            parent=self,
            success=opened,
            failure=self.error.show_message,
        )

    def decide(self) -> None:
        insight, case_id, request_id = self._insight, self._case_id, self._request_id

        def decided(_result: object) -> None:
            self.decided.emit()
            self.accept()

        self._runner.run(
            lambda: insight.decide(case_id, request_id),
            parent=self,
            success=decided,
            failure=self.error.show_message,
            busy=Busy(self.decide_button, tr("Beslutar…"), (self.close_button,)),
            changes=frozenset({"insight", "journal"}),
        )
