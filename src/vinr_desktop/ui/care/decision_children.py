"""Children coming along to skyddat boende, in the decision dialog: one check box per child of
the case, and the motivation written in each child's own decision. Signing the parent's
decision then makes each ticked child's own case and decision (`sign_with_children`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLineEdit, QVBoxLayout, QWidget

from vinr_desktop.domain.decisions import DecisionDraft
from vinr_desktop.domain.errors import UserError
from vinr_desktop.services.care.decisions import DecisionService
from vinr_desktop.ui.common.widgets import heading, styled_label
from vinr_desktop.views.care import ChildCaseResult


def tr(text: str) -> str:
    return QCoreApplication.translate("DecisionChildren", text)


@dataclass(frozen=True)
class CaseChild:
    """A child of the case who may come along to skyddat boende."""

    person_id: str
    name: str


@dataclass(frozen=True)
class SignResult:
    decision_id: str
    children: tuple[ChildCaseResult, ...]
    child_error: str  # the child's case could not be made (the decision itself is signed)


def child_motivation() -> str:
    return tr("Barnet följer med sin förälder till skyddat boende och behöver skydd och stöd.")


class ChildrenBox(QFrame):
    """The children of the case as check boxes, and the motivation for their decisions."""

    toggled = Signal()

    def __init__(self, children: tuple[CaseChild, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CareSection")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addWidget(heading(tr("Barn som följer med"), 3))
        layout.addWidget(
            styled_label(
                tr("Ett barn som följer med till skyddat boende ska ha ett eget ärende och ett "
                   "eget beslut. Kryssa i barnen: när du signerar skapas barnets ärende och "
                   "beslut med samma insats, utförare och period."),
                "muted",
            )
        )  # fmt: skip
        self.boxes: list[tuple[CaseChild, QCheckBox]] = []
        for child in children:
            box = QCheckBox(child.name)
            self.boxes.append((child, box))
            layout.addWidget(box)
            box.toggled.connect(self.toggled)
        self.motivation = QLineEdit(child_motivation())
        self.motivation.setMaxLength(2000)
        layout.addWidget(styled_label(tr("Motivering i barnets beslut"), "muted"))
        layout.addWidget(self.motivation)

    def any_checked(self) -> bool:
        return any(box.isChecked() for _child, box in self.boxes)

    def checked(self) -> tuple[str, ...]:
        return tuple(c.person_id for c, box in self.boxes if box.isChecked())

    def set_checked(self, person_ids: set[str]) -> None:
        for child, box in self.boxes:
            box.setChecked(child.person_id in person_ids)

    def set_read_only(self) -> None:
        self.motivation.setReadOnly(True)
        for _child, box in self.boxes:
            box.setEnabled(False)


def sign_with_children(
    decisions: DecisionService,
    case_id: str,
    decision_id: str | None,
    draft: DecisionDraft,
    child_text: str,
) -> SignResult:
    """Sign the decision, then make each child's own case and decision (database thread).

    A child's case that cannot be made leaves the parent's decision signed; the message says
    what is left to do."""
    signed_id = decisions.sign(case_id, decision_id, draft)
    made: list[ChildCaseResult] = []
    try:
        for person_id in draft.children_along:
            proposal = decisions.child_decision_proposal(case_id, signed_id, person_id)
            made.append(
                decisions.create_child_case(
                    case_id, signed_id, person_id, replace(proposal, motivation=child_text)
                )
            )
    except UserError as exc:
        return SignResult(signed_id, tuple(made), exc.message)
    return SignResult(signed_id, tuple(made), "")
