"""Children coming along to skyddat boende, in the decision dialog.

In a parent's decision: one check box per child of the case. Signing the parent's decision then
prepares each ticked child's own case with a draft of the child's own decision
(`sign_with_children`); the program never signs it. In a child's own decision: the child's
needs and whether every guardian consents, which decides the legal ground offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QVBoxLayout, QWidget

from vinr_desktop.domain.child_placement import CONSENT_LABELS, GuardianConsent
from vinr_desktop.domain.decisions import DecisionDraft
from vinr_desktop.domain.errors import UserError
from vinr_desktop.services.care.decisions import DecisionService
from vinr_desktop.ui.common.forms import text_edit
from vinr_desktop.ui.common.layouts import keep_choice_readable
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
    child_error: str  # the child's case could not be prepared (the decision itself is signed)


class ChildrenBox(QFrame):
    """The children of the case as check boxes."""

    toggled = Signal()

    def __init__(self, children: tuple[CaseChild, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CareSection")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addWidget(heading(tr("Barn som följer med"), 3))
        layout.addWidget(
            styled_label(
                tr("Barnet bedöms och beviljas skyddat boende i ett eget beslut. Kryssa i "
                   "barnen: när du signerar får varje barn ett eget ärende med ett utkast till "
                   "beslut. Där skriver du barnets behov, om vårdnadshavarna samtycker och "
                   "motiveringen, och signerar."),
                "muted",
            )
        )  # fmt: skip
        self.boxes: list[tuple[CaseChild, QCheckBox]] = []
        for child in children:
            box = QCheckBox(child.name)
            self.boxes.append((child, box))
            layout.addWidget(box)
            box.toggled.connect(self.toggled)

    def any_checked(self) -> bool:
        return any(box.isChecked() for _child, box in self.boxes)

    def checked(self) -> tuple[str, ...]:
        return tuple(c.person_id for c, box in self.boxes if box.isChecked())

    def set_checked(self, person_ids: set[str]) -> None:
        for child, box in self.boxes:
            box.setChecked(child.person_id in person_ids)

    def set_read_only(self) -> None:
        for _child, box in self.boxes:
            box.setEnabled(False)


class ChildPlacementBox(QFrame):
    """A child's own skyddat boende decision: the child's needs and the guardians' consent."""

    consent_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CareSection")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addWidget(heading(tr("Barnets placering i skyddat boende"), 3))
        layout.addWidget(styled_label(tr("Barnets egna behov av skydd och stöd"), "muted"))
        self.needs = text_edit(70)
        self.needs.setPlaceholderText(
            tr("Barnets situation, behov och inställning, bedömt för barnet självt")
        )
        layout.addWidget(self.needs)
        layout.addWidget(styled_label(tr("Vårdnadshavarnas samtycke"), "muted"))
        self.consent = QComboBox()
        self.consent.addItem(tr("Välj…"), "")
        for consent in GuardianConsent:
            self.consent.addItem(tr(CONSENT_LABELS[consent]), consent.value)
        self.consent.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        keep_choice_readable(self.consent, 24)
        layout.addWidget(self.consent)
        layout.addWidget(
            styled_label(
                tr("Med samtycke från samtliga vårdnadshavare gäller socialtjänstlagen; utan "
                   "samtycke från båda lagen om placering av barn i skyddat boende. Lagrummen "
                   "som visas följer svaret."),
                "muted",
            )
        )  # fmt: skip
        self.consent.currentIndexChanged.connect(lambda _i: self.consent_changed.emit())

    def value(self) -> tuple[str, str]:
        """(child's needs, consent code)."""
        return self.needs.toPlainText(), str(self.consent.currentData() or "")

    def set_value(self, needs: str, consent: str) -> None:
        self.needs.setPlainText(needs)
        self.consent.setCurrentIndex(max(0, self.consent.findData(consent)))

    def set_read_only(self) -> None:
        self.needs.setReadOnly(True)
        self.consent.setEnabled(False)


def sign_with_children(
    decisions: DecisionService,
    case_id: str,
    decision_id: str | None,
    draft: DecisionDraft,
    communication_reason: str = "",
) -> SignResult:
    """Sign the decision, then prepare each child's own case and draft decision (database
    thread). A child's case that cannot be prepared leaves the parent's decision signed; the
    message says what is left to do. `communication_reason`: why a decision going against the
    client is signed without complete kommunicering."""
    signed_id = decisions.sign(
        case_id, decision_id, draft, communication_reason=communication_reason
    )
    made: list[ChildCaseResult] = []
    try:
        for person_id in draft.children_along:
            made.append(decisions.prepare_child_placement(case_id, signed_id, person_id))
    except UserError as exc:
        return SignResult(signed_id, tuple(made), exc.message)
    return SignResult(signed_id, tuple(made), "")
